/**
 * One run at a time per app and environment. The lock lives on the target itself, so runs on different
 * runners exclude each other; where and how it is stored is a `LeaseStore` (a Docker engine now:
 * src/platforms/docker/lock.ts; a Kubernetes Lease would be another).
 *
 * The holder renews its lease while it lives (every RENEW_SEC, lease LEASE_SEC). A lock is taken over
 * when its holder is gone: at once when the holder ran on this machine, in this pid namespace, and its
 * process is gone; otherwise once its lease ran out (the store's clock judges, not the runners').
 */
import { randomHex } from '../support/ids.js';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { DeployError, errorMessage } from '../support/errors.js';
import type { Log } from '../support/log.js';

export const LEASE_SEC = 60;
export const RENEW_SEC = 20;

/** Who holds a lock. Recorded when it is taken; never a secret. */
export interface Holder {
  runUrl: string;
  host: string;
  pid: number;
  /** The kernel's boot id: a pid means something only on the machine (and boot) it was read on. */
  bootId: string;
  /** The pid namespace (/proc/self/ns/pid): runners in containers may share a host name and a kernel, not pids. */
  pidNamespace: string;
  /** The process's start time (/proc/<pid>/stat): a pid reused by another process is not the holder. */
  pidStart: string;
  /** Random per run: two holders with everything else alike are still told apart. */
  runId: string;
  acquiredAt: string;
  /** The lease, renewed every RENEW_SEC while the holder lives. */
  leaseSec: number;
}

/** What a store says about its lock. */
export interface LockState {
  /** Which lock this is: a new lock with the same name has another token. */
  token: string;
  /** undefined: the lock's holder record cannot be read. */
  holder: Holder | undefined;
  /** When the holder last renewed it (the store's clock). */
  renewedAt: Date;
}

/** Where a lock is kept. Every operation is atomic in the store. */
export interface LeaseStore {
  /** For messages: the lock's name and where it is. */
  readonly describe: string;
  /** For messages: the command that removes the lock by hand. */
  readonly removeHint: string;
  /** Creates the lock held by `holder`; undefined when a lock of that name exists. */
  create(holder: Holder): Promise<string | undefined>;
  read(): Promise<LockState | undefined>;
  /** Renews the lock `token`; false when it is no longer there (taken over or removed). */
  renew(token: string): Promise<boolean>;
  /** Removes the lock `token` (a newer lock of the same name stays). */
  remove(token: string): Promise<void>;
  /** Resolves when the lock may have gone (or at `until`, or when `signal` aborts). `since`: no change after it is missed. */
  waitGone(since: Date, until: Date, signal: AbortSignal): Promise<void>;
  /** The store's clock. */
  now(): Date;
}

/** Pure: a lock name per app and environment that no other pair shares (an app has no ".", so the first "." ends it). */
export function lockName(app: string, environment: string): string {
  return `${app}.${environment}.lock`;
}

export interface Identity {
  host: string;
  pid: number;
  bootId: string;
  pidNamespace: string;
  pidStart: string;
}

const read = (path: string, f: (p: string) => string): string => {
  try {
    return f(path).trim();
  } catch {
    return '';
  }
};

/** The start time field of /proc/<pid>/stat ('' when there is no such process or no /proc). */
export function processStart(pid: number | 'self'): string {
  const stat = read(`/proc/${pid}/stat`, (p) => readFileSync(p, 'utf8'));
  // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

export function myIdentity(): Identity {
  return {
    host: hostname(),
    pid: process.pid,
    bootId: read('/proc/sys/kernel/random/boot_id', (p) => readFileSync(p, 'utf8')),
    pidNamespace: read('/proc/self/ns/pid', readlinkSync),
    pidStart: processStart('self'),
  };
}

const hasProc = (): boolean => processStart('self') !== '';

/** Is the process `pid` that started at `start` still running here? */
export function processAlive(pid: number, start: string): boolean {
  if (hasProc()) {
    const now = processStart(pid);
    return now !== '' && (!start || now === start);
  }
  try {
    // No /proc (not Linux): all we can ask is whether some process has the pid.
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pure: the holder's process can be checked from here (same boot of the same machine, same pid namespace). */
export function sameProcessSpace(h: Holder, me: Identity): boolean {
  return !!h.bootId && h.bootId === me.bootId && h.pidNamespace === me.pidNamespace;
}

/** Pure: when the lease of `s` ends. An unreadable holder gets the default lease. */
export function leaseEnd(s: LockState): Date {
  return new Date(s.renewedAt.getTime() + (s.holder?.leaseSec ?? LEASE_SEC) * 1000);
}

/** Pure (given the clocks and a process check): is the holder gone? */
export function isStale(s: LockState, now: Date, me: Identity, alive: (pid: number, start: string) => boolean): boolean {
  if (s.holder && sameProcessSpace(s.holder, me) && !alive(s.holder.pid, s.holder.pidStart)) return true;
  return now.getTime() > leaseEnd(s).getTime();
}

export function describeHolder(h: Holder | undefined): string {
  if (!h) return 'an unknown holder';
  return `${h.runUrl || `pid ${h.pid} on ${h.host}`} (since ${h.acquiredAt})`;
}

/** The lock was lost (taken over, or not renewed within its lease): this run changes nothing more. */
export class LockLostError extends DeployError {
  constructor(message: string) {
    super(message, 'Nothing was shifted, removed or recorded after that. The next run converges from what it finds (command: status shows it).');
    this.name = 'LockLostError';
  }
}

export interface HeldLock {
  /**
   * Throws a LockLostError when the lock may no longer be ours: it was taken over, or its last successful
   * renewal is older than the lease (less a margin), so a waiting run may take it now. The release calls it
   * before every shift, removal and record write (src/release/fence.ts).
   */
  check(): void;
  release(): Promise<void>;
}

/** A clock that only goes forward, in milliseconds (injected by tests). */
export type Clock = () => number;

export interface AcquireOptions {
  runUrl: string;
  timeoutSec: number;
  log: Log;
  leaseSec?: number;
  renewSec?: number;
  identity?: Identity;
  alive?: (pid: number, start: string) => boolean;
  clock?: Clock;
}

/**
 * Tests only (not an action input): IMMUTABLE_DEPLOY_TEST_LEASE="<leaseSec>,<renewSec>" shortens the lease and
 * the renewal interval, so a test can let a lease end without waiting a minute. Ignored unless both are numbers.
 */
export function testLease(env: NodeJS.ProcessEnv = process.env): { leaseSec: number; renewSec: number } | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(env['IMMUTABLE_DEPLOY_TEST_LEASE'] ?? '');
  return m ? { leaseSec: Number(m[1]), renewSec: Number(m[2]) } : undefined;
}

/**
 * Pure: how long before its lease ends (on its own clock, from the start of its last successful renewal) a
 * holder stops acting: the store judges the lease by its own clock, which a waiting run knows to about a second.
 */
export function fenceMarginMs(leaseSec: number): number {
  return Math.max(1000, Math.min(5000, leaseSec * 100));
}

/** Takes the lock in `store`, waiting up to `timeoutSec` for another holder; renews it until released. */
export async function acquireLock(store: LeaseStore, o: AcquireOptions): Promise<HeldLock> {
  const me = o.identity ?? myIdentity();
  const alive = o.alive ?? processAlive;
  const hook = testLease();
  const leaseSec = o.leaseSec ?? hook?.leaseSec ?? LEASE_SEC;
  const renewSec = o.renewSec ?? hook?.renewSec ?? RENEW_SEC;
  const clock = o.clock ?? (() => performance.now());
  const deadline = Date.now() + o.timeoutSec * 1000;
  const holder: Holder = {
    runUrl: o.runUrl,
    ...me,
    runId: randomHex(8),
    acquiredAt: new Date().toISOString(),
    leaseSec,
  };
  let announced = false;
  const timedOut = (what: string) =>
    new DeployError(
      `Waited ${o.timeoutSec}s for the deploy lock ${store.describe}: ${what}.`,
      `Look at ${store.describe}; if no run holds it, remove it by hand (${store.removeHint}), or raise "lock-timeout".`,
    );
  for (;;) {
    const since = store.now();
    const asked = clock();
    const token = await store.create(holder);
    if (token) return hold(store, token, { log: o.log, renewMs: renewSec * 1000, leaseMs: leaseSec * 1000, clock, since: asked });
    const current = await store.read();
    if (!current) {
      // Gone meanwhile: try again, but never past the deadline (a store that keeps saying neither "yours" nor "held").
      if (Date.now() >= deadline) throw timedOut('it was neither free nor held by a run each time it was asked');
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const now = store.now();
    if (isStale(current, now, me, alive)) {
      const why = now > leaseEnd(current) ? `its lease ended at ${leaseEnd(current).toISOString()}` : 'its process is gone';
      o.log.warning(`Taking over the deploy lock ${store.describe} from ${describeHolder(current.holder)}: ${why}.`);
      // By token: if another run took it over meanwhile, its lock stays.
      await store.remove(current.token);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new DeployError(
        `Another run holds the deploy lock ${store.describe}: ${describeHolder(current.holder)}. Waited ${o.timeoutSec}s.`,
        `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically ` +
          `once its lease ends (${leaseEnd(current).toISOString()}, unless renewed); if you know the holder is gone, remove the lock by hand ` +
          `(${store.removeHint}).`,
      );
    }
    if (!announced) {
      o.log.info(`Waiting for the deploy lock ${store.describe}, held by ${describeHolder(current.holder)}`);
      announced = true;
    }
    // Until the lock goes, its lease may end, or we give up: whichever comes first.
    const wake = Math.min(deadline, leaseEnd(current).getTime() - now.getTime() + Date.now() + 1000);
    const timer = new AbortController();
    const t = setTimeout(() => timer.abort(), Math.max(0, wake - Date.now()));
    try {
      await store.waitGone(since, new Date(wake), timer.signal);
    } finally {
      clearTimeout(t);
    }
  }
}

interface HoldOptions {
  log: Log;
  renewMs: number;
  leaseMs: number;
  clock: Clock;
  /** When the lock was asked for (on `clock`): its first lease runs from no earlier than this. */
  since: number;
}

function hold(store: LeaseStore, token: string, o: HoldOptions): HeldLock {
  const { log, renewMs, leaseMs, clock } = o;
  let lost: string | undefined;
  /** The start of the newest renewal that succeeded (or of the create): the lease runs from no earlier. */
  let renewedAt = o.since;
  let lastError: string | undefined;
  let renewing: Promise<void> = Promise.resolve();
  let released = false;
  let timer: NodeJS.Timeout | undefined;
  /** When the last warning about failing renewals was logged: one a renewal interval while they fail. */
  let warnedAt = -Infinity;
  // After a failed renewal the next try comes sooner than a whole interval (a blip of the engine or the ssh
  // connection should not eat a third of the lease); the warning still comes once an interval.
  const retryMs = Math.min(renewMs, Math.max(1000, renewMs / 10));
  const validUntil = () => renewedAt + leaseMs - fenceMarginMs(leaseMs / 1000);
  const schedule = (ms: number) => {
    if (released) return;
    timer = setTimeout(renew, ms);
    timer.unref();
  };
  // One renewal at a time: the next is scheduled when this one has an answer (an engine slow to answer never
  // gets two at once; one that never answers gets no more, and check() stops the run when the lease is over).
  function renew(): void {
    const sent = clock();
    renewing = store.renew(token).then(
      (ok) => {
        if (ok) {
          renewedAt = Math.max(renewedAt, sent);
          lastError = undefined;
          warnedAt = -Infinity;
        } else if (!lost) {
          lost = `The deploy lock ${store.describe} was taken over by another run while this one held it (its lease was not renewed in time?).`;
          log.error(lost, 'Deploy lock lost');
        }
        schedule(renewMs);
      },
      (err) => {
        lastError = errorMessage(err).replace(/\.$/, '');
        const now = clock();
        const left = Math.round((validUntil() - now) / 1000);
        if (now - warnedAt >= renewMs) {
          warnedAt = now;
          log.warning(
            `Could not renew the deploy lock ${store.describe}: ${lastError}. ` +
              (left > 0
                ? `Trying again every ${retryMs / 1000}s; this run stops changing anything in ${left}s unless a renewal succeeds.`
                : 'Its lease has ended: this run changes nothing more.'),
          );
        }
        schedule(retryMs);
      },
    );
  }
  schedule(renewMs);
  let releasing: Promise<void> | undefined;
  return {
    check() {
      if (lost) throw new LockLostError(lost);
      const now = clock();
      if (now > validUntil()) {
        const ago = Math.round((now - renewedAt) / 1000);
        throw new LockLostError(
          `The deploy lock ${store.describe} was last renewed ${ago}s ago and its lease is ${leaseMs / 1000}s: ` +
            `another run may hold it now, so this run stops here${lastError ? ` (the renewals failed: ${lastError})` : ''}.`,
        );
      }
    },
    release() {
      // One release: a second caller (the interrupt handler while the run's own finally releases) waits for
      // the same one, so the process never exits before the lock is gone.
      releasing ??= (async () => {
        released = true;
        clearTimeout(timer);
        await renewing;
        try {
          // By token: a lock another run took over meanwhile stays.
          await store.remove(token);
        } catch (err) {
          log.warning(
            `Could not release the deploy lock ${store.describe}: ${errorMessage(err).replace(/\.$/, '')}. The next run takes it over once its lease ends ` +
              `(${leaseMs / 1000}s after the last renewal), or remove it by hand (${store.removeHint}).`,
          );
        }
      })();
      return releasing;
    },
  };
}
