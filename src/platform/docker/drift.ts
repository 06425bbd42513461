/**
 * The facts drift is judged on, read from the Docker engine of the instance through its API: the image
 * the container runs, its filesystem changes since it started (GET .../changes), and its open exec
 * sessions (ExecIDs, and their commands from GET .../top).
 */
import type { Engine } from '../../docker/engine.js';
import type { DriftFacts, ExecSession, FsChange } from '../../drift/assess.js';

interface Inspected {
  Image: string;
  ExecIDs: string[] | null;
  State: { Running: boolean; Pid: number };
  Config: { Healthcheck?: { Test?: string[] } | null };
  HostConfig: { Tmpfs?: Record<string, string> | null };
  Mounts: { Destination: string }[] | null;
}

const KINDS: Record<string, 0 | 1 | 2> = { C: 0, A: 1, D: 2 };

/** Pure: `docker container diff` output (`A /path` lines) as the API's change list. */
export function parseDiff(text: string): FsChange[] {
  return text
    .split('\n')
    .map((l) => /^([CAD]) (.+)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ Kind: KINDS[m[1]!]!, Path: m[2]! }));
}

/**
 * Pure: the exec sessions among `docker top <id> -o pid,ppid,args` rows. A session's first process is
 * started by the runtime beside the container's init (its parent is outside the container); processes
 * the app starts descend from init. The command is the ps text, split on spaces.
 */
export function parseTopSessions(text: string, initPid: number): ExecSession[] {
  const rows = text
    .split('\n')
    .slice(1)
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]!.trim() }));
  const pids = new Set(rows.map((r) => r.pid));
  return rows
    .filter((r) => r.pid !== initPid && !pids.has(r.ppid))
    .map((r) => ({ id: `pid ${r.pid}`, running: true, argv: r.args.split(/\s+/) }));
}

/** Pure: the rows of GET /containers/{id}/top?ps_args=-o pid,ppid,args as the text `docker top` prints. */
export function topText(top: { Titles: string[]; Processes: string[][] | null }): string {
  return [top.Titles.join(' '), ...(top.Processes ?? []).map((p) => p.join(' '))].join('\n');
}

/** The drift facts of one container, or undefined when it is gone. */
export async function readDriftFacts(id: string, engine: Engine): Promise<DriftFacts | undefined> {
  const c = (await engine.inspectContainer(id)) as unknown as Inspected | undefined;
  if (!c) return undefined;
  const path = `/containers/${encodeURIComponent(id)}`;
  const [changes, image, top] = await Promise.all([
    engine.json<FsChange[] | null>('GET', `${path}/changes`),
    engine.inspectImage(c.Image).catch(() => undefined),
    // The engine lists running exec sessions in ExecIDs; their commands come from the process table.
    (c.ExecIDs?.length ?? 0) > 0 && c.State.Running
      ? engine.json<{ Titles: string[]; Processes: string[][] | null }>('GET', `${path}/top`, { query: { ps_args: '-o pid,ppid,args' } }).catch(() => undefined)
      : Promise.resolve(undefined),
  ]);
  return {
    imageId: c.Image,
    repoDigests: image?.RepoDigests ?? [],
    changes: changes ?? [],
    execs: top ? parseTopSessions(topText(top), c.State.Pid) : [],
    healthcheck: c.Config.Healthcheck?.Test ?? undefined,
    mounts: [...Object.keys(c.HostConfig.Tmpfs ?? {}), ...(c.Mounts ?? []).map((m) => m.Destination)],
  };
}
