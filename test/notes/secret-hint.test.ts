/**
 * The summary's `kubectl create secret` line is run exactly as printed (sh, with a stand-in
 * kubectl that records its arguments), and the Secret it would create must hold every key the
 * rendered pods cannot start without: each non-optional secretKeyRef to that Secret.
 */
import { OpenClawChartProps } from '../../src';
import { renderNotes } from '../../src/notes/summary';
import { requiredSecretKeys } from '../../src/notes/secrets';
import { createCommand, runAsPrinted, secretData } from '../helpers/secret-hint';
import { synthChart } from '../helpers/synth';

const sts = (objects: any[]) => objects.find((o) => o.kind === 'StatefulSet');

/** The keys of Secret `name` that some container of the rendered StatefulSet requires, sorted, each once. */
function renderedRefs(objects: any[], name: string): string[] {
  const spec = sts(objects).spec.template.spec;
  return [...new Set([...spec.initContainers, ...spec.containers]
    .flatMap((c: any) => c.env ?? []).map((e: any) => e.valueFrom?.secretKeyRef)
    .filter((r: any) => r?.name === name && !r.optional).map((r: any) => r.key as string))].sort();
}

test('existingSecret with the API key and the token: the printed Secret has both keys, so the pods can start', () => {
  const props: OpenClawChartProps = {
    existingSecret: { name: 'openclaw-secrets', keys: { ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY', OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' } },
  };
  const chart = synthChart(props);
  const objects = chart.toJson();
  const notes = renderNotes(chart);
  expect(notes).toContain(`  Create: kubectl create secret generic openclaw-secrets -n openclaw \\
            --from-literal=ANTHROPIC_API_KEY="$ANTHROPIC_API_KEY" \\
            --from-literal=OPENCLAW_GATEWAY_TOKEN="$(openssl rand -hex 32)"
          (set each "$NAME" in your shell first, or type the value in its place)
`);
  const data = secretData(runAsPrinted(createCommand(notes), { ANTHROPIC_API_KEY: 'test-key' }));
  const required = requiredSecretKeys(chart._model.env, 'openclaw-secrets').map((r) => r.key);
  expect(required.sort()).toEqual(['ANTHROPIC_API_KEY', 'OPENCLAW_GATEWAY_TOKEN']);
  expect(required).toEqual(renderedRefs(objects, 'openclaw-secrets'));
  expect(Object.keys(data).sort()).toEqual(required);
  expect(data.ANTHROPIC_API_KEY).toBe('test-key');
  expect(data.OPENCLAW_GATEWAY_TOKEN).toMatch(/^[0-9a-f]{64}$/);
});

test('keys named apart from their env vars, and another container reading the same Secret: every required key, no optional one', () => {
  const props: OpenClawChartProps = {
    existingSecret: { name: 'creds', keys: { OPENCLAW_GATEWAY_TOKEN: 'gateway-token', TELEGRAM_BOT_TOKEN: 'telegram' } },
    extraEnv: [
      { name: 'SMTP_PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'smtp' } } },
      { name: 'MAYBE', valueFrom: { secretKeyRef: { name: 'creds', key: 'maybe', optional: true } } },
      { name: 'ELSEWHERE', valueFrom: { secretKeyRef: { name: 'other', key: 'x' } } },
    ],
    backup: { enabled: true },
  };
  const chart = synthChart(props);
  const objects = chart.toJson();
  // What the pods require, read from every container of the rendered StatefulSet.
  const refs = renderedRefs(objects, 'creds');
  const data = secretData(runAsPrinted(createCommand(renderNotes(chart)), { TELEGRAM_BOT_TOKEN: 't', SMTP_PASSWORD: 's' }));
  expect(Object.keys(data).sort()).toEqual(refs);
  // The model's env is every env of the pod that reads the Secret (the summary takes the keys from it).
  expect(requiredSecretKeys(chart._model.env, 'creds').map((r) => r.key).sort()).toEqual(refs);
  expect(Object.keys(data).sort()).toEqual(['gateway-token', 'smtp', 'telegram']);
  expect(data).toMatchObject({ telegram: 't', smtp: 's' });
});

test('only the token in the Secret: the one-line command, as before', () => {
  const notes = renderNotes(synthChart({ gateway: { tokenSecret: {} } }));
  const args = runAsPrinted(createCommand(notes), {});
  expect(args.slice(0, 6)).toEqual(['create', 'secret', 'generic', 'my-openclaw-gateway-token', '-n', 'openclaw']);
  expect(Object.keys(secretData(args))).toEqual(['OPENCLAW_GATEWAY_TOKEN']);
});
