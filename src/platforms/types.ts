/**
 * Where instances run: the one interface release orchestration (src/release/) uses for everything that is
 * not routing. Two implementations: Docker (src/platforms/docker/: a fleet of engines, local, tcp:// or
 * ssh://; a pool is one instance per target and replica) and Kubernetes (src/platforms/kubernetes/: a
 * namespace; a pool is one Deployment, its instances are its pods, the lock is a Lease, flip records
 * are ConfigMaps, and it routes itself: `routes` is the Service selector). Nothing outside
 * src/platforms/ knows about docker argv, engine endpoints or the Kubernetes API. See src/core/model.ts.
 */
import type { Instance, InstanceLabels, KnownImage, RecordOrigin, ReleaseRecord, RunSpec, StoredRecord, Target, VersionImage } from '../core/model.js';
import type { DriftFacts } from '../drift/assess.js';
import type { Router } from '../routers/types.js';
import type { HeldLock } from './lock.js';

export type { FlipRecord, Instance, InstanceLabels, KnownImage, Pool, RecordOrigin, ReleaseRecord, RunSpec, StoredRecord, Target, Version, VersionImage } from '../core/model.js';

/** What starts one instance of a version on one target. */
export interface LaunchSpec extends InstanceLabels {
  target: Target;
  spec: RunSpec;
  /** Secret values, by the names in spec.secretEnvNames: they reach the instance and nothing else. */
  secretEnv: Record<string, string>;
}

/** What starts a whole pool of a version on a platform that launches pools as one unit (launchPool). */
export interface PoolLaunchSpec extends InstanceLabels {
  spec: RunSpec;
  secretEnv: Record<string, string>;
  /** Instances of the pool (Kubernetes: the Deployment's replicas). */
  replicas: number;
  /** How long the instances may take to come up (Kubernetes: the rollout's progress deadline). */
  startTimeoutSec: number;
}

/** A pool as launchPool left it: its instances (up), or why it did not come up (the instances then stand for what was created). */
export interface LaunchedPool {
  instances: Instance[];
  /** Set when the pool did not come up: the reason, with what the platform knows (events, log lines). */
  failure?: string | undefined;
}

/**
 * Where verification reaches a pool: one URL per instance (Docker: each instance's published address), or
 * one for the whole pool (Kubernetes: the preview Service through the API server's service proxy, or
 * preview-url). `close` ends whatever was opened for it (a local forwarder).
 */
export interface Reach {
  /** For messages: what answers there. */
  name: string;
  url: string;
  /** The instances behind the URL. */
  instances: Instance[];
  close(): Promise<void>;
}

/** A one-off container of a version (the release command, issue 21): run to its end, then removed. */
export interface OneOffSpec {
  app: string;
  environment: string;
  version: string;
  runUrl: string;
  /** Where it runs (the first target). */
  target: Target;
  /** The image id (never a moving tag). */
  image: string;
  /** The version's run spec: its env, network and limits (no published port). */
  spec: RunSpec;
  secretEnv: Record<string, string>;
  /** Replaces the image's CMD (its ENTRYPOINT stays), as `docker run IMAGE COMMAND...` does. */
  command: string[];
  /** Killed after this long. */
  timeoutSec: number;
  /** Its output as it comes, whole lines (for the log group). */
  onLine?: ((line: string) => void) | undefined;
}

export interface OneOffResult {
  exitCode: number;
  timedOut: boolean;
  /** Its output (stdout and stderr as written), redacted. */
  output: string;
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
  /**
   * Where the instance labels (list) and the records (listRecords) it reads are kept: `runner` only when every
   * one of them is on the runner's own engine; `remote` otherwise (an engine of `hosts`, a cluster). A rollback,
   * recycle or status takes no runner-side router setting from a `remote` record (src/config/recorded.ts).
   */
  readonly recordsFrom: RecordOrigin;
  /** A platform that routes by itself (a Kubernetes Service); undefined: the configured router. */
  readonly routes?: Router | undefined;
  /**
   * Two platforms with the same `readsAs` read the same instances (list) and records (listRecords) of an app
   * and environment: what a run read through one before the lock stands for the other (src/release/steps.ts
   * observe()). undefined: only the same platform object.
   */
  readonly readsAs?: string | undefined;

  /**
   * The one lock of the app and environment for the whole fleet: at most one run releases at a time.
   * Held (its lease renewed) until released. src/platforms/lock.ts has the rules (waiting, renewal,
   * taking over a dead holder's lock) over a LeaseStore: a platform only stores the lock.
   */
  lock(req: LockRequest): Promise<HeldLock>;

  // ---- versions (images) ----
  /** `<image>:<version>` where the platform finds it (a target, or the registry, pulled), or undefined. */
  findVersion(version: string): Promise<VersionImage | undefined>;
  /** Make `version`'s bytes present on every target (or on `only`: a wave's hosts), once per target, checked by digest/id there. */
  provide(version: VersionImage, only?: readonly Target[]): Promise<void>;
  /**
   * The version images of the app the platform holds, for restore lists and pruning. With `only`: just those
   * versions, each looked up by name (a status: no listing of every image on the engine, which takes
   * hundreds of ms on an engine with a few hundred images).
   */
  listVersions(only?: readonly string[]): Promise<KnownImage[]>;
  /** Remove version image tags (never one in use). Resolves to the refs that could not be removed. */
  removeVersions(refs: string[]): Promise<string[]>;

  // ---- pools and instances ----
  /** Start one instance on one target (a platform whose pools are targets × replicas: Docker). */
  launch(spec: LaunchSpec): Promise<Instance>;
  /**
   * Start a whole pool as one unit (Kubernetes: one Deployment of `replicas` pods) and wait until it is up
   * (or failed). A platform without it launches per target and replica (launch). A pool launched so is
   * kept or removed as a whole (remove() of any of its up instances removes it).
   */
  launchPool?(spec: PoolLaunchSpec): Promise<LaunchedPool>;
  /**
   * The URLs verification (health, checks, acceptance; a probe before a flip back) reaches for these
   * instances of one pool. Without it: each instance's own address (instanceUrl).
   */
  reach?(instances: Instance[]): Promise<Reach[]>;
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
  /** Remove at once (instances that serve no traffic). On a platform with launchPool: an up instance takes its whole pool with it. */
  remove(instances: Instance[]): Promise<void>;
  /** Every instance of every app and environment (to tell whose a balancer address is). */
  listAll(): Promise<Instance[]>;

  /**
   * Run a one-off container of a version to its end (the release command), then remove it. A platform
   * without it cannot run a release command: the release refuses one before anything starts.
   */
  runOnce?(spec: OneOffSpec): Promise<OneOffResult>;
  /**
   * Remove the one-off containers of the app and environment (a release command a killed run left running or
   * stopped), on every target; resolves to their names. Called under the lock (src/release/converge.ts), when no
   * run of the app and environment can be running one. With runOnce.
   */
  removeOneOffs?(app: string, environment: string): Promise<string[]>;

  // ---- release state records (where the lock lives: one history for the whole fleet) ----
  /**
   * Store a record as it is (JSON): the platform knows nothing of its kinds (src/core/model.ts ReleaseRecord).
   * Records are small (a run spec at most) and written only under the lock.
   */
  writeRecord(record: ReleaseRecord): Promise<void>;
  /**
   * Store records written at one moment as one unit where the platform can (one call: a switch's result, its
   * flip and served records); each keeps its own key (src/platforms/batch.ts). Resolves to them, keyed.
   */
  writeRecords(records: ReleaseRecord[]): Promise<StoredRecord[]>;
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
