import * as YAML from 'yaml';
import { manyKeys } from '../test/security/hostile-values';
import { parseValuesYaml } from '../src/values/yaml-values';
for (const dupe of [true, false]) {
  const t = manyKeys(40000, dupe);
  let s = Date.now();
  YAML.parseAllDocuments(t, { version: '1.1', uniqueKeys: false });
  console.log('yaml parse', Date.now() - s);
  s = Date.now();
  YAML.parseAllDocuments(t, { version: '1.1', uniqueKeys: false, lineCounter: new YAML.LineCounter(), prettyErrors: true });
  console.log('yaml parse w/ lines', Date.now() - s);
  s = Date.now();
  const r = parseValuesYaml(t, 'x');
  console.log('ours', Date.now() - s, 'problem' in r ? r.problem.message : 'ok');
}
