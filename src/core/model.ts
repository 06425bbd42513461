/**
 * The core model (docs/architecture.md "The model"). From one container on one engine to pools on many
 * targets, without a second code path:
 *
 *   Version   an image digest, its commit metadata, and the run specification it is started with.
 *   Target    where instances run: a Docker engine (local, tcp://, ssh://); a fleet is a list of them
 *             (a Kubernetes namespace would be one too). Platform-neutral: `name` for people, `endpoint`
 *             for the platform, `address` for the balancer.
 *   Instance  one running copy of a version on one target, with the address the balancer reaches it on
 *             (that address never changes for the instance's life).
 *   Pool      the instances of one version started together (one launch, across all targets).
 *   Router    what the balancer serves: current() -> the routed addresses and their weights;
 *             shift(routing) applies, reads back, confirms, restores on failure (src/routers/types.ts).
 *   Platform  launches, lists, verifies and retires instances on targets, moves images there, holds the
 *             lock (src/platforms/types.ts). Release orchestration (src/release/) sees only Platform and
 *             Router: docker argv, kubectl-like calls and balancer protocols live behind them.
 *
 * Blue-green is the one-step shift: the new pool at weight 100 (the old one implied at 0).
 */

import type { RouterConfig } from './router-config.js';
import type { PortRange } from './ports.js';

/** An address the balancer can send traffic to: host (IP or name) and port. */
export interface Address {
  host: string;
  port: number;
}

/**
 * How a version's instances are started and checked. Never holds secret values (those travel beside it,
 * in LaunchSpec.secretEnv, and only to the instance).
 */
export interface RunSpec {
  /** The port the app listens on inside the instance. */
  port: number;
  env: Record<string, string>;
  /** Names of the secret variables the instance gets (their values are never part of a spec). */
  secretEnvNames: string[];
  network?: string | undefined;
  memory?: string | undefined;
  cpus?: string | undefined;
  /** Restart policy once verified (no, always, unless-stopped, on-failure[:N]). */
  restart: string;
  /** Read-only root filesystem: nothing in the image can change while it runs. */
  readOnly?: boolean | undefined;
  /** tmpfs mounts (`/path` or `/path:options`): the writable places of a read-only instance. */
  tmpfs?: string[] | undefined;
  healthPath: string;
  /**
   * Host ports the platform chooses an instance's published port from, once, at launch (the address
   * then stays the instance's for its whole life). Unset: the default range.
   */
  portRange?: PortRange | undefined;
  healthTimeoutSec?: number | undefined;
  /** The built-in checks, as written. */
  checks?: string[] | undefined;
  /**
   * How the version was released and is retired, and where it came from: recorded with the spec so that
   * a rollback needs nothing but app, environment and (optionally) version. See src/core/run-spec.ts.
   */
  release?: { keep: number; keepImages: number; drainSeconds: number; stopTimeoutSec: number } | undefined;
  image?: string | undefined;
  registry?: string | undefined;
  registryUsername?: string | undefined;
  upstreamHost?: string | undefined;
  router?: RouterConfig | undefined;
  /** Where its instances run: the fleet's engines (empty or absent: the runner's own engine). Never a credential. */
  hosts?: { endpoint: string; address: string; router?: string | undefined }[] | undefined;
  /** Instances on each host (Kubernetes: the Deployment's replicas). */
  replicas?: number | undefined;
  /** The runtime and its non-secret settings (never a kubeconfig). */
  runtime?: { kind: string; namespace?: string | undefined; service?: string | undefined } | undefined;
  /**
   * Inputs whose credential was left out of the spec (a caddy-admin-url with user:password is recorded without
   * it): a rollback, recycle or status must be given them again, like the secret env keys.
   */
  credentialInputs?: string[] | undefined;
}

/** The bytes of a version and the commit they were built from. */
export interface VersionImage {
  /** Repository without tag, e.g. ghcr.io/acme/shop. */
  image: string;
  version: string;
  /** Manifest digest when the image came from (or went to) a registry, else the image id. */
  digest: string;
  /** The image id: instances start from exactly these bytes, on every target. */
  imageId: string;
  revision: string;
  /** Build time. */
  created: string;
}

/** A version as it is released: its image and the run specification its instances start with. */
export interface Version extends VersionImage {
  spec: RunSpec;
}

/** Where instances run. For Docker: one engine. A fleet is a list of targets. */
export interface Target {
  /** For people (messages, outputs, the summary): the endpoint as written, or "local". */
  name: string;
  /** For the platform: e.g. a DOCKER_HOST value (ssh://root@10.0.0.5). undefined: the runner's own engine. */
  endpoint: string | undefined;
  /** For the balancer: the host address this target's instances are published on. */
  address: string;
}

/**
 * Where the records and instance labels a run reads back come from (docs/architecture.md "Boundaries"):
 * `runner`: only engines reached through a unix socket on the runner (whoever can write there is root on the
 * runner already); `remote`: an engine reached over ssh:// or tcp:// (a `hosts` line, DOCKER_HOST, a context) or
 * a cluster, whose records are data that others may write. Nothing runner-side (a path, an address, a command)
 * is taken from a `remote` record (src/config/recorded.ts recordedRouter).
 */
export type RecordOrigin = 'runner' | 'remote';

/** Immutable facts about an instance, recorded (as labels) when it starts. */
export interface InstanceLabels {
  app: string;
  environment: string;
  version: string;
  /** Manifest digest when pushed, else the image id. */
  digest: string;
  /** What the instance was started from: an image id or `repo@sha256:...`, never a moving tag. */
  image: string;
  revision: string;
  deployedAt: string;
  runUrl: string;
  /** The pool it was launched in: every instance of one launch, across targets, shares it. */
  pool: string;
}

export interface Instance extends InstanceLabels {
  /** The platform's id of the instance (a container id). */
  id: string;
  name: string;
  /** The target it runs on (Target.name). */
  target: string;
  /** Passed verification (health + acceptance). Candidates that a killed run left behind are not. */
  verified: boolean;
  running: boolean;
  restarting: boolean;
  exitCode: number;
  restartCount: number;
  /** The platform's own health status (Docker HEALTHCHECK), when the image declares one. */
  health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  /**
   * Where the balancer reaches it: the port the platform chose at launch, known even while the instance is
   * stopped or being restarted; undefined when it has none.
   */
  address: Address | undefined;
  /** The run specification it was started with (undefined for instances of older releases). */
  spec: RunSpec | undefined;
}

/** A pool named in a record: its id and version. */
export interface PoolRef {
  pool: string;
  version: string;
}

/** A pool as a record names it. Pure. */
export const poolRef = (p: Pool): PoolRef => ({ pool: p.id, version: p.version });

/**
 * The release state records, kept where the lock lives (Platform.writeRecord / listRecords): one history
 * for the whole fleet, readable by any runner. The platform stores each record as it is (JSON) and knows
 * nothing of its kinds. See docs/architecture.md "Release state records".
 *
 *   flip    what one flip did: the pool it made live and the pool it took traffic from (history; the
 *           newest RECORDS_KEPT are kept). "Roll back" undoes the last flip.
 *   served  that a pool served (a flip made it live), with what a rollback from it goes back to and where
 *           it runs: kept for as long as the pool has instances, whatever the number of runs.
 *   intent  written before every shift: the stable pool, the new pool, the routing about to be applied,
 *           the step and the run. An intent without its result means its writer died: the next run
 *           converges from it before anything else (src/release/converge.ts).
 *   result  written after the shift (or after a later run converged in its place): closes the intent.
 *   home    on the runner's own engine when the pools run elsewhere (a fleet): where the records are,
 *           so that a rollback given only app and environment finds them.
 *   maintenance  maintenance mode switched on or off (command: maintenance): the newest one says which, for
 *           status and for later runs.
 *   migration  a deploy's release command ran for a version (and whether the version is irreversible: a
 *           rollback to an older version then needs force and a reason), written before any traffic moves.
 */
export type ReleaseRecord = FlipRecord | ServedRecord | IntentRecord | ResultRecord | HomeRecord | MaintenanceRecord | MigrationRecord | WaveRecord;

/**
 * A wave of a release in waves (hosts with their own balancer, src/release/waves.ts), written before the wave
 * launches, verifies and flips its hosts: a run killed during it leaves the record, and the next run knows which
 * hosts' balancers that run may have flipped (every wave of the run so far), and flips back only those.
 */
export interface WaveRecord extends RecordBase {
  kind: 'wave';
  /** The run (IntentRecord.run). */
  run: string;
  /** The pool the waves release, and the one it replaces. */
  next: PoolRef;
  stable: PoolRef | undefined;
  /** 0-based, of `count`. */
  index: number;
  count: number;
  /** The targets (hosts) of this wave. */
  hosts: string[];
  /** Every host of this and the earlier waves: those whose balancers the run may have flipped. */
  released: string[];
}

interface RecordBase {
  app: string;
  environment: string;
  /** ISO time it was written. */
  at: string;
  runUrl: string;
}

export interface FlipRecord extends RecordBase {
  /** Absent in records written before there were other kinds. */
  kind?: 'flip' | undefined;
  live: { pool: string; version: string; digest: string };
  replaced: PoolRef | undefined;
  /** The run specification of the pool made live (for a fresh instance once its instances are gone). */
  spec: RunSpec | undefined;
  /** The run that flipped (IntentRecord.run): its release is finished. */
  run?: string | undefined;
}

export interface ServedRecord extends RecordBase {
  kind: 'served';
  pool: string;
  version: string;
  digest: string;
  /** The version a rollback from this pool goes to by default (the last flip's replaced version, or its own). */
  back: PoolRef | undefined;
  /** The run specification of the pool: where it runs (hosts, replicas, runtime) and how. */
  spec: RunSpec | undefined;
}

/**
 * What a shift is: a canary step, the switch (or the shift to 100% before a bake), a shift back; or, for an
 * intent that moves nothing, a human gate: the canary waits at its share for command: promote or abort.
 */
export type ShiftStep = 'switch' | 'step' | 'bake' | 'back' | 'pause';

/**
 * A canary paused at a human gate (`pause` in canary-steps), as its intent records it: everything promote,
 * abort, status and the next run need, so none of them guesses.
 */
export interface PauseState {
  /** ISO time the pause runs out (pause-timeout after it began): past it, the next run aborts the canary first. */
  until: string;
  /** The canary's plan: its shares (the last 100) and the indexes of the steps followed by a pause. */
  steps: number[];
  pauses: number[];
  /** The index in `steps` of the step it is paused after (its share is steps[after]). */
  after: number;
  /** The GitHub Deployment the paused run left in progress (promote or abort finishes it). */
  deployment?: number | undefined;
}

export interface IntentRecord extends RecordBase {
  kind: 'intent';
  /** Unique: its result names it. */
  id: string;
  /** The run that writes it (random per run): its own intents are told apart from a dead run's. */
  run: string;
  step: ShiftStep;
  /** For people: "step 1/3", "switch", "bake", "back". */
  name: string;
  /** The pool that served before the release (gets all traffic back when the release does not finish). */
  stable: PoolRef | undefined;
  /** The pool the release brings in (for a shift back: the one it takes traffic from). */
  next: PoolRef;
  /**
   * The release's baseline pool (baseline: true): a fresh pool of the stable version that never becomes live.
   * A run that does not finish leaves it named here: the next run removes it when it converges.
   */
  baseline?: PoolRef | undefined;
  /** The weights about to be applied, by pool. */
  routing: { pool: string; version: string; weight: number }[];
  /** After this shift `next` is live with nothing left to judge (a blue-green switch or rollback without a bake). */
  final: boolean;
  /** Where the pools run (the spec of `next`, hosts and replicas included). */
  spec: RunSpec | undefined;
  /** step 'pause': the human gate the canary waits at (the intent stays open while it waits). */
  pause?: PauseState | undefined;
}

export interface ResultRecord extends RecordBase {
  kind: 'result';
  /** The intent it closes. */
  intent: string;
  /** applied: the shift took effect; failed: it did not (read back); converged: a later run put things right. */
  outcome: 'applied' | 'failed' | 'converged';
  detail: string;
}

export interface HomeRecord extends RecordBase {
  kind: 'home';
  /** The run specification of the newest flip: its hosts say where the records and pools are. */
  spec: RunSpec;
}

export interface MaintenanceRecord extends RecordBase {
  kind: 'maintenance';
  on: boolean;
  /** Who reaches the live pool while it is on: source ranges and header names. */
  allow: { cidrs: string[]; headers: string[] };
  /** The page served (its file, or `default`) and its SHA-256: never the page itself (records stay small). */
  page: { source: string; sha256: string } | undefined;
}

export interface MigrationRecord extends RecordBase {
  kind: 'migration';
  version: string;
  pool: string;
  /** The release command that ran (and passed) for the version, as given; undefined: none ran (irreversible only). */
  command: string[] | undefined;
  /** Deployed with irreversible: true: a rollback to an older version fails unless forced with a reason. */
  irreversible: boolean;
}

/** The instances of one version launched together, across targets. */
export interface Pool {
  id: string;
  version: string;
  instances: Instance[];
}

export function formatAddress(a: Address): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

export function sameAddress(a: Address | undefined, b: Address | undefined): boolean {
  return !!a && !!b && a.host === b.host && a.port === b.port;
}

export function instanceUrl(i: Instance): string {
  return i.address ? `http://${formatAddress(i.address)}` : '';
}

/** The addresses of a pool's instances (those published), in a stable order. */
export function poolAddresses(p: Pool): Address[] {
  return p.instances.flatMap((i) => (i.address ? [i.address] : []));
}

/** A flip record as stored, with the key that removes it. */
export type StoredRecord = Keyed<ReleaseRecord>;

/** A record as a platform stores it, with the key that removes it. */
export type Keyed<R> = R & { key: string };

/** A version image known to the platform (on a target or in its registry). */
export interface KnownImage extends VersionImage {
  /** `repo:tag` */
  ref: string;
}
