/**
 * Knowing when `nginx -s reload` has taken effect. The signal returns at once; the master then starts
 * new workers with the new config and tells the old ones to stop. An old worker renames itself
 * "nginx: worker process is shutting down" in the same step in which it closes its listening sockets,
 * so once no worker of the master still has the old plain title and a new worker runs, every new
 * connection is accepted by a worker with the new config. Pure helpers over /proc text.
 */

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** argv joined with spaces (nginx rewrites it to its process title). */
  title: string;
  /** When it started, in clock ticks after boot (field 22 of /proc/<pid>/stat). */
  startTicks?: number;
}

/** ppid from the text of /proc/<pid>/stat (the command name in parentheses may hold spaces or ')'). */
export function parseStatPpid(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Start time in clock ticks after boot, from the text of /proc/<pid>/stat. */
export function parseStatStart(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const ticks = Number(stat.slice(close + 2).split(' ')[19]);
  return Number.isInteger(ticks) ? ticks : undefined;
}

/**
 * Whether the upstream file was written after nginx last loaded its config: its modification time is
 * later than the start of the newest active worker of the master (workers start right after the master
 * has read the config). `slackMs` absorbs the clocks' granularity; two flips are never that close.
 */
export function writtenAfterLoad(fileMtimeMs: number, workerStartsMs: readonly number[], slackMs = 1000): boolean {
  if (workerStartsMs.length === 0) return false;
  return fileMtimeMs > Math.max(...workerStartsMs) + slackMs;
}

/** /proc/<pid>/cmdline (NUL-separated) as one readable title. */
export function parseCmdline(raw: string): string {
  return raw.replace(/\0+$/, '').split('\0').join(' ').trim();
}

export function isActiveWorker(p: ProcInfo): boolean {
  return /^nginx: worker process$/.test(p.title);
}

export function isMaster(p: ProcInfo): boolean {
  return /^nginx: master process\b/.test(p.title);
}

/** Active (not shutting down) workers of `master`. */
export function activeWorkers(procs: readonly ProcInfo[], master: number): number[] {
  return procs.filter((p) => p.ppid === master && isActiveWorker(p)).map((p) => p.pid);
}

/**
 * The reload took effect when at least one active worker runs and none of the active workers existed
 * before the signal (old ones have closed their listeners and are only finishing requests).
 */
export function reloadDone(procs: readonly ProcInfo[], master: number, before: ReadonlySet<number>): boolean {
  const now = activeWorkers(procs, master);
  return now.length > 0 && now.every((pid) => !before.has(pid));
}

/** The pid in an nginx pid file, or undefined. */
export function parsePidFile(text: string): number | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}
