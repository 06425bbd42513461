/** The typed, validated configuration of one run. Built only by src/config/read.ts. */
import type { HttpCheck } from '../core/checks.js';
import type { RouterConfig } from '../core/router-config.js';
import type { PolicyConfig } from './policy.js';
import type { PortRange } from '../core/ports.js';
import type { MaintenanceAllow } from '../core/maintenance.js';
import type { Sticky } from '../core/sticky.js';
import type { WaveMark } from '../core/waves.js';

export type { Sticky } from '../core/sticky.js';
import type { FreezeWindow } from './freeze.js';

export type { HttpCheck } from '../core/checks.js';
export type { CaddyRouterConfig, CommandRouterConfig, HaproxyRouterConfig, NginxRouterConfig, RouterConfig } from '../core/router-config.js';
export type { PolicyConfig } from './policy.js';

export type Command = 'build' | 'deploy' | 'rollback' | 'status' | 'recycle' | 'maintenance' | 'promote' | 'abort';
export const COMMANDS: readonly Command[] = ['build', 'deploy', 'rollback', 'status', 'recycle', 'maintenance', 'promote', 'abort'];

export type RuntimeKind = 'docker' | 'kubernetes';
export const RUNTIME_KINDS: readonly RuntimeKind[] = ['docker', 'kubernetes'];

export type RouterKind = 'none' | 'nginx' | 'haproxy' | 'caddy' | 'command';
export const ROUTER_KINDS: readonly RouterKind[] = ['none', 'nginx', 'haproxy', 'caddy', 'command'];

export type Builder = 'docker' | 'packer';
export const BUILDERS: readonly Builder[] = ['docker', 'packer'];

/** builder: packer — a Packer template in the repository builds the version's image. */
export interface PackerConfig {
  /** Path of the template, relative to the build context. */
  template: string;
  version: string;
  /** Where the release zip is downloaded from: {version}, {os} and {arch} are filled in. */
  downloadUrl: string;
  /** The SHA-256 the zip must have (lowercase hex); undefined: the release's SHA256SUMS beside the zip (https only). */
  sha256: string | undefined;
}

export interface BuildConfig {
  /** What builds the image: a Dockerfile (docker) or a Packer template (packer). */
  builder: Builder;
  /** Set with builder: packer. */
  packer: PackerConfig | undefined;
  context: string;
  dockerfile: string | undefined;
  buildArgs: Record<string, string>;
  /** Build secrets as `id=...,env=...` or `id=...,src=...`; passed with --secret, never as args or labels. */
  secrets: string[];
  target: string | undefined;
  extraLabels: Record<string, string>;
  tagRules: string[];
  push: boolean;
}

export interface RegistryConfig {
  /** Registry host to log in to (empty: the image's own host or Docker Hub). */
  server: string | undefined;
  username: string | undefined;
  password: string | undefined;
  /** Log out of the registry in the post step (false keeps the credentials for later steps). */
  logout: boolean;
}

/** One line of `hosts`: a Docker engine of the fleet and the address its instances are published on. */
export interface HostEntry {
  /** What DOCKER_HOST accepts: ssh://user@host[:port], tcp://host:port, unix:///path. */
  endpoint: string;
  /** Where the balancer reaches this host's instances (an IP address). */
  address: string;
  /**
   * The host's own balancer (router=): its runtime API socket, a path on the host (through the host's ssh
   * connection) or host:port. Unset: the router inputs name one balancer for the whole fleet.
   */
  router?: string | undefined;
}

export interface RunConfig {
  /** The fleet's engines; empty: the runner's own engine, publishing on upstreamHost. */
  hosts: HostEntry[];
  /** The container's own port. */
  port: number;
  /** Host address the container port is published on. */
  upstreamHost: string;
  /** Host ports the action chooses an instance's published port from. */
  portRange: PortRange;
  env: Record<string, string>;
  secretEnv: Record<string, string>;
  network: string | undefined;
  memory: string | undefined;
  cpus: string | undefined;
  restart: string;
  /** Instances of the version on each host (Kubernetes: the Deployment's replicas). */
  replicas: number;
  /** Read-only root filesystem (docker run --read-only): drift is impossible by construction. */
  readOnly: boolean;
  /** tmpfs mounts (`/path` or `/path:options`), the writable places of a read-only instance. */
  tmpfs: string[];
}

export interface VerifyConfig {
  healthPath: string;
  healthTimeoutSec: number;
  acceptanceCommand: string | undefined;
  acceptanceTimeoutSec: number;
  checks: HttpCheck[];
  keepFailed: boolean;
  /** Last lines of a failed instance's log shown in the error and the summary (masked); 0 shows none. */
  logLines: number;
}

/**
 * The router inputs as this run's workflow has them (given, or their defaults), whatever `router` is: a router
 * taken from a record uses these commands and credentials, never recorded ones, and, from a record on a remote
 * engine, these paths and addresses on the runner too (src/config/recorded.ts recordedRouter).
 */
export interface RouterInputs {
  nginxTestCommand: string[];
  nginxReloadCommand: string[];
  routerCommand: string | undefined;
  caddyAdminUrl: string;
  /** Paths on the runner: never taken from a record on a remote engine (given, or to be given). */
  nginxRoutesFile: string | undefined;
  nginxUpstreamFile: string | undefined;
  nginxPidFile: string | undefined;
  haproxySocket: string | undefined;
  haproxyStateFile: string | undefined;
}

/** runtime: kubernetes — the cluster, the namespace and the Service the action owns the selector of. */
export interface KubernetesConfig {
  kind: 'kubernetes';
  /** kubeconfig content from the `kubeconfig` input (masked); undefined: the KUBECONFIG file(s). */
  kubeconfig: string | undefined;
  namespace: string;
  /** The production Service: the action owns its selector, the user the rest. */
  service: string;
  /** The user's own preview address for checks and acceptance, instead of the API server's service proxy. */
  previewUrl: string | undefined;
}
export type RuntimeConfig = { kind: 'docker' } | KubernetesConfig;
export interface DriftConfig {
  /** Paths the app writes by design: changes there are not drift. */
  writablePaths: string[];
}

export interface ReleaseConfig {
  keep: number;
  keepImages: number;
  drainSeconds: number;
  /** Seconds `docker stop` waits after SIGTERM before SIGKILL when an instance is retired. */
  stopTimeoutSec: number;
  lockTimeoutSec: number;
}

export type Strategy = 'blue-green' | 'canary';
export const STRATEGIES: readonly Strategy[] = ['blue-green', 'canary'];
export type AnalysisMode = 'enforce' | 'dry-run';
export const ANALYSIS_MODES: readonly AnalysisMode[] = ['enforce', 'dry-run'];
export type MetricsKind = 'balancer' | 'prometheus' | 'command';
export const METRICS_KINDS: readonly MetricsKind[] = ['balancer', 'prometheus', 'command'];

export type MetricsConfig =
  | { kind: 'balancer' }
  | { kind: 'prometheus'; url: string; queries: PrometheusQueries }
  | { kind: 'command'; command: string; everyPoll: boolean };

/** How traffic moves to a verified pool: in steps, each judged, then a bake (issue 11). */
export interface DeliveryConfig {
  strategy: Strategy;
  /** The new pool's share at each step, rising, the last always 100 (blue-green: [100]). */
  steps: number[];
  stepSeconds: number;
  /** After the new pool has 100%: how long it is still judged (0: not at all). */
  bakeSeconds: number;
  /** Hosts released in groups, in order (waves: src/core/waves.ts); [] releases every host at once. */
  waves: WaveMark[];
  /** With waves: how long each wave is judged after its hosts flipped, before the next starts. */
  waveBakeSeconds: number;
  thresholds: Thresholds;
  /**
   * baseline: true: a fresh pool of the stable version beside the canary, with the same share; each step then
   * compares the canary with it (undefined: no baseline).
   */
  baseline: BaselineThresholds | undefined;
  /** Where the numbers come from; undefined when nothing is judged (blue-green without a bake). */
  metrics: MetricsConfig | undefined;
  /**
   * Human gates (`pause` in canary-steps): the indexes of `steps` after which the run stops, the release state
   * recorded, until command: promote (or abort). Never after the last step (100%).
   */
  pauses: number[];
  /** How long a paused canary waits for promote or abort (pause-timeout); past it, the next run aborts it first. */
  pauseTimeoutSec: number;
  /** enforce: a breach aborts; dry-run: every window is judged and reported, nothing is aborted (analysis-mode). */
  mode: AnalysisMode;
  /** Started for each judged window and stopped after it (load-command), for services with little traffic. */
  loadCommand: string | undefined;
  /**
   * Testers first (preview-header): from verification to the end of the run, requests that carry this header
   * reach the new pool through the balancer (the router's preview route). undefined: no preview route.
   */
  previewHeader: string | undefined;
  /** What the acceptance command gets as PREVIEW_URL on a balancer (preview-url, else environment-url). */
  previewUrl: string | undefined;
  /** Sticky users: what keeps a client on one version during the canary steps. undefined: none. */
  sticky: Sticky | undefined;
}

export interface Config {
  command: Command;
  app: string;
  environment: string;
  /** Repository without tag, e.g. `ghcr.io/acme/shop` or `shop`. */
  image: string;
  /** Version override, or undefined to compute from the commit. */
  version: string | undefined;
  build: BuildConfig;
  registry: RegistryConfig;
  run: RunConfig;
  verify: VerifyConfig;
  router: RouterConfig;
  routerInputs: RouterInputs;
  runtime: RuntimeConfig;
  release: ReleaseConfig;
  githubToken: string | undefined;
  /** Public URL of the environment, recorded on GitHub Deployments. */
  environmentUrl: string | undefined;
  drift: DriftConfig;
  /** Image policy, checked before any instance of an image starts. */
  policy: PolicyConfig;
  delivery: DeliveryConfig;
  /** command: maintenance — switch maintenance mode on or off (issue 21 §3). */
  maintenance: MaintenanceConfig;
  /** Release operations (issue 21): migrations, hooks, notifications, freezes. */
  ops: OpsConfig;
  /** The run-spec inputs (src/config/recorded.ts SPEC_INPUTS: the table's `recorded` inputs) given explicitly: they win over a version's recorded spec. */
  given: readonly string[];
}

export interface MaintenanceConfig {
  /** maintenance: on or off; undefined unless command: maintenance. */
  mode: 'on' | 'off' | undefined;
  /** The HTML file of the 503 page (maintenance-page); undefined: a plain page. */
  pageFile: string | undefined;
  /** Who reaches the live pool while maintenance is on (maintenance-allow). */
  allow: MaintenanceAllow;
}

export interface PrometheusQueries {
  /** Percent of the new version's requests answered with 5xx over {{window}}. */
  errorRate: string;
  /** Requests the new version answered over {{window}} (enables min-requests). */
  requests: string | undefined;
  /** Mean response time of the new version in ms over {{window}}. */
  responseMs: string | undefined;
}

export interface BaselineThresholds {
  /** Percentage points the canary's error rate may be above the baseline's (max-error-rate-increase). */
  maxErrorRateIncrease: number;
  /** Percent the canary's mean response time may be above the baseline's (max-response-increase); undefined: not judged. */
  maxResponseIncrease: number | undefined;
  /** Confidence of the one-sided error-rate test (confidence). */
  confidence: number;
}

export interface Thresholds {
  /** Highest accepted share of 5xx answers, in percent (max-error-rate); undefined: not judged (baseline: true without max-error-rate). */
  maxErrorRate: number | undefined;
  /** Highest accepted mean response time in milliseconds (max-response-ms); undefined: not judged. */
  maxResponseMs: number | undefined;
  /** Fewer requests than this in a window is no evidence: the window is extended, up to a limit (min-requests). */
  minRequests: number;
}

/** Release operations around the flip (issue 21). */
export interface OpsConfig {
  /** release-command: run once per deploy in a one-off container of the new image, before any traffic (argv). */
  releaseCommand: string[] | undefined;
  releaseTimeoutSec: number;
  /** irreversible: this deploy's version cannot be rolled back from without force and reason. */
  irreversible: boolean;
  force: boolean;
  /** Why (a forced rollback past an irreversible version). */
  reason: string | undefined;
  /** Commands run on the runner (bash, like acceptance-command) after a release event. */
  hooks: { postDeploy: string | undefined; onFailure: string | undefined; onRollback: string | undefined };
  /** Webhook URLs (secret: masked, never recorded). */
  webhooks: string[];
  freeze: FreezeWindow[];
  /** Deploy inside a freeze window anyway, for this reason. */
  freezeOverride: string | undefined;
}
