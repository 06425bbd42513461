/**
 * A lock per app and environment, held on the target itself (the Docker engine; for a fleet, its first
 * host), so two runs on different runners still exclude each other. The lock is a created-but-never-started container
 * with a fixed name: creating it is atomic, and it carries its holder in labels.
 */
import { hostname } from 'node:os';
import { DeployError } from '../../errors.js';
import type { Runner } from '../../exec.js';
import type { Log } from '../../log.js';
import { LABEL_PREFIX } from '../../labels.js';

export interface Holder {
  runUrl: string;
  host: string;
  pid: number;
  acquiredAt: string;
  /** After this time the lock is considered abandoned even if its holder cannot be checked. */
  leaseUntil: string;
}

const LOCK_LABEL = `${LABEL_PREFIX}.lock`;

export function lockName(app: string, environment: string): string {
  return `${app}-${environment}-lock`;
}

export function holderLabels(h: Holder): Record<string, string> {
  return {
    [`${LABEL_PREFIX}.role`]: 'lock',
    [LOCK_LABEL]: JSON.stringify(h),
  };
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pure (given the clock and a pid check): is the holder gone? */
export function isStale(h: Holder | undefined, now: Date, myHost: string, alive: (pid: number) => boolean): boolean {
  if (!h) return true;
  if (h.host === myHost && !alive(h.pid)) return true;
  return now.getTime() > Date.parse(h.leaseUntil);
}

export function describeHolder(h: Holder | undefined): string {
  if (!h) return 'an unknown holder';
  return `${h.runUrl || `pid ${h.pid} on ${h.host}`} (since ${h.acquiredAt})`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DockerLock {
  constructor(
    private readonly name: string,
    private readonly log: Log,
    private readonly exec: Runner,
  ) {}

  /**
   * Take the lock, waiting up to `timeoutSec` for another holder. `image` is any local image (the
   * container is never started). Returns a function that releases it.
   */
  async acquire(image: string, runUrl: string, leaseSec: number, timeoutSec: number): Promise<() => Promise<void>> {
    const deadline = Date.now() + timeoutSec * 1000;
    let announced = false;
    for (;;) {
      const now = new Date();
      const holder: Holder = {
        runUrl,
        host: hostname(),
        pid: process.pid,
        acquiredAt: now.toISOString(),
        leaseUntil: new Date(now.getTime() + leaseSec * 1000).toISOString(),
      };
      const argv = ['docker', 'create', '--name', this.name, '--entrypoint', '/immutable-deploy-lock'];
      for (const [k, v] of Object.entries(holderLabels(holder))) argv.push('--label', `${k}=${v}`);
      argv.push(image);
      const r = await this.exec(argv, { allowFailure: true });
      if (r.exitCode === 0) {
        const id = r.stdout.trim();
        return async () => {
          await this.exec(['docker', 'rm', '--force', id], { allowFailure: true });
        };
      }
      if (!/already in use|Conflict/i.test(r.stderr)) {
        throw new DeployError(`Could not take the deploy lock ${this.name}: ${r.stderr.trim()}`);
      }
      const current = await this.holder();
      if (current && isStale(current.holder, new Date(), hostname(), pidAlive)) {
        this.log.warning(`Taking over the deploy lock ${this.name} from ${describeHolder(current.holder)}: its holder is gone.`);
        // Remove by id: if another run took it over meanwhile, its new lock has another id and stays.
        await this.exec(['docker', 'rm', '--force', current.id], { allowFailure: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new DeployError(
          `Another run holds the deploy lock ${this.name}: ${describeHolder(current?.holder)}. Waited ${timeoutSec}s.`,
          `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically ` +
            `${current?.holder ? `once its lease ends (${current.holder.leaseUntil})` : 'once its lease ends'}; if you know the holder is gone, ` +
            `remove the lock by hand: docker rm -f ${this.name}`,
        );
      }
      if (!announced) {
        this.log.info(`Waiting for the deploy lock ${this.name}, held by ${describeHolder(current?.holder)}`);
        announced = true;
      }
      await sleep(1000);
    }
  }

  private async holder(): Promise<{ id: string; holder: Holder | undefined } | undefined> {
    const r = await this.exec(['docker', 'container', 'inspect', this.name], { allowFailure: true });
    if (r.exitCode !== 0) return undefined;
    const c = (JSON.parse(r.stdout) as { Id: string; Config: { Labels: Record<string, string> | null } }[])[0]!;
    let holder: Holder | undefined;
    try {
      holder = JSON.parse(c.Config.Labels?.[LOCK_LABEL] ?? '') as Holder;
    } catch {
      holder = undefined;
    }
    return { id: c.Id, holder };
  }
}
