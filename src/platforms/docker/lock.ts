/**
 * The deploy lock on a Docker engine: a labelled volume with a fixed name.
 *
 * Creating a volume whose name exists is not an error: the engine answers with the existing volume, its
 * labels unchanged, and creates of one name are serialized in the engine. So the labels in the answer say
 * who won: our token there means we created it. Volumes rather than a created, never started container (as
 * before): a container's layers make its create and delete 80-250 ms each on a busy engine, a volume's
 * are a few ms (measured: docs/benchmarks.md), and a volume needs no image.
 *
 * Volumes cannot change, so the lease is renewed by creating a small renewal volume (and removing the one
 * before), whose creation time is the engine's clock. The lock and its renewals carry the lock's token in a
 * label, and are removed together by a prune filtered on that label: removal is conditional inside the
 * engine, so a run that lost its lock never removes the lock of the run that took it over.
 */
import { randomHex } from '../../support/ids.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeployError, errorMessage } from '../../support/errors.js';
import { dockerLabel } from '../../core/labels.js';
import type { Holder, LeaseStore, LockState } from '../lock.js';
import { isStatus, type Engine } from '../../drivers/docker/engine.js';
import type { EngineEvent } from '../../drivers/docker/types.js';

const L = {
  role: dockerLabel('role'),
  app: dockerLabel('app'),
  environment: dockerLabel('environment'),
  holder: dockerLabel('lock'),
  name: dockerLabel('lockName'),
  token: dockerLabel('lockToken'),
} as const;

/** Up to this many prunes (20 ms, 40 ms, ... apart, 0.9 s in all) while the engine runs another one. */
const PRUNE_ATTEMPTS = 10;

/** Pure: the labels of a lock volume. App and environment let cleanup find it; the holder says who. */
export function lockLabels(name: string, app: string, environment: string, h: Holder, token: string): Record<string, string> {
  return { [L.role]: 'lock', [L.app]: app, [L.environment]: environment, [L.name]: name, [L.token]: token, [L.holder]: JSON.stringify(h) };
}

/** Pure: the labels of one renewal of the lock `name` held with `token`. */
export function renewalLabels(name: string, app: string, environment: string, token: string): Record<string, string> {
  return { [L.role]: 'lock-renewal', [L.app]: app, [L.environment]: environment, [L.name]: name, [L.token]: token };
}

export function parseHolder(labels: Record<string, string> | null | undefined): Holder | undefined {
  try {
    const h = JSON.parse(labels?.[L.holder] ?? '') as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? (h as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pure: the lock `name` among the volumes labelled with it (the lock and its renewals). The engine gives a
 * volume's creation time in whole seconds: a second is added, so a lease never looks older than it is.
 */
export function lockState(name: string, volumes: readonly { Name: string; Labels: Record<string, string> | null; CreatedAt?: string }[]): LockState | undefined {
  const lock = volumes.find((v) => v.Name === name);
  const token = lock?.Labels?.[L.token];
  if (!lock || !token) return undefined;
  const times = volumes.filter((v) => v.Labels?.[L.token] === token).map((v) => Date.parse(v.CreatedAt ?? ''));
  const newest = Math.max(...times.filter((t) => !Number.isNaN(t)));
  return { token, holder: parseHolder(lock.Labels), renewedAt: new Date((Number.isFinite(newest) ? newest : 0) + 1000) };
}

type VolumeLike = { Name: string; Labels: Record<string, string> | null; CreatedAt?: string };

/**
 * Pure: why the volume at the lock's name is not a deploy lock this action can judge, or undefined when it is
 * one. A volume made by hand or by another tool (no token), or a lock whose labels cannot be read, has no
 * holder to wait for and no lease that ends: waiting would never end, so the run stops and says so.
 */
export function lockProblem(v: VolumeLike): string | undefined {
  const labels = v.Labels ?? {};
  if (!labels[L.token] || labels[L.role] !== 'lock')
    return `it is not a deploy lock of this action (it has no ${L.role}=lock and ${L.token} labels: made by hand, by another tool, or by something else that chose this name)`;
  if (!parseHolder(labels)) return `it is a deploy lock whose holder label (${L.holder}) cannot be read`;
  if (Number.isNaN(Date.parse(v.CreatedAt ?? ''))) return `it is a deploy lock without a creation time (${JSON.stringify(v.CreatedAt ?? null)})`;
  return undefined;
}

export class DockerLeaseStore implements LeaseStore {
  private renewals = 0;
  /** The newest engine event a wait returned: one seen once does not wake the next wait again. */
  private lastEvent = 0;

  constructor(
    private readonly engine: Engine,
    private readonly name: string,
    private readonly app: string,
    private readonly environment: string,
  ) {}

  get describe(): string {
    return `${this.name} (on ${this.engine.name})`;
  }

  get removeHint(): string {
    return `docker volume rm ${this.name}`;
  }

  now(): Date {
    return this.engine.now();
  }

  async create(holder: Holder): Promise<string | undefined> {
    const token = randomHex(8);
    const got = await this.engine.createVolume(this.name, lockLabels(this.name, this.app, this.environment, holder, token));
    return got.Labels?.[L.token] === token ? token : undefined;
  }

  async read(): Promise<LockState | undefined> {
    const volumes = await this.engine.listVolumes({ label: [`${L.name}=${this.name}`] });
    // Not among the lock's volumes: gone, or a volume of that name without our labels (asked only then).
    const lock = volumes.find((v) => v.Name === this.name) ?? (await this.engine.inspectVolume(this.name));
    if (!lock) return undefined;
    const problem = lockProblem(lock);
    if (problem)
      throw new DeployError(
        `The volume ${this.name} on ${this.engine.name} is where the deploy lock of ${this.app} in ${this.environment} lives, but ${problem}. ` +
          'No run can take or wait for the lock while it is there. Nothing was changed.',
        `Look at it (docker volume inspect ${this.name} on that engine). If nothing needs it, remove it (${this.removeHint}) and run again; ` +
          'the name <app>.<environment>.lock is the lock\'s own.',
      );
    return lockState(this.name, volumes);
  }

  async renew(token: string): Promise<boolean> {
    if ((await this.read())?.token !== token) return false;
    const n = ++this.renewals;
    await this.engine.createVolume(`${this.name}.renewal.${token}.${n}`, renewalLabels(this.name, this.app, this.environment, token));
    // The one before: its name holds our token, so it is ours to remove by name.
    if (n > 1) await this.engine.removeVolume(`${this.name}.renewal.${token}.${n - 1}`);
    return true;
  }

  async remove(token: string): Promise<void> {
    const mine = { label: [`${L.token}=${token}`] };
    // The engine runs one volume prune at a time (another lock's release, a `docker volume prune`): a busy
    // one is asked again shortly, a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.engine.pruneVolumes(mine);
        return;
      } catch (err) {
        if (!(isStatus(err, 409) && /prune operation is already running/i.test(errorMessage(err)))) throw err;
        if (attempt >= PRUNE_ATTEMPTS) break;
        await sleep(attempt * 20);
      }
    }
    // Still busy (a long prune of someone else's): the lock's volumes by name, the lock only while it has our
    // token. Not conditional in the engine as the prune is, so only the way out.
    for (const v of await this.engine.listVolumes(mine)) {
      if (v.Name !== this.name || (await this.read())?.token === token) await this.engine.removeVolume(v.Name);
    }
  }

  async waitGone(since: Date, _until: Date, signal: AbortSignal): Promise<void> {
    // A release is a prune (its event names no volume); someone may also remove the lock by hand.
    const gone = (e: EngineEvent) =>
      (e.timeNano ?? 0) > this.lastEvent && (e.Action === 'prune' || (e.Action === 'destroy' && e.Actor.ID === this.name));
    // One second back: the engine's clock is known to about a second.
    const e = await this.engine.nextEvent({ type: ['volume'], event: ['destroy', 'prune'] }, new Date(since.getTime() - 1000), signal, gone);
    if (e?.timeNano) this.lastEvent = e.timeNano;
  }
}
