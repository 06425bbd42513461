/**
 * Cancellation. When a workflow run is cancelled, the runner sends SIGINT (then SIGTERM, then kills).
 * Whatever a run holds at that moment (a preview route, traffic on a new pool, an unverified candidate, the
 * deploy lock) is released here, so the next run does not wait for a lease to expire. A SIGKILL cannot be
 * caught: then the next run converges on its own (src/release/converge.ts).
 *
 * The order is by kind, not by when a task was registered: first what routes traffic (a preview route emptied,
 * traffic shifted back), then the instances (a pool that no request can reach any more), then the lock (once
 * nothing it protects is changing). Within a kind, newest first.
 */
type Task = () => Promise<void>;

/** What a cleanup task releases: the kind decides when it runs on an interrupt (see CLEANUP_ORDER). */
export type TaskKind = 'route' | 'instances' | 'lock';

/** The order an interrupt runs tasks in: traffic away first, then the pools, the lock last. */
export const CLEANUP_ORDER: readonly TaskKind[] = ['route', 'instances', 'lock'];

interface Entry {
  task: Task;
  kind: TaskKind;
}

const tasks = new Set<Entry>();
let installed = false;
let interrupted = false;

/** Run `task` if the process is interrupted; call the returned function once it is no longer needed. */
export function onInterrupt(task: Task, kind: TaskKind): () => void {
  const entry = { task, kind };
  tasks.add(entry);
  return () => {
    tasks.delete(entry);
  };
}

/** The registered tasks in the order an interrupt runs them: by kind (CLEANUP_ORDER), newest first within one. */
function pending(): Task[] {
  const newestFirst = [...tasks].reverse();
  return CLEANUP_ORDER.flatMap((kind) => newestFirst.filter((e) => e.kind === kind).map((e) => e.task));
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
      const ordered = pending();
      void (async () => {
        for (const task of ordered) await task().catch(() => undefined);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      })();
      // Never hang on cleanup: the runner kills us a few seconds after the signal anyway.
      setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 5000).unref();
    });
  }
}
