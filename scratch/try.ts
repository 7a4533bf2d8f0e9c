import * as fs from 'fs';
import { HOSTILE_CASES, materialize } from '../test/security/hostile-values';
import { runCli } from '../src/cli/main';
(async () => {
  const dir = fs.mkdtempSync('/tmp/vs/h-');
  let i = 0;
  for (const c of HOSTILE_CASES) {
    if (c.stdin) { i++; continue; }
    const { args, file } = materialize(c, dir, i++);
    let err = '';
    const t = Date.now();
    const code = await runCli(['synth', ...args], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
    const got = err.split('\n')[1]?.slice(4).split(file).join('FILE');
    console.log(c.name, code, Date.now() - t, 'ms', got === c.problem ? 'OK' : `\n  GOT: ${err}\n  EXP: ${c.problem}`);
  }
})();
