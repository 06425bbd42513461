/**
 * Cancellation. When a workflow run is cancelled, the runner sends SIGINT (then SIGTERM, then kills).
 * Whatever a run holds at that moment (the deploy lock, an unverified candidate) is released here,
 * so the next run does not wait for a lease to expire. A SIGKILL cannot be caught: then the next run
 * converges on its own (see release.ts).
 */
type Task = () => Promise<void>;

const tasks = new Set<Task>();
let installed = false;
let interrupted = false;

/** Run `task` if the process is interrupted; call the returned function once it is no longer needed. */
export function onInterrupt(task: Task): () => void {
  tasks.add(task);
  return () => {
    tasks.delete(task);
  };
}

export function installInterruptHandlers(warn: (message: string) => void, beforeTasks: () => void): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      warn(`Received ${signal} (run cancelled?): releasing what this run holds before stopping.`);
      beforeTasks();
      // Newest first: a candidate goes before the lock that protects it is released.
      const pending = [...tasks].reverse();
      void (async () => {
        for (const task of pending) await task().catch(() => undefined);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      })();
      // Never hang on cleanup: the runner kills us a few seconds after the signal anyway.
      setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 5000).unref();
    });
  }
}
