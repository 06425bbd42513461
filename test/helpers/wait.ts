/** Waiting on an event (a restart done, a balancer answering again) instead of sleeping a guessed time. */

/** Poll `probe` every `everyMs` until it returns a value other than undefined; throw after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${ms / 1000}s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
