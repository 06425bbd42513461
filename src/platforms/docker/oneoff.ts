/**
 * A one-off container of a version on one engine (the release command, issue 21): the instance's image, env,
 * secret env, network and limits, no published port, the command in place of the image's CMD; run to its end
 * (killed after its timeout), its output read, then removed. Labelled with its app, environment and version
 * (role release-command), so a leftover of a killed run is found by label.
 */
import { randomHex } from '../../support/ids.js';
import type { Engine } from '../../drivers/docker/engine.js';
import { dockerLabel } from '../../core/labels.js';
import { errorMessage } from '../../support/errors.js';
import { labelFilters, memoryBytes, nanoCpus, tmpfsMounts } from './bodies.js';
import type { OneOffResult, OneOffSpec } from '../types.js';

/** Pure: POST /containers/create for a one-off run (`docker run --rm IMAGE COMMAND...` with the instance's settings). */
export function oneOffBody(s: OneOffSpec): Record<string, unknown> {
  const hostConfig: Record<string, unknown> = { NetworkMode: s.spec.network ?? 'default', RestartPolicy: { Name: 'no' } };
  if (s.spec.memory) hostConfig.Memory = memoryBytes(s.spec.memory);
  if (s.spec.cpus) hostConfig.NanoCpus = nanoCpus(s.spec.cpus);
  if (s.spec.readOnly) hostConfig.ReadonlyRootfs = true;
  if (s.spec.tmpfs?.length) hostConfig.Tmpfs = tmpfsMounts(s.spec.tmpfs);
  return {
    Image: s.image,
    Cmd: s.command,
    Labels: {
      [dockerLabel('role')]: 'release-command',
      [dockerLabel('app')]: s.app,
      [dockerLabel('environment')]: s.environment,
      [dockerLabel('version')]: s.version,
      [dockerLabel('runUrl')]: s.runUrl,
    },
    // Values go in the request body to the engine only (never argv, never a log line).
    Env: Object.entries({ ...s.spec.env, ...s.secretEnv }).map(([k, v]) => `${k}=${v}`),
    HostConfig: hostConfig,
  };
}

export async function runOnce(engine: Engine, s: OneOffSpec): Promise<OneOffResult> {
  const name = `${s.app}-${s.environment}-${s.version}-release-${randomHex(3)}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  const id = await engine.createContainer(name, oneOffBody(s));
  try {
    await engine.startContainer(id);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      engine.killContainer(id).catch(() => undefined);
    }, s.timeoutSec * 1000);
    // Its output as it comes, line by line; the whole of it is read once more when it stopped (the follow may miss the end).
    const stop = new AbortController();
    let pending = '';
    const following = s.onLine
      ? engine
          .followLogs(
            id,
            (chunk) => {
              pending += chunk.toString();
              const lines = pending.split('\n');
              pending = lines.pop()!;
              for (const line of lines) s.onLine!(line);
            },
            stop.signal,
          )
          .catch(() => undefined)
      : Promise.resolve();
    let exitCode: number;
    try {
      exitCode = await engine.waitContainer(id, s.timeoutSec + 60);
    } finally {
      clearTimeout(timer);
      // The stream ends when the container stops; a second at most for its last lines.
      await Promise.race([following, new Promise((r) => setTimeout(r, 1000))]);
      stop.abort();
      if (pending) s.onLine?.(pending);
    }
    let output: string;
    try {
      output = (await engine.logs(id, 10_000)).trimEnd();
    } catch (err) {
      output = `(could not read its output: ${errorMessage(err)})`;
    }
    return { exitCode, timedOut, output };
  } finally {
    await engine.removeContainer(id).catch(() => undefined);
  }
}

/** The one-off containers of the app and environment on this engine (running or not), removed; resolves to their names. */
export async function removeOneOffs(engine: Engine, app: string, environment: string): Promise<string[]> {
  const found = await engine.listContainers(
    labelFilters({ [dockerLabel('role')]: 'release-command', [dockerLabel('app')]: app, [dockerLabel('environment')]: environment }),
  );
  await Promise.all(found.map((c) => engine.removeContainer(c.Id)));
  return found.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, ''));
}
