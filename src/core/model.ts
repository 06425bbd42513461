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

/**
 * What one flip did, recorded where the lock lives when the balancer has moved (readable by any runner):
 * the pool it made live and the pool it took traffic from. "Roll back" undoes the last flip.
 */
export interface FlipRecord {
  app: string;
  environment: string;
  /** ISO time of the flip. */
  at: string;
  live: { pool: string; version: string; digest: string };
  replaced: { pool: string; version: string } | undefined;
  /** The run specification of the pool made live (for a fresh instance once its instances are gone). */
  spec: RunSpec | undefined;
  runUrl: string;
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
export interface StoredRecord extends FlipRecord {
  key: string;
}

/** A version image known to the platform (on a target or in its registry). */
export interface KnownImage extends VersionImage {
  /** `repo:tag` */
  ref: string;
}
