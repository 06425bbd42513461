/**
 * The facts drift is judged on, read from the Docker engine of the instance: the image the container
 * runs, its filesystem changes since it started (docker container diff), and its open exec sessions.
 */
import { run, type Runner } from '../../exec.js';
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

/** The drift facts of one container, or undefined when it is gone. */
export async function readDriftFacts(id: string, exec: Runner = run): Promise<DriftFacts | undefined> {
  const inspected = await exec(['docker', 'container', 'inspect', id], { allowFailure: true });
  if (inspected.exitCode !== 0) return undefined;
  const c = (JSON.parse(inspected.stdout) as Inspected[])[0]!;
  const [diff, image, top] = await Promise.all([
    exec(['docker', 'container', 'diff', id]),
    exec(['docker', 'image', 'inspect', '--format', '{{json .RepoDigests}}', c.Image], { allowFailure: true }),
    // The engine lists running exec sessions in ExecIDs; their commands come from the process table.
    (c.ExecIDs?.length ?? 0) > 0 && c.State.Running
      ? exec(['docker', 'container', 'top', id, '-o', 'pid,ppid,args'], { allowFailure: true })
      : Promise.resolve(undefined),
  ]);
  return {
    imageId: c.Image,
    repoDigests: image.exitCode === 0 ? ((JSON.parse(image.stdout) as string[] | null) ?? []) : [],
    changes: parseDiff(diff.stdout),
    execs: top && top.exitCode === 0 ? parseTopSessions(top.stdout, c.State.Pid) : [],
    healthcheck: c.Config.Healthcheck?.Test ?? undefined,
    mounts: [...Object.keys(c.HostConfig.Tmpfs ?? {}), ...(c.Mounts ?? []).map((m) => m.Destination)],
  };
}
