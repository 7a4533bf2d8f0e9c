/**
 * The public surface is deliberate: api-extractor reads the built declarations (lib/src/index.d.ts,
 * @internal stripped) and the result must equal the committed report, etc/openclaw-cdk8s.api.md.
 * A change to the surface is made by `npm run api` and shows in review as a diff of that report.
 * Every type the surface uses must be exported by name (no ae-forgotten-export).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { REPO } from './pack';

test('the API report equals the committed etc/openclaw-cdk8s.api.md, and every type it uses can be named', () => {
  if (!fs.existsSync(path.join(REPO, 'lib', 'src', 'index.d.ts'))) throw new Error('lib/ is not built: run `npm run build`');
  const config = ExtractorConfig.loadFileAndPrepare(path.join(REPO, 'api-extractor.json'));
  const messages: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: false,
    messageCallback: (m) => {
      if (m.logLevel === 'warning' || m.logLevel === 'error') messages.push(`${m.messageId}: ${m.text}`);
      m.handled = true;
    },
  });
  const report = fs.readFileSync(path.join(REPO, 'etc', 'openclaw-cdk8s.api.md'), 'utf8');
  expect(report).not.toMatch(/ae-forgotten-export/);
  expect(messages).toEqual([]);
  expect(result.apiReportChanged).toBe(false);
  expect(result.succeeded).toBe(true);
});
