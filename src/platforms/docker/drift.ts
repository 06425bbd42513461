/**
 * The facts drift is judged on, read from the Docker engine of the instance through its API: the image
 * the container runs, its filesystem changes since it started (GET .../changes), and its open exec
 * sessions (the container's ExecIDs, each inspected with GET /exec/{id}/json for its state and command).
 */
import { isStatus, type Engine } from '../../drivers/docker/engine.js';
import type { DriftFacts, ExecSession, FsChange } from '../../drift/assess.js';

interface Inspected {
  Image: string;
  ExecIDs: string[] | null;
  Config: { Healthcheck?: { Test?: string[] } | null };
  HostConfig: { Tmpfs?: Record<string, string> | null };
  Mounts: { Destination: string }[] | null;
}

/** GET /exec/{id}/json, the parts drift reads. */
interface ExecInspect {
  ID: string;
  Running: boolean;
  ProcessConfig: { entrypoint: string; arguments: string[] | null };
}

/** Pure: an exec inspect as a session (its command as the engine started it). */
export function execSession(e: ExecInspect): ExecSession {
  return { id: e.ID, running: e.Running, argv: [e.ProcessConfig.entrypoint, ...(e.ProcessConfig.arguments ?? [])] };
}

/** The drift facts of one container, or undefined when it is gone. */
export async function readDriftFacts(id: string, engine: Engine): Promise<DriftFacts | undefined> {
  const c = (await engine.inspectContainer(id)) as unknown as Inspected | undefined;
  if (!c) return undefined;
  const path = `/containers/${encodeURIComponent(id)}`;
  const [changes, image, execs] = await Promise.all([
    engine.json<FsChange[] | null>('GET', `${path}/changes`),
    engine.inspectImage(c.Image).catch(() => undefined),
    // ExecIDs lists the exec sessions the engine runs in the container (its own HEALTHCHECK probes too);
    // one that ended between the two calls is gone (404): not open.
    Promise.all(
      (c.ExecIDs ?? []).map((x) =>
        engine.json<ExecInspect>('GET', `/exec/${encodeURIComponent(x)}/json`).then(execSession, (err: unknown) => {
          if (isStatus(err, 404)) return undefined;
          throw err;
        }),
      ),
    ),
  ]);
  return {
    imageId: c.Image,
    repoDigests: image?.RepoDigests ?? [],
    changes: changes ?? [],
    execs: execs.filter((e): e is ExecSession => e !== undefined),
    healthcheck: c.Config.Healthcheck?.Test ?? undefined,
    mounts: [...Object.keys(c.HostConfig.Tmpfs ?? {}), ...(c.Mounts ?? []).map((m) => m.Destination)],
  };
}
