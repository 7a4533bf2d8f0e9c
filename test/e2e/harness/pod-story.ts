/** What a pod run did, for failure messages, and the one "healthy" rule the e2e suites share. */
import type { PodRunResult } from './pod-types';

/** The run's story as JSON: errors, init containers, validate, probes, token check, log tail. */
export function podStory(r: PodRunResult): string {
  return JSON.stringify({
    podError: r.podError,
    init: r.initContainers.map((c) => ({ name: c.name, exitCode: c.exitCode, durationMs: c.durationMs, stdout: c.stdout.slice(-1500), stderr: c.stderr.slice(-1500) })),
    validate: r.validate && { status: r.validate.status, output: r.validate.output.slice(-1500) },
    listenMs: r.main.listenMs,
    exit: r.main.exit,
    probes: r.probes.map((p) => ({ kind: p.kind, handler: p.handler, status: p.status, firstPassMs: p.firstPassMs, lastError: p.lastError })),
    auth: r.auth && { withToken: r.auth.withToken.status, withoutToken: r.auth.withoutToken.status },
    whileReadyError: r.whileReadyError,
    logTail: r.main.logTail.split('\n').slice(-25).join('\n'),
  }, null, 2);
}

/** Healthy: the pod ran, all three probes passed, and the token was enforced (throws with the story otherwise). */
export function expectHealthy(r: PodRunResult, what: string): void {
  if (!(r.ok && r.probes.length === 3 && r.probes.every((p) => p.status === 'passed') && r.auth?.enforced && !r.whileReadyError)) {
    throw new Error(`${what}: the pod did not become healthy\n${podStory(r)}`);
  }
}
