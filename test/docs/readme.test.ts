import * as fs from 'fs';
import * as path from 'path';
import { readmeWithTable } from '../../scripts/props-table';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test('the README props table is generated from the current JSDoc of src/props/props.ts', () => {
  // Stale? Run: npx ts-node scripts/props-table.ts --write
  expect(readme).toBe(readmeWithTable(readme));
});

test('the table lists every top-level prop of OpenClawChartProps', () => {
  for (const prop of ['image.tag', 'replicaOverrides', 'networkPolicy.customEgressPorts', 'gateway.controlUi.allowInsecureAuth', 'persistence.retentionPolicy', 'httpRoute.parentRefs']) {
    expect(readme).toContain(`| \`${prop}\` |`);
  }
});

test('the README opens with the two set-up commands: synthesize the default deployment, run the tests', () => {
  const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1].trim().split('\n');
  expect(firstBlock.map((l) => l.replace(/\s+#.*$/, ''))).toEqual(['npm ci && npm run synth', 'npm test']);
});
