import * as YAML from 'yaml';
import { manyKeys } from '../test/security/hostile-values';
for (const n of [10000, 20000, 40000, 80000]) {
  const t = manyKeys(n, false);
  let s = Date.now();
  YAML.parseAllDocuments(t, { version: '1.1', uniqueKeys: false });
  const a = Date.now() - s; s = Date.now();
  const toks = [...new YAML.Parser().parse(t)];
  const b = Date.now() - s; s = Date.now();
  const lx = [...new YAML.Lexer().lex(t)];
  console.log(n, 'full', a, 'parser(CST)', b, 'lexer', Date.now() - s, toks.length, lx.length);
}
