/**
 * The deploy lock on a Docker engine: a created, never started container with a fixed name (creating
 * it is atomic: a second create is a 409), its holder in a label. Labels cannot change, so the lease is
 * renewed by writing a small file into the container (PUT .../archive, allowed on a created container)
 * and read back from its modification time (HEAD .../archive), both on the engine's clock.
 */
import { LABEL_PREFIX } from '../../labels.js';
import type { Holder, LeaseStore, LockState } from '../lock.js';
import { tarOneFile } from '../../docker/bodies.js';
import { isStatus, type Engine } from '../../docker/engine.js';

const HOLDER_LABEL = `${LABEL_PREFIX}.lock`;
const LEASE_FILE = 'immutable-deploy-lease';

/** Pure: the labels of a lock container. App and environment let cleanup find it; the holder says who. */
export function lockLabels(app: string, environment: string, h: Holder): Record<string, string> {
  return {
    [`${LABEL_PREFIX}.role`]: 'lock',
    [`${LABEL_PREFIX}.app`]: app,
    [`${LABEL_PREFIX}.environment`]: environment,
    [HOLDER_LABEL]: JSON.stringify(h),
  };
}

export function parseHolder(labels: Record<string, string> | null | undefined): Holder | undefined {
  try {
    const h = JSON.parse(labels?.[HOLDER_LABEL] ?? '') as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? (h as Holder) : undefined;
  } catch {
    return undefined;
  }
}

export class DockerLeaseStore implements LeaseStore {
  constructor(
    private readonly engine: Engine,
    private readonly name: string,
    private readonly app: string,
    private readonly environment: string,
    /** Any image on the engine: the container is never started. */
    private readonly image: string,
  ) {}

  get describe(): string {
    return `${this.name} (on ${this.engine.name})`;
  }

  now(): Date {
    return this.engine.now();
  }

  async create(holder: Holder): Promise<string | undefined> {
    let id: string;
    try {
      id = await this.engine.createContainer(this.name, {
        Image: this.image,
        Entrypoint: ['/immutable-deploy-lock'],
        Labels: lockLabels(this.app, this.environment, holder),
        NetworkDisabled: true,
      });
    } catch (err) {
      if (isStatus(err, 409)) return undefined;
      throw err;
    }
    // Its creation time is the first renewal (read() falls back to it): no lease file to write yet.
    return id;
  }

  async read(): Promise<LockState | undefined> {
    const c = await this.engine.inspectContainer(this.name);
    if (!c) return undefined;
    // Between the create and the first lease file, the container's creation time is the renewal.
    const stat = await this.engine.statPath(c.Id, `/${LEASE_FILE}`);
    const renewedAt = new Date(stat?.mtime ?? c.Created);
    return { token: c.Id, holder: parseHolder(c.Config.Labels), renewedAt };
  }

  async renew(token: string): Promise<boolean> {
    try {
      await this.engine.putArchive(token, '/', tarOneFile(LEASE_FILE, Buffer.alloc(0), this.engine.now()));
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }

  async remove(token: string): Promise<void> {
    await this.engine.removeContainer(token);
  }

  async waitGone(since: Date, _until: Date, signal: AbortSignal): Promise<void> {
    // One second back: event times have whole seconds.
    await this.engine.nextEvent(
      { type: ['container'], container: [this.name], event: ['destroy', 'rename'] },
      new Date(since.getTime() - 1000),
      signal,
    );
  }
}
