/**
 * Reads manifests back with the real consumer: kubectl's Go YAML reader (sigs.k8s.io/yaml, the
 * reader of the API server's clients, Helm, Argo CD), through `kubectl label --local -f FILE k=v
 * -o json`, which works offline. Many objects go into one file and one kubectl call, so that a
 * suite stays fast.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubectlBinary } from '../helm/helm-binary';

/** The label kubectl adds (and the read-back removes again). */
export const READ_BACK_LABEL = 'integrity.openclaw-cdk8s.test/read-back';

/** What kubectl read from `yamlText`, in document order, without the label it added. */
export function kubectlRead(yamlText: string): any[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-read-back-'));
  try {
    const file = path.join(dir, 'manifests.yaml');
    fs.writeFileSync(file, yamlText);
    const r = spawnSync(kubectlBinary(), ['label', '--local', '-f', file, `${READ_BACK_LABEL}=yes`, '-o', 'json'], {
      encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, KUBECONFIG: path.join(dir, 'no-kubeconfig') },
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`kubectl could not read the manifests: ${r.stderr.trim()}`);
    return jsonStream(r.stdout).map(withoutReadBackLabel);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** kubectl prints one JSON document per object, one after the other. */
function jsonStream(text: string): any[] {
  const values: any[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  if (depth !== 0 || inString) throw new Error('kubectl printed truncated JSON');
  return values;
}

function withoutReadBackLabel(o: any): any {
  const labels = o?.metadata?.labels;
  if (labels?.[READ_BACK_LABEL] !== 'yes') throw new Error(`kubectl did not label ${o?.kind}/${o?.metadata?.name}`);
  delete labels[READ_BACK_LABEL];
  return o;
}

/**
 * Asserts that kubectl reads `yamlText` as exactly `objects` (what we validated) and returns how
 * many objects were compared. Objects without labels get `labels: {}` from kubectl's label
 * command; that one difference is forgiven. `anyOrder` for readers that reorder documents
 * (`helm template` sorts by kind).
 */
export function expectKubectlReadsBack(yamlText: string, objects: readonly any[], opts: { anyOrder?: boolean } = {}): number {
  const order = (list: any[]) => (opts.anyOrder ? [...list].sort((a, b) => sortKey(a).localeCompare(sortKey(b))) : list);
  const read = order(kubectlRead(yamlText));
  const expected = order(objects.map((o) => (o?.metadata && !o.metadata.labels ? { ...o, metadata: { ...o.metadata, labels: {} } } : o)));
  expect(read).toHaveLength(objects.length);
  expect(read).toEqual(expected);
  return read.length;
}

const sortKey = (o: any) => `${o?.kind}/${o?.metadata?.namespace}/${o?.metadata?.name}/${canonical(o)}`;
/** JSON with sorted keys: kubectl sorts them, the chart does not. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
