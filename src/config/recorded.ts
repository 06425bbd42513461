/**
 * The run specification as the config gives it and takes it back: what of a run's Config is recorded with a
 * version (specFromConfig; never a secret value, never a credential), and a recorded spec under the inputs
 * given explicitly (applySpec: the config a rollback, recycle or status runs with). The inputs a recorded
 * spec stands in for are the input table's `recorded` entries. The spec itself is src/core/run-spec.ts.
 */
import { parseChecks } from '../core/checks.js';
import type { RouterConfig } from '../core/router-config.js';
import type { RecordOrigin, RunSpec } from '../core/model.js';
import { withoutUserinfo } from '../core/run-spec.js';
import { INPUTS, type InputDefinition, type InputName } from './table.js';
import type { Config } from './types.js';

/**
 * The inputs a recorded spec stands in for (`recorded: true` in src/config/table.ts). These have no `default:`
 * in action.yml (the runner would pass the default as if it had been given): their defaults are `fallback`s in
 * the table, so the action can tell an input given explicitly (which wins) from one left out (the recorded
 * value is used).
 */
export const SPEC_INPUTS: readonly InputName[] = (Object.keys(INPUTS) as InputName[]).filter((n) => (INPUTS[n] as InputDefinition).recorded === true);

/** The run specification of this run's config (the values of secret variables stay out of it). */
export function specFromConfig(cfg: Config): RunSpec {
  const { run, verify, release } = cfg;
  return {
    port: run.port,
    env: { ...run.env },
    secretEnvNames: Object.keys(run.secretEnv).sort(),
    network: run.network,
    memory: run.memory,
    cpus: run.cpus,
    restart: run.restart,
    ...(run.readOnly ? { readOnly: true } : {}),
    ...(run.tmpfs.length ? { tmpfs: run.tmpfs } : {}),
    healthPath: verify.healthPath,
    portRange: run.portRange,
    healthTimeoutSec: verify.healthTimeoutSec,
    checks: verify.checks.map((c) => c.source),
    release: { keep: release.keep, keepImages: release.keepImages, drainSeconds: release.drainSeconds, stopTimeoutSec: release.stopTimeoutSec },
    image: cfg.image,
    registry: cfg.registry.server,
    registryUsername: cfg.registry.username,
    upstreamHost: run.upstreamHost,
    ...recordableRouter(cfg.router),
    // Where it runs: never a credential (a kubeconfig stays a secret the workflow gives again).
    hosts: run.hosts.map((h) => ({ endpoint: h.endpoint, address: h.address, ...(h.router !== undefined ? { router: h.router } : {}) })),
    replicas: run.replicas,
    runtime:
      cfg.runtime.kind === 'kubernetes'
        ? { kind: 'kubernetes', namespace: cfg.runtime.namespace, service: cfg.runtime.service }
        : { kind: cfg.runtime.kind },
  };
}

/**
 * The router config as it may be recorded: a credential in a URL is left out, and the input that carried it
 * is named in `credentialInputs` (a rollback must be given it again, like the secret env keys).
 */
function recordableRouter(router: RouterConfig): Pick<RunSpec, 'router' | 'credentialInputs'> {
  if (router.kind !== 'caddy') return { router };
  const adminUrl = withoutUserinfo(router.adminUrl);
  return adminUrl === router.adminUrl ? { router } : { router: { ...router, adminUrl }, credentialInputs: ['caddy-admin-url'] };
}

/**
 * The recorded spec with the explicitly given inputs on top: the config a rollback (or status) runs with,
 * the router aside (this run's; see recordedRouter).
 */
export function applySpec(cfg: Config, spec: RunSpec): Config {
  const given = new Set<string>(cfg.given);
  const pick = <T>(input: string, mine: T, recorded: T | undefined): T => (given.has(input) || recorded === undefined ? mine : recorded);
  const release = spec.release;
  return {
    ...cfg,
    image: pick('image', cfg.image, spec.image),
    registry: {
      ...cfg.registry,
      server: pick('registry', cfg.registry.server, spec.registry),
      username: pick('registry-username', cfg.registry.username, spec.registryUsername),
    },
    run: {
      ...cfg.run,
      port: pick('port', cfg.run.port, spec.port),
      upstreamHost: pick('upstream-host', cfg.run.upstreamHost, spec.upstreamHost),
      portRange: pick('port-range', cfg.run.portRange, spec.portRange),
      env: pick('env', cfg.run.env, spec.env),
      // `network`, `memory`, `cpus`: a recorded "none" is undefined, so the version's own value wins unless given.
      network: given.has('network') ? cfg.run.network : spec.network,
      memory: given.has('memory') ? cfg.run.memory : spec.memory,
      cpus: given.has('cpus') ? cfg.run.cpus : spec.cpus,
      restart: pick('restart', cfg.run.restart, spec.restart),
      readOnly: given.has('read-only') ? cfg.run.readOnly : (spec.readOnly ?? cfg.run.readOnly),
      tmpfs: given.has('tmpfs') ? cfg.run.tmpfs : (spec.tmpfs ?? cfg.run.tmpfs),
      // Where the version ran: its fleet and replicas, so that rollback and recycle need no hosts or replicas.
      hosts: given.has('hosts') || !spec.hosts?.length ? cfg.run.hosts : spec.hosts,
      replicas: pick('replicas', cfg.run.replicas, spec.replicas),
    },
    runtime: applyRuntime(cfg, spec, given),
    verify: {
      ...cfg.verify,
      healthPath: pick('health-path', cfg.verify.healthPath, spec.healthPath),
      healthTimeoutSec: pick('health-timeout', cfg.verify.healthTimeoutSec, spec.healthTimeoutSec),
      checks: given.has('checks') || !spec.checks ? cfg.verify.checks : parseChecks(spec.checks.join('\n')),
    },
    // The router: recordedRouter() below (a recorded router may need inputs given again).
    release: {
      ...cfg.release,
      keep: pick('keep', cfg.release.keep, release?.keep),
      keepImages: pick('keep-images', cfg.release.keepImages, release?.keepImages),
      drainSeconds: pick('drain-seconds', cfg.release.drainSeconds, release?.drainSeconds),
      stopTimeoutSec: pick('stop-timeout', cfg.release.stopTimeoutSec, release?.stopTimeoutSec),
    },
  };
}

/** The runtime's recorded non-secret settings (namespace, Service) when this run uses the same runtime. */
function applyRuntime(cfg: Config, spec: RunSpec, given: ReadonlySet<string>): Config['runtime'] {
  const r = spec.runtime;
  if (cfg.runtime.kind !== 'kubernetes' || r?.kind !== 'kubernetes') return cfg.runtime;
  return {
    ...cfg.runtime,
    namespace: given.has('kube-namespace') || !r.namespace ? cfg.runtime.namespace : r.namespace,
    service: given.has('kube-service') || !r.service ? cfg.runtime.service : r.service,
  };
}

/** An input the workflow must give for a recorded router to be used, and why. */
export interface InputToGive {
  input: string;
  /**
   * command: a recorded command differs from the workflow's; credential: it was left out of the record;
   * remote: a path or address on the runner recorded on a remote engine (never taken from there).
   */
  why: 'command' | 'credential' | 'remote';
}

/**
 * The router a rollback, recycle or status uses: the workflow's when it gives `router` (its inputs apply as a
 * whole), else the recorded one, with exceptions, because what runs on the runner comes from the workflow, a
 * secret is never recorded, and a record on a remote engine is data someone else may write:
 * - a command (router-command, nginx-test-command, nginx-reload-command) is always the workflow's, given or by
 *   default; a recorded one that differs from it is never run: the input is to be given (`give`);
 * - a setting whose credential was left out of the record (credentialInputs) is the workflow's when given, else
 *   it is to be given;
 * - `from: 'remote'` (the record was read off an engine reached over ssh:// or tcp://, or a cluster): every path
 *   and address on the runner's side (nginx-routes-file, nginx-upstream-file, nginx-pid-file, haproxy-socket,
 *   haproxy-state-file, caddy-admin-url) is the workflow's too, given or by default; a recorded one that differs
 *   is never used: the input is to be given. Only names inside the balancer (the backend, server, upstream and
 *   upstream id) and the router's kind come from such a record.
 * Nothing recorded is run or trusted as code: the recorded commands (and remote paths) are only compared.
 */
export function recordedRouter(cfg: Config, spec: RunSpec, from: RecordOrigin): { router: RouterConfig; give: InputToGive[] } {
  const given = new Set<string>(cfg.given);
  const recorded = spec.router;
  if (given.has('router') || !recorded) return { router: cfg.router, give: [] };
  const w = cfg.routerInputs;
  const give: InputToGive[] = [];
  const differ = (mine: unknown, theirs: unknown) => JSON.stringify(mine || null) !== JSON.stringify(theirs || null);
  const command = <T>(input: string, mine: T, theirs: unknown): T => {
    if (!given.has(input) && differ(mine, theirs)) give.push({ input, why: 'command' });
    return mine;
  };
  /** A path or address on the runner: the record's on the runner's own engine, else the workflow's. */
  const runnerSide = <T>(input: string, mine: T, theirs: T): T => {
    if (from === 'runner') return theirs;
    if (!given.has(input) && differ(mine, theirs)) give.push({ input, why: 'remote' });
    return mine;
  };
  switch (recorded.kind) {
    case 'nginx':
      return {
        router: {
          ...recorded,
          routesFile: runnerSide('nginx-routes-file', w.nginxRoutesFile, recorded.routesFile),
          upstreamFile: runnerSide('nginx-upstream-file', w.nginxUpstreamFile ?? '', recorded.upstreamFile),
          pidFile: runnerSide('nginx-pid-file', w.nginxPidFile, recorded.pidFile),
          testCommand: command('nginx-test-command', w.nginxTestCommand, recorded.testCommand),
          reloadCommand: command('nginx-reload-command', w.nginxReloadCommand, recorded.reloadCommand),
        },
        give,
      };
    case 'haproxy':
      return {
        router: {
          ...recorded,
          socket: runnerSide('haproxy-socket', w.haproxySocket ?? '', recorded.socket),
          stateFile: runnerSide('haproxy-state-file', w.haproxyStateFile, recorded.stateFile),
        },
        give,
      };
    case 'command': {
      const mine = command('router-command', w.routerCommand, recorded.command);
      return { router: { kind: 'command', command: mine ?? '' }, give };
    }
    case 'caddy': {
      const withheld = (spec.credentialInputs ?? []).includes('caddy-admin-url');
      if (withheld && !given.has('caddy-admin-url')) {
        give.push({ input: 'caddy-admin-url', why: 'credential' });
        return { router: { ...recorded, adminUrl: withoutUserinfo(String(recorded.adminUrl)) }, give };
      }
      const adminUrl = given.has('caddy-admin-url') ? w.caddyAdminUrl : runnerSide('caddy-admin-url', w.caddyAdminUrl, withoutUserinfo(String(recorded.adminUrl)));
      return { router: { ...recorded, adminUrl }, give };
    }
    default:
      return { router: recorded, give };
  }
}
