/**
 * Where instances run: the one interface release orchestration (src/release/) uses for everything that is
 * not routing. Docker is one implementation (src/platform/docker/: a fleet of engines, local, tcp:// or
 * ssh://); a Kubernetes one would implement the same methods on a namespace (instances = pods, the
 * lock = a Lease, images = the registry) and may bring its own Router (`routes`: the Service selector).
 * Nothing outside src/platform/ knows about docker argv or engine endpoints. See src/core/model.ts.
 */
import type { Instance, InstanceLabels, KnownImage, ReleaseRecord, RunSpec, StoredRecord, Target, VersionImage } from '../core/model.js';
import type { DriftFacts } from '../drift/assess.js';
import type { Router } from '../routers/types.js';
import type { HeldLock } from './lock.js';

export type { FlipRecord, Instance, InstanceLabels, KnownImage, Pool, ReleaseRecord, RunSpec, StoredRecord, Target, Version, VersionImage } from '../core/model.js';

/** What starts one instance of a version on one target. */
export interface LaunchSpec extends InstanceLabels {
  target: Target;
  spec: RunSpec;
  /** Secret values, by the names in spec.secretEnvNames: they reach the instance and nothing else. */
  secretEnv: Record<string, string>;
}

export interface LockRequest {
  /** The run that holds it (shown to a run that waits). */
  runUrl: string;
  /** How long to wait for another holder before failing. */
  timeoutSec: number;
}

export interface Platform {
  readonly kind: string;
  /** The targets of this run, in the order the user gave them (at least one). */
  readonly targets: readonly Target[];
  /** A platform that routes by itself (a Kubernetes Service); undefined: the configured router. */
  readonly routes?: Router | undefined;

  /**
   * The one lock of the app and environment for the whole fleet: at most one run releases at a time.
   * Held (its lease renewed) until released. src/platforms/lock.ts has the rules (waiting, renewal,
   * taking over a dead holder's lock) over a LeaseStore: a platform only stores the lock.
   */
  lock(req: LockRequest): Promise<HeldLock>;

  // ---- versions (images) ----
  /** `<image>:<version>` where the platform finds it (a target, or the registry, pulled), or undefined. */
  findVersion(version: string): Promise<VersionImage | undefined>;
  /** Make `version`'s bytes present on every target (once per target, checked by digest/id there). */
  provide(version: VersionImage): Promise<void>;
  /** The version images of the app the platform holds, for status, restore lists and pruning. */
  listVersions(): Promise<KnownImage[]>;
  /** Remove version image tags (never one in use). Resolves to the refs that could not be removed. */
  removeVersions(refs: string[]): Promise<string[]>;

  // ---- instances ----
  launch(spec: LaunchSpec): Promise<Instance>;
  /**
   * Every instance of the app in the environment on every target, running or not. Fails, naming the
   * target, when one cannot be reached: the release reads every target before it changes anything.
   */
  list(app: string, environment: string): Promise<Instance[]>;
  /** The instance's state now (running, health, address). */
  inspect(instance: Instance): Promise<Instance>;
  /** Mark it verified (it may then serve traffic and be kept warm) and give it its restart policy. */
  markVerified(instance: Instance, restart: string): Promise<Instance>;
  logs(instance: Instance, lines: number): Promise<string>;
  /** Stop gracefully (SIGTERM, then SIGKILL after `graceSec`) and remove. */
  retire(instances: Instance[], graceSec: number): Promise<void>;
  /** Remove at once (instances that serve no traffic). */
  remove(instances: Instance[]): Promise<void>;
  /** Every instance of every app and environment (to tell whose a balancer address is). */
  listAll(): Promise<Instance[]>;

  // ---- release state records (where the lock lives: one history for the whole fleet) ----
  /**
   * Store a record as it is (JSON): the platform knows nothing of its kinds (src/core/model.ts ReleaseRecord).
   * Records are small (a run spec at most) and written only under the lock.
   */
  writeRecord(record: ReleaseRecord): Promise<void>;
  /** The records of the app in the environment, newest first (by `at`). */
  listRecords(app: string, environment: string): Promise<StoredRecord[]>;
  removeRecords(keys: string[]): Promise<void>;

  // ---- immutability ----
  /**
   * What drift is judged on for a running instance (the image it runs, its filesystem changes since it
   * started, its open exec sessions), or undefined when it is gone. A platform that cannot tell leaves it out.
   */
  driftFacts?(instance: Instance): Promise<DriftFacts | undefined>;
}
