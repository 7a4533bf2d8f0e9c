/** A stand-in for the OpenClaw Helm chart, for tests that need a Helm release of it. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RENDERED_DIR } from '../../helpers/fixtures';

/** A chart whose one template is what the Helm chart 0.1.0 rendered for its defaults (test/fixtures). */
export function referenceChart(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-reference-chart-'));
  fs.mkdirSync(path.join(dir, 'templates'));
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: openclaw\nversion: 0.1.0\nappVersion: latest\n');
  const rendered = fs.readFileSync(path.join(RENDERED_DIR, '01-default.k8s.yaml'), 'utf8').replace(/namespace: openclaw$/gm, 'namespace: {{ .Release.Namespace }}');
  fs.writeFileSync(path.join(dir, 'templates', 'all.yaml'), rendered);
  return dir;
}
