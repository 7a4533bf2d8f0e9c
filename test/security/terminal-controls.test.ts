/**
 * No terminal control character reaches a terminal or a file meant for people: stderr (problems,
 * warnings, the summary), NOTES.txt and the README of the Helm export show them escaped (`\x1b`),
 * so that a value cannot clear the screen or erase the hostPath warning printed before it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { forPeople } from '../../src/core/text-safety';
import { cli, tempDir, writeFile } from '../cli/run-cli';

const dir = tempDir();
const ESC = '\u001b';
/** Any terminal control but tab and newline. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test('forPeople: C0 (but tab and newline), DEL and C1 escaped as \\xNN; other text unchanged', () => {
  expect(forPeople(`a${ESC}[2Jb\rc\u0007d\u007fe\u009bf\u0000`)).toBe('a\\x1b[2Jb\\x0dc\\x07d\\x7fe\\x9bf\\x00');
  expect(forPeople('tab\tnew\nline é ☕ \u2028')).toBe('tab\tnew\nline é ☕ \u2028');
});

test('an ESC in an ingress path and in a key: refused, and shown escaped in the problems on stderr', async () => {
  const values = writeFile(dir, 'esc.yaml', [
    'ingress:', '  enabled: true', '  hosts:', '    - host: a.example.com', '      paths:', `        - path: "/x\\e[2Jy"`,
    'gateway:', '  trustedProxies: [10.42.3.17/32]', '',
  ].join('\n'));
  const r = await cli('synth', '-f', values);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(RAW_CONTROL);
  expect(r.stderr).toContain('ingress.hosts[0].paths[0].path: must not contain control characters');
  // The bad value is quoted as JSON: the ESC is a \u escape, never the byte.
  expect(r.stderr).toContain('(got "/x\\u001b[2Jy")');

  const bad = await cli('synth', '-f', writeFile(dir, 'esc-key.yaml', 'podLabels:\n  "a\\e[2J": x\n'));
  expect(bad.code).toBe(1);
  expect(bad.stderr).not.toMatch(RAW_CONTROL);
  expect(bad.stderr).toContain('  - podLabels.a\\x1b[2J: the key ');
});

test('a warning that quotes a value with an ESC (an annotation) shows it escaped', async () => {
  const values = writeFile(dir, 'esc-annotation.yaml', [
    'ingress:', '  enabled: true', '  annotations:', '    nginx.ingress.kubernetes.io/configuration-snippet: "x\\e[2Jy"', '',
  ].join('\n'));
  const r = await cli('synth', '-f', values);
  expect(r.stderr).not.toMatch(RAW_CONTROL);
  expect(r.stderr).toContain('configuration-snippet');
});

test('the Helm export: NOTES.txt and README.md carry the escape, not the character', async () => {
  const values = writeFile(dir, `v${ESC}[2J.yaml`, ['ingress:', '  enabled: true', ''].join('\n'));
  const out = path.join(dir, 'chart');
  const r = await cli('helm', '-f', values, '-o', out);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toMatch(RAW_CONTROL);
  const notes = fs.readFileSync(path.join(out, 'templates', 'NOTES.txt'), 'utf8');
  const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
  expect(notes).not.toMatch(RAW_CONTROL);
  expect(readme).not.toMatch(RAW_CONTROL);
  expect(readme).toContain(`(${path.join(dir, 'v\\x1b[2J.yaml')})`);
});
