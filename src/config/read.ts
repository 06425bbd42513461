/**
 * The ONLY module that reads action inputs. It returns a typed, validated Config; every error names
 * the input, the value (never a secret's) and what is accepted. What each input accepts is the table in
 * ./inputs/table.ts (see there for how to add one); this module applies it in a fixed order:
 *   1. secret inputs are masked, before anything is parsed (a malformed secret line is never printed);
 *   2. every input is parsed by its rule, in table order;
 *   3. inputs required by another input's value, then the cross-input RELATIONS;
 *   4. toConfig() places the values in the typed Config.
 */
import { getInput as coreGetInput, setSecret, warning } from '@actions/core';
import type { Config, DeliveryConfig, MetricsConfig, RouterConfig, RuntimeConfig } from './types.js';
import { InputError } from '../support/errors.js';
import { maskable, registerSecret } from '../support/secrets.js';
import { INPUTS, type InputName, type InputDefinition, type InputValues } from './table.js';
import { Rejected } from './rules.js';
import { SPEC_INPUTS } from './recorded.js';

export type InputGetter = (name: string) => string;

export interface ReadHooks {
  /** Mask a secret value in everything printed from now on. */
  mask(value: string): void;
  warn(message: string): void;
}

const actionsHooks: ReadHooks = {
  mask(value) {
    setSecret(value);
    registerSecret(value);
  },
  warn: (m) => warning(m),
};

/**
 * Mask every value of a secret input before it is parsed: for KEY=VALUE lines the part after the first
 * "=", for other lines the whole line. A value too short or common to mask is reported by key (or line
 * number), never by value.
 */
export function maskSecretInput(name: string, kind: 'value' | 'key-values', raw: string, hooks: ReadHooks): void {
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || (kind === 'key-values' && line.startsWith('#'))) continue;
    const eq = line.indexOf('=');
    const keyValue = kind === 'key-values' && eq > 0;
    const value = keyValue ? line.slice(eq + 1) : line;
    if (value === '') continue;
    if (maskable(value)) {
      hooks.mask(value);
      continue;
    }
    const key = line.slice(0, eq).trim();
    const which =
      kind === 'value' ? 'its value' : keyValue && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${key}'s value` : `line ${i + 1}`;
    hooks.warn(
      `Input "${name}": ${which} is too short or too common to mask safely (masking it would hide every occurrence ` +
        `in the log), so it is not masked. It still never goes into argv, labels, outputs or the summary. ` +
        `If it is really secret, use a longer value.`,
    );
  }
}

/** The user:password of a URL (as written and percent-decoded), masked before the URL is parsed or printed. */
export function maskUrlCredentials(raw: string, hooks: ReadHooks): void {
  const userinfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\s]*)@/.exec(raw)?.[1];
  if (!userinfo) return;
  const password = userinfo.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : '';
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  for (const v of new Set([userinfo, password, decode(password)])) if (maskable(v)) hooks.mask(v);
}

function parseInput(name: InputName, spec: InputDefinition, raw: string): unknown {
  if (raw === '') {
    if (spec.default !== undefined) raw = spec.default;
    else if (spec.fallback !== undefined) raw = spec.fallback;
    else if (spec.required) throw new InputError(name, '', `a value (the input is required): ${spec.rule.accepts}`);
    else return spec.rule.empty;
  }
  try {
    return spec.rule.parse(raw);
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    const accepted = e.detail ? `${spec.rule.accepts}: ${e.detail}` : spec.rule.accepts;
    if (spec.secret) throw InputError.secret(name, e.line, accepted);
    throw new InputError(name, e.shown ?? raw, accepted);
  }
}

/** Rules between inputs; each throws InputError naming the input to change. */
const RELATIONS: ((v: InputValues) => void)[] = [
  (v) => {
    for (const key of Object.keys(v.env))
      if (key in v['secret-env']) throw new InputError('env', key, 'a key that is not also in secret-env');
  },
  (v) => {
    if (v.strategy !== 'canary') return;
    // Whether a router can weigh is its own capability, checked before anything starts
    // (src/release/capability.ts); here only the case without a router at all.
    if (v.runtime === 'kubernetes') return;
    if (v.router === 'none') throw new InputError('strategy', 'canary', 'blue-green with router "none": canary steps need a router to shift traffic');
  },
  (v) => {
    if (v.baseline && v.strategy !== 'canary')
      throw new InputError('baseline', 'true', 'false with strategy "blue-green": a baseline is compared with the canary in its steps (strategy: canary)');
  },
  (v) => {
    const kind = metricsKind(v);
    if (kind === 'balancer' && v.router !== 'haproxy')
      throw new InputError('metrics', 'balancer', `prometheus or command with router "${v.router}": only HAProxy's stats are read by the action`);
    if (kind === 'prometheus') {
      if (!v['prometheus-url']) throw new InputError('prometheus-url', '', 'a value: metrics "prometheus" needs it');
      if (!v['prometheus-error-rate-query']) throw new InputError('prometheus-error-rate-query', '', 'a value: metrics "prometheus" needs it');
    }
    if (kind === 'command' && !v['analysis-command']) throw new InputError('analysis-command', '', 'a value: metrics "command" needs it');
  },
  (v) => {
    if (v.router === 'nginx' && !v['nginx-routes-file'] && !v['nginx-upstream-file'])
      throw new InputError('nginx-upstream-file', '', 'a value: router "nginx" needs it (or nginx-routes-file, for the njs mode without reloads)');
  },
  (v) => {
    // Hosts with their own balancer (issue 21 §6): each line's router= is the runtime API of an HAProxy on that host.
    const own = v.hosts.filter((h) => h.router !== undefined);
    if (own.length === 0) return;
    const lines = own.map((h) => `${h.endpoint} router=${h.router}`).join(', ');
    if (v.runtime === 'kubernetes')
      throw new InputError('hosts', lines, 'empty with runtime: kubernetes (the Service routes; a host of its own balancer is for Docker fleets)');
    if (v.router !== 'haproxy')
      throw new InputError('router', v.router, `haproxy with router= on the hosts lines (${lines}): a host's own balancer is an HAProxy reached through its runtime API`);
    if (v['haproxy-state-file'])
      throw new InputError('haproxy-state-file', v['haproxy-state-file'], "empty with router= on the hosts lines: the state file is a file on the runner, not on each host (give each host's HAProxy its own server-state-file in its haproxy.cfg)");
    if (v['haproxy-socket'])
      throw new InputError('haproxy-socket', v['haproxy-socket'], 'empty with router= on the hosts lines: each host line names its own balancer');
  },
  (v) => {
    if (v.waves.length === 0) return;
    const shown = v.waves.map((w) => ('hosts' in w ? String(w.hosts) : `${w.percent}%`)).join(', ');
    if (v.runtime === 'kubernetes') throw new InputError('waves', shown, 'empty with runtime: kubernetes (waves release the hosts of a Docker fleet)');
    if (v.hosts.length < 2) throw new InputError('waves', shown, 'empty without a fleet: waves release the hosts of `hosts` in groups, and there are fewer than 2');
    if (!v.hosts.every((h) => h.router !== undefined))
      throw new InputError(
        'waves',
        shown,
        'empty unless every hosts line has its own balancer (router=<socket>): a wave flips the balancers of its hosts, and one shared balancer has none per host',
      );
    if (v.strategy === 'canary')
      throw new InputError(
        'strategy',
        'canary',
        'blue-green with waves: waves and canary-steps are not supported together (each wave flips its hosts whole and is judged for wave-bake-seconds); use one or the other',
      );
  },
  (v) => {
    if (v.runtime === 'kubernetes' && v.hosts.length > 0)
      throw new InputError('hosts', v.hosts.map((h) => h.endpoint).join(', '), 'empty with runtime: kubernetes (the cluster places the pods; set replicas)');
  },
  (v) => {
    // Testers first through a balancer: the acceptance command needs the balancer's address (PREVIEW_URL).
    if (!v['preview-header'] || v.runtime === 'kubernetes') return;
    if (v.router === 'none')
      throw new InputError('preview-header', v['preview-header'], 'empty with router "none": the preview route lives in the balancer (haproxy, nginx with nginx-routes-file, caddy, command)');
    if (!v['preview-url'] && !v['environment-url'])
      throw new InputError(
        'preview-url',
        '',
        'the URL of the balancer (or set environment-url): with preview-header, the acceptance command gets it as PREVIEW_URL, to send requests with the header the way testers do',
      );
  },
  (v) => {
    if (v.runtime === 'kubernetes' && v.router !== 'none')
      throw new InputError('router', v.router, 'none with runtime: kubernetes (the Service selector is the router; put your balancer or Ingress in front of the Service)');
  },
];

export function readConfig(get: InputGetter = (n) => coreGetInput(n), hooks: ReadHooks = actionsHooks): Config {
  const names = Object.keys(INPUTS) as InputName[];
  const table: Record<InputName, InputDefinition> = INPUTS;
  const raw = Object.fromEntries(names.map((n) => [n, get(n).trim()])) as Record<InputName, string>;
  for (const n of names) {
    const secret = table[n].secret;
    if (secret) maskSecretInput(n, secret, raw[n], hooks);
    if (table[n].credentials === 'url') maskUrlCredentials(raw[n], hooks);
  }

  const v = Object.fromEntries(names.map((n) => [n, parseInput(n, table[n], raw[n])])) as InputValues;
  for (const n of names) {
    const when = table[n].requiredWhen;
    // Hosts with their own balancer (router= on every hosts line) need no haproxy-socket: each line names its own.
    const perHost = n === 'haproxy-socket' && v.hosts.some((h) => h.router !== undefined);
    if (when && !perHost && raw[n] === '' && (v as Record<string, unknown>)[when.input] === when.is)
      throw new InputError(n, '', `a value: ${when.input} "${when.is}" needs it`);
  }
  for (const relation of RELATIONS) relation(v);
  return { ...toConfig(v), given: SPEC_INPUTS.filter((n) => raw[n] !== '') };
}

/** Where the numbers come from: the input, else balancer with HAProxy; undefined when nothing is judged. */
function metricsKind(v: InputValues): MetricsConfig['kind'] | undefined {
  // promote judges the steps that are left of a paused canary.
  const judged = v.strategy === 'canary' || v['bake-seconds'] > 0 || v.command === 'promote' || (v.waves.length > 0 && v['wave-bake-seconds'] > 0);
  if (v.metrics) return v.metrics;
  if (!judged) return undefined;
  if (v.router === 'haproxy') return 'balancer';
  throw new InputError(
    'metrics',
    '',
    `prometheus or command: canary steps and bake-seconds are judged by numbers, and ${v.runtime === 'kubernetes' ? 'the Kubernetes Service (runtime: kubernetes)' : `router "${v.router}"`} has no stats the action reads (only haproxy has)`,
  );
}

function deliveryConfig(v: InputValues): DeliveryConfig {
  const kind = metricsKind(v);
  const metrics: MetricsConfig | undefined =
    kind === 'prometheus'
      ? {
          kind,
          url: v['prometheus-url']!,
          queries: {
            errorRate: v['prometheus-error-rate-query']!,
            requests: v['prometheus-requests-query'],
            responseMs: v['prometheus-response-ms-query'],
          },
        }
      : kind === 'command'
        ? { kind, command: v['analysis-command']!, everyPoll: v['analysis-command-every-poll'] }
        : kind === 'balancer'
          ? { kind }
          : undefined;
  return {
    strategy: v.strategy,
    steps: v.strategy === 'canary' ? v['canary-steps'].steps : [100],
    pauses: v.strategy === 'canary' ? v['canary-steps'].pauses : [],
    pauseTimeoutSec: v['pause-timeout'],
    mode: v['analysis-mode'],
    loadCommand: v['load-command'],
    stepSeconds: v['step-seconds'],
    bakeSeconds: v['bake-seconds'],
    waves: v.waves,
    waveBakeSeconds: v['wave-bake-seconds'],
    // Absolute thresholds still apply when given; without a baseline max-error-rate is 1 when not given.
    thresholds: { maxErrorRate: v['max-error-rate'] ?? (v.baseline ? undefined : 1), maxResponseMs: v['max-response-ms'], minRequests: v['min-requests'] },
    baseline: v.baseline
      ? { maxErrorRateIncrease: v['max-error-rate-increase'], maxResponseIncrease: v['max-response-increase'], confidence: v.confidence }
      : undefined,
    metrics,
    previewHeader: v['preview-header'],
    previewUrl: v['preview-url'] ?? v['environment-url'],
    sticky: v.sticky,
  };
}

/** One input on its own (the post step reads only `logout`), by the same rule. */
export function readInput<K extends InputName>(name: K, get: InputGetter = (n) => coreGetInput(n)): InputValues[K] {
  const spec: InputDefinition = INPUTS[name];
  return parseInput(name, spec, get(name).trim()) as InputValues[K];
}

/** Pure: the parsed input values -> the typed Config (`given`: none; readConfig knows which were given). */
export function toConfig(v: InputValues): Config {
  return {
    command: v.command,
    app: v.app,
    environment: v.environment,
    image: v.image ?? v.app,
    version: v.version,
    build: {
      builder: v.builder,
      packer:
        v.builder === 'packer'
          ? { template: v['packer-template']!, version: v['packer-version'], downloadUrl: v['packer-download-url'], sha256: v['packer-sha256'] }
          : undefined,
      context: v.context,
      dockerfile: v.dockerfile,
      buildArgs: v['build-args'],
      secrets: v['build-secrets'],
      target: v.target,
      extraLabels: v.labels,
      tagRules: v.tags,
      push: v.push,
    },
    registry: {
      server: v.registry,
      username: v['registry-username'],
      password: v['registry-password'],
      logout: v.logout,
    },
    run: {
      hosts: v.hosts,
      replicas: v.replicas,
      port: v.port,
      upstreamHost: v['upstream-host'],
      portRange: v['port-range'],
      env: v.env,
      secretEnv: v['secret-env'],
      network: v.network,
      memory: v.memory,
      cpus: v.cpus,
      restart: v.restart,
      readOnly: v['read-only'] ?? false,
      // A read-only instance gets a writable /tmp unless told otherwise; tmpfs without read-only mounts what is listed.
      tmpfs: v.tmpfs.length ? v.tmpfs : v['read-only'] ? ['/tmp'] : [],
    },
    verify: {
      healthPath: v['health-path'],
      healthTimeoutSec: v['health-timeout'],
      acceptanceCommand: v['acceptance-command'],
      acceptanceTimeoutSec: v['acceptance-timeout'],
      checks: v.checks,
      keepFailed: v['keep-failed'],
      logLines: v['log-lines'],
    },
    router: routerConfig(v),
    routerInputs: {
      nginxTestCommand: v['nginx-test-command'],
      nginxReloadCommand: v['nginx-reload-command'],
      routerCommand: v['router-command'],
      caddyAdminUrl: v['caddy-admin-url'],
      nginxRoutesFile: v['nginx-routes-file'],
      nginxUpstreamFile: v['nginx-upstream-file'],
      nginxPidFile: v['nginx-pid-file'],
      haproxySocket: v['haproxy-socket'],
      haproxyStateFile: v['haproxy-state-file'],
    },
    runtime: runtimeConfig(v),
    release: {
      keep: v.keep,
      keepImages: v['keep-images'],
      drainSeconds: v['drain-seconds'],
      stopTimeoutSec: v['stop-timeout'],
      lockTimeoutSec: v['lock-timeout'],
    },
    githubToken: v['github-token'],
    environmentUrl: v['environment-url'],
    drift: { writablePaths: v['writable-paths'] },
    policy: { rules: v.policy, mode: v['policy-mode'] },
    delivery: deliveryConfig(v),
    maintenance: { mode: v.maintenance, pageFile: v['maintenance-page'], allow: v['maintenance-allow'] },
    ops: {
      releaseCommand: v['release-command'],
      releaseTimeoutSec: v['release-timeout'],
      irreversible: v.irreversible,
      force: v.force,
      reason: v.reason,
      hooks: { postDeploy: v['post-deploy-command'], onFailure: v['on-failure-command'], onRollback: v['on-rollback-command'] },
      webhooks: v['notify-webhook'],
      freeze: v.freeze,
      freezeOverride: v['freeze-override'],
    },
    given: [],
  };
}

function runtimeConfig(v: InputValues): RuntimeConfig {
  if (v.runtime === 'docker') return { kind: 'docker' };
  return {
    kind: 'kubernetes',
    kubeconfig: v.kubeconfig,
    namespace: v['kube-namespace'],
    service: v['kube-service'] ?? v.app,
    previewUrl: v['preview-url'],
  };
}

/** What a router owns defaults to `<app>-<environment>`: per app AND environment, like the lock and the instances. */
function routerConfig(v: InputValues): RouterConfig {
  const slot = `${v.app}-${v.environment}`;
  switch (v.router) {
    case 'none':
      return { kind: 'none' };
    case 'nginx':
      return {
        kind: 'nginx',
        routesFile: v['nginx-routes-file'],
        upstreamFile: v['nginx-upstream-file'] ?? '',
        upstreamName: v['nginx-upstream-name'] ?? slot,
        testCommand: v['nginx-test-command'],
        reloadCommand: v['nginx-reload-command'],
        pidFile: v['nginx-pid-file'],
      };
    case 'haproxy':
      return {
        kind: 'haproxy',
        // '' with router= on the hosts lines: each host names its own socket.
        socket: v['haproxy-socket'] ?? '',
        backend: v['haproxy-backend'] ?? slot,
        server: v['haproxy-server'],
        stateFile: v['haproxy-state-file'],
      };
    case 'caddy':
      return { kind: 'caddy', adminUrl: v['caddy-admin-url'], upstreamId: v['caddy-upstream-id'] ?? slot };
    case 'command':
      return { kind: 'command', command: v['router-command']! };
  }
}
