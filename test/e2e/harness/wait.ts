/** Polls `get` until it gives a value, or fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, get: () => T | undefined, pollMs = 500): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((res) => setTimeout(res, pollMs));
  }
}
