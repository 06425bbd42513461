/**
 * The run's open ssh connections, known without loading ssh2: ./connection.ts (a lazy chunk) registers
 * each connection's closer here, so the end of a run closes them whoever opened them.
 */
const closers = new Set<() => void>();

/** Registers `close`; the returned function unregisters it (the connection closed on its own). */
export function registerConnection(close: () => void): () => void {
  closers.add(close);
  return () => closers.delete(close);
}

/** Closes every ssh connection of the run (nothing to do when none was opened). */
export function closeAllConnections(): void {
  const all = [...closers];
  closers.clear();
  for (const close of all) close();
}
