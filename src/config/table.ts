/**
 * Every action input, as data: its rule (what it accepts, how it parses), its default, whether it is
 * required or secret. The reader (src/config/read.ts), the README inputs table (npm run docs) and the
 * action.yml contract test (test/unit/config-table-contract.test.ts) all read this table.
 *
 * ADDING AN INPUT
 *   1. one entry below: `'my-input': { rule: int(1, 10), default: '3' }` (rules in ./rules.ts;
 *      `default` is the string action.yml declares; `required: true`; `secret: 'value'` for values that are
 *      masked before anything is parsed; `credentials: 'url'` for URLs that may carry user:password; `requiredWhen: { input: 'router', is: 'nginx' }`);
 *   2. the same name in action.yml with its description (and the same default/required);
 *   3. its field in Config (src/config/types.ts), set from `v['my-input']` in toConfig() in src/config/read.ts
 *      (typed: the value has the rule's type, `| undefined` when there is no default);
 *   4. `npm run docs` to regenerate the README table.
 * Cross-input rules (one input's value constrains another's) go in RELATIONS in src/config/read.ts.
 *
 * Pure data and pure rules: no input is read, nothing is masked or logged here.
 */
import { parseChecks } from '../core/checks.js';
import { unknownPlaceholders, PLACEHOLDERS } from './placeholders.js';
import { ANALYSIS_MODES, BUILDERS, COMMANDS, METRICS_KINDS, ROUTER_KINDS, RUNTIME_KINDS, STRATEGIES, type HostEntry } from './types.js';
import { LABEL_PREFIX } from '../core/labels.js';
import { hostLineProblem, parseHosts } from './hosts.js';
import { parseWaves, type WaveMark } from '../core/waves.js';
import { parsePolicy, POLICY_MODES, POLICY_RULES_ACCEPTED } from './policy.js';
import { DEFAULT_PORT_RANGE, formatPortRange, parsePortRange } from '../core/ports.js';
import { parseTagRule } from './tag-rules.js';
import { listItems } from '../core/text.js';
import { allowItemProblem, parseAllow, type MaintenanceAllow } from '../core/maintenance.js';
import { parseSticky, STICKY_ACCEPTS, type Sticky } from '../core/sticky.js';
import { FREEZE_ACCEPTS, parseFreezeLine, type FreezeWindow } from './freeze.js';
import {
  argv,
  bool,
  choice,
  decimal,
  httpUrl,
  int,
  keyValues,
  lines,
  mapped,
  ownedFile,
  parsedBy,
  pattern,
  publishAddress,
  Rejected,
  text,
  type Rule,
} from './rules.js';

export interface InputDefinition<T = unknown> {
  rule: Rule<T>;
  /** The default, exactly as action.yml declares it (applied to an empty input). */
  default?: string;
  /**
   * A default that action.yml does NOT declare (applied to an empty input all the same), for the inputs a
   * version's recorded run spec stands in for on rollback (`recorded`, src/config/recorded.ts): the runner passes a
   * declared default as if it had been given, and an input given explicitly wins over the recorded spec.
   */
  fallback?: string;
  /**
   * Recorded with a version (in its run spec), so that a rollback, recycle or status left without it uses the
   * version's value (src/config/recorded.ts SPEC_INPUTS). Such an input has a `fallback`, never a `default`.
   */
  recorded?: true;
  required?: true;
  /**
   * Masked (runner and our own redaction) before any input is parsed; errors name the line, never the value.
   * 'value': the whole value; 'key-values': each KEY=VALUE line's value (a line without "=" whole).
   */
  secret?: 'value' | 'key-values';
  /** A URL whose user:password part (if any) is masked before anything is parsed. */
  credentials?: 'url';
  /** Required when another input has this value. */
  requiredWhen?: { input: string; is: string };
}

/** `hosts`: one `<endpoint> [<address>] [router=<socket>]` per line (src/config/hosts.ts), each endpoint once. */
const hostsLines = lines(
  'one Docker engine per line: <endpoint> [<address>] [router=<socket>], the endpoint ssh://user@host[:port], tcp://host:port or unix:///path, ' +
    'the address an IP the balancer reaches that host on (default: the endpoint host when it is an IP), router= the runtime API socket of the ' +
    "host's own HAProxy (a path on that host, reached through its ssh connection, or host:port; on every line or none)",
  hostLineProblem,
);
const hostsRule: Rule<HostEntry[]> & { empty: HostEntry[] } = {
  accepts: hostsLines.accepts,
  empty: [],
  parse(v) {
    try {
      return parseHosts(hostsLines.parse(v));
    } catch (e) {
      if (e instanceof Rejected) throw e;
      throw new Rejected({ detail: (e as Error).message });
    }
  },
};

/** `waves`: host groups released in order (src/core/waves.ts). */
const wavesRule: Rule<WaveMark[]> & { empty: WaveMark[] } = {
  accepts: 'rising numbers of hosts or shares of them, comma-separated, each the hosts released once that wave is done, such as 1, 50%, 100% (100% is always the last)',
  empty: [],
  parse(v) {
    try {
      return parseWaves(v);
    } catch (e) {
      throw new Rejected({ detail: (e as Error).message });
    }
  },
};

/** `maintenance-allow`: address ranges or header:<Name>, one per line or comma-separated. */
const maintenanceAllowRule: Rule<MaintenanceAllow> & { empty: MaintenanceAllow } = {
  accepts: 'address ranges (10.0.0.0/8, 192.0.2.7, 2001:db8::/32) or header:<Name> (a request carrying that header, any value), one per line or comma-separated',
  empty: { cidrs: [], headers: [] },
  parse(v) {
    const items = listItems(v, true);
    for (const item of items) {
      const wrong = allowItemProblem(item);
      if (wrong !== undefined) throw new Rejected({ shown: item, detail: wrong });
    }
    return parseAllow(items);
  },
};

const APP_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,62})$/;
/** A Docker tag: https://docs.docker.com/reference/cli/docker/image/tag/ */
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A repository reference without tag or digest: optional registry host[:port], then lowercase path components. */
const IMAGE_RE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const NAME_RE = /^[A-Za-z0-9_.-]+$/;
const NAME_ACCEPTS = 'letters, digits, ".", "_" and "-"';
/** A DNS-1123 label: the names of Kubernetes namespaces and Services. */
const DNS_LABEL_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_LABEL_ACCEPTS = 'a Kubernetes name: lowercase letters, digits and "-", up to 63, starting and ending with a letter or digit';

/** Labels the action writes itself: a user label may not replace them (they are how versions are found and trusted). */
export function ownedLabel(key: string): boolean {
  return (
    key.startsWith(`${LABEL_PREFIX}.`) ||
    ['org.opencontainers.image.revision', 'org.opencontainers.image.version', 'org.opencontainers.image.created'].includes(key)
  );
}

const SIZE_RE = /^(\d+(?:\.\d+)?)([bkmg]?)$/i;
/** Docker refuses memory limits under 6 MiB; 0 would mean "no limit", which is an empty input here. */
function memoryTooSmall(v: string): string | undefined {
  const [, n, unit] = SIZE_RE.exec(v)!;
  const bytes = Number(n) * 1024 ** 'bkmg'.indexOf((unit || 'b').toLowerCase());
  return bytes < 6 * 1024 * 1024 ? 'Docker needs at least 6m (leave the input empty for no limit)' : undefined;
}

/** canary-steps: rising percentages below 100, comma- or line-separated; 100 is added as the last step. */
export function parseCanarySteps(v: string): number[] {
  return parseCanaryPlan(v).steps;
}

/**
 * canary-steps with human gates: `5, 25, pause, 50` gives steps [5, 25, 50, 100] and a pause after the
 * second (index 1). A pause follows a step below 100, never another pause, never the first item.
 */
export function parseCanaryPlan(v: string): { steps: number[]; pauses: number[] } {
  const items = listItems(v, true);
  const steps: number[] = [];
  const pauses: number[] = [];
  for (const item of items) {
    if (item.toLowerCase() === 'pause') {
      if (steps.length === 0) throw new Rejected({ shown: item, detail: 'a pause follows a step (the canary has a share while it waits), never comes first' });
      if (pauses.at(-1) === steps.length - 1) throw new Rejected({ shown: item, detail: 'one pause after a step is enough' });
      if (steps.at(-1) === 100) throw new Rejected({ shown: item, detail: 'a pause follows a step below 100 (at 100% there is nothing left to promote)' });
      pauses.push(steps.length - 1);
      continue;
    }
    const n = Number(item.replace(/%$/, ''));
    if (!/^\d+%?$/.test(item) || n < 1 || n > 100) throw new Rejected({ shown: item, detail: 'each step is a whole percentage from 1 to 100' });
    if (steps.length && n <= steps[steps.length - 1]!) throw new Rejected({ shown: item, detail: 'the steps must rise' });
    steps.push(n);
  }
  if (steps[steps.length - 1] !== 100) steps.push(100);
  return { steps, pauses };
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration such as 90s, 30m, 24h, 2d or a number of seconds: seconds. */
export function parseDuration(v: string): number {
  const m = /^(\d+)\s*([smhd]?)$/i.exec(v.trim());
  if (!m) throw new Rejected({ detail: 'a whole number with s, m, h or d (seconds when without)' });
  const sec = Number(m[1]) * DURATION_UNITS[(m[2] || 's').toLowerCase()]!;
  if (sec < 1 || sec > 366 * 86_400) throw new Rejected({ detail: 'from 1s to 366d' });
  return sec;
}

const promQuery: Rule<string> = {
  accepts: `a PromQL query returning one number, with placeholders ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
  parse(v) {
    const unknown = unknownPlaceholders(v);
    if (unknown.length) throw new Rejected({ detail: `unknown placeholder ${unknown.map((p) => `{{${p}}}`).join(', ')}` });
    return v;
  },
};

/** `freeze`: one window per line (src/config/freeze.ts); a wrong line is named with what is wrong with it. */
const freezeRule: Rule<FreezeWindow[]> & { empty: FreezeWindow[] } = {
  accepts: FREEZE_ACCEPTS,
  empty: [],
  parse: (v) =>
    listItems(v).map((line) => {
      try {
        return parseFreezeLine(line);
      } catch (e) {
        throw new Rejected({ shown: line, detail: (e as Error).message });
      }
    }),
};

export const INPUTS = {
  command: { rule: choice(COMMANDS), default: 'deploy' },
  app: {
    rule: pattern(APP_RE, 'lowercase letters, digits and "-" (1 to 63, starting and ending with a letter or digit)'),
    required: true,
  },
  environment: { rule: pattern(ENV_NAME_RE, 'letters, digits, ".", "_" and "-" (up to 63)'), default: 'production' },
  context: {
    rule: pattern(/^[^-]/, 'a directory path that does not start with "-" (write ./-dir for such a directory)'),
    default: '.',
  },
  builder: { rule: choice(BUILDERS), default: 'docker' },
  dockerfile: { rule: text('a path') },
  'packer-template': {
    rule: pattern(/^[^-]/, 'a path of a Packer template (.pkr.hcl or .json) in the build context, not starting with "-"'),
    requiredWhen: { input: 'builder', is: 'packer' },
  },
  'packer-version': { rule: pattern(/^\d+\.\d+\.\d+$/, 'a Packer release such as 1.11.2'), default: '1.11.2' },
  'packer-download-url': {
    rule: pattern(/^(https?|file):\/\/\S+$/, 'an http(s) URL of the release zip; {version}, {os} and {arch} are filled in'),
    default: 'https://releases.hashicorp.com/packer/{version}/packer_{version}_{os}_{arch}.zip',
  },
  'packer-sha256': { rule: mapped(pattern(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the release zip: 64 hexadecimal digits'), (v) => v.toLowerCase()) },
  target: { rule: text('a build stage name') },
  image: { recorded: true, rule: pattern(IMAGE_RE, 'an image repository without tag, such as ghcr.io/acme/shop or shop') },
  version: {
    rule: pattern(TAG_RE, 'a Docker tag: letters, digits, "_", "." and "-", up to 128, not starting with "." or "-"'),
  },
  tags: {
    rule: parsedBy('tag rules, one per line (docker/metadata-action syntax: type=sha|ref|semver|raw)', (v) => {
      const rules = listItems(v);
      rules.forEach(parseTagRule);
      return rules;
    }, []),
  },
  labels: {
    rule: keyValues(LABEL_KEY_RE, 'KEY', (k) =>
      ownedLabel(k)
        ? `a label the action does not write itself (not ${LABEL_PREFIX}.*, org.opencontainers.image.revision, .version or .created)`
        : undefined,
    ),
  },
  'build-args': { rule: keyValues(ENV_KEY_RE, 'NAME') },
  'build-secrets': {
    rule: lines('one per line: id=NAME,env=VARIABLE or id=NAME,src=PATH', (s) =>
      /^id=[A-Za-z0-9_.-]+,(env|src)=[^,]+$/.test(s) ? undefined : 'not id=NAME,env=VARIABLE or id=NAME,src=PATH',
    ),
  },
  push: { rule: bool, default: 'false' },
  registry: { recorded: true, rule: text('a registry host') },
  'registry-username': { recorded: true, rule: text('a user name') },
  'registry-password': { rule: text('a password or token'), secret: 'value' },
  logout: { rule: bool, default: 'true' },
  port: { recorded: true, rule: int(1, 65535), fallback: '8080' },
  'upstream-host': { recorded: true, rule: publishAddress, fallback: '127.0.0.1' },
  'port-range': { recorded: true,
    rule: parsedBy('a range of host ports FROM-TO (1 to 65535), such as 20000-29999', (v) => {
      const r = parsePortRange(v);
      if (!r) throw new Error(v);
      return r;
    }, DEFAULT_PORT_RANGE),
    fallback: formatPortRange(DEFAULT_PORT_RANGE),
  },
  hosts: { recorded: true, rule: hostsRule },
  // Any variable name: the values go to the engine in the create request, not through the docker CLI's environment.
  env: { recorded: true, rule: keyValues(ENV_KEY_RE, 'KEY') },
  'secret-env': { rule: keyValues(ENV_KEY_RE, 'KEY'), secret: 'key-values' },
  network: { recorded: true,
    rule: pattern(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Docker network name (not host or none)', (v) =>
      v === 'host' || v === 'none'
        ? `network "${v}" gives the instance no published port for the router to point at; use a bridge or user-defined network`
        : undefined,
    ),
  },
  memory: { recorded: true, rule: pattern(SIZE_RE, 'a size of at least 6m, such as 512m or 1g', memoryTooSmall) },
  cpus: { recorded: true,
    rule: pattern(/^\d+(\.\d+)?$/, 'a positive number such as 0.5 or 2', (v) => (Number(v) > 0 ? undefined : 'must be above 0')),
  },
  restart: { recorded: true,
    rule: pattern(/^(no|always|unless-stopped|on-failure(:\d{1,3})?)$/, 'no, always, unless-stopped, on-failure or on-failure:N'),
    fallback: 'unless-stopped',
  },
  // No default: the recorded run specification of a version can stand in for an input that is left out.
  'read-only': { recorded: true, rule: bool },
  tmpfs: { recorded: true,
    rule: lines('absolute paths, one per line, optionally with mount options: /tmp or /run:size=16m,mode=1777', (t) =>
      /^\/[A-Za-z0-9._/-]*(:[A-Za-z0-9=,]+)?$/.test(t) ? undefined : 'not an absolute path with optional mount options',
    ),
  },
  'writable-paths': {
    rule: lines('absolute paths, one per line, such as /var/cache/app', (w) =>
      /^\/[A-Za-z0-9._/-]*$/.test(w) ? undefined : 'not an absolute path',
    ),
  },
  'health-path': { recorded: true, rule: pattern(/^\//, 'a path starting with "/"'), fallback: '/' },
  'health-timeout': { recorded: true, rule: int(1, 3600), fallback: '60' },
  'acceptance-command': { rule: text('a shell command') },
  'acceptance-timeout': { rule: int(1, 6 * 3600), default: '300' },
  checks: { recorded: true, rule: parsedBy('one check per line', parseChecks, []) },
  'keep-failed': { rule: bool, default: 'false' },
  'log-lines': { rule: int(0, 10_000), default: '50' },
  router: { recorded: true, rule: choice(ROUTER_KINDS), fallback: 'none' },
  'nginx-routes-file': { recorded: true, rule: ownedFile },
  // Required with router nginx unless nginx-routes-file is set: see RELATIONS in src/config/read.ts.
  'nginx-upstream-file': { recorded: true, rule: ownedFile },
  'nginx-upstream-name': { recorded: true, rule: pattern(NAME_RE, NAME_ACCEPTS) },
  'nginx-test-command': { recorded: true, rule: argv, fallback: 'nginx -t' },
  'nginx-reload-command': { recorded: true, rule: argv, fallback: 'nginx -s reload' },
  'nginx-pid-file': { recorded: true, rule: text('a file path') },
  'haproxy-socket': { recorded: true, rule: text('a unix socket path or host:port'), requiredWhen: { input: 'router', is: 'haproxy' } },
  'haproxy-backend': { recorded: true, rule: pattern(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, ".", ":", "_" and "-"') },
  'haproxy-server': { recorded: true, rule: pattern(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, ".", ":", "_" and "-"'), fallback: 'live' },
  'haproxy-state-file': { recorded: true, rule: ownedFile },
  'caddy-admin-url': { recorded: true,
    rule: mapped(
      pattern(/^https?:\/\/[^\s/]+\/?$/, 'an http(s) URL of the admin API, such as http://127.0.0.1:2019'),
      (v) => v.replace(/\/$/, ''),
    ),
    fallback: 'http://127.0.0.1:2019',
    credentials: 'url',
  },
  'caddy-upstream-id': { recorded: true, rule: pattern(NAME_RE, NAME_ACCEPTS) },
  'router-command': { recorded: true, rule: text('a shell command'), requiredWhen: { input: 'router', is: 'command' } },
  runtime: { rule: choice(RUNTIME_KINDS), default: 'docker' },
  // The whole kubeconfig is masked line by line: it may hold tokens, keys and passwords anywhere.
  kubeconfig: { rule: text('the content of a kubeconfig file'), secret: 'value' },
  'kube-namespace': { recorded: true, rule: pattern(DNS_LABEL_RE, DNS_LABEL_ACCEPTS), fallback: 'default' },
  'kube-service': { recorded: true, rule: pattern(DNS_LABEL_RE, DNS_LABEL_ACCEPTS) },
  'preview-url': { rule: httpUrl },
  replicas: { recorded: true, rule: int(1, 1000), fallback: '1' },
  strategy: { rule: choice(STRATEGIES), default: 'blue-green' },
  'canary-steps': {
    rule: {
      accepts: 'rising percentages, comma-separated, such as 10, 50 (100 is always the last step), with `pause` after a step for a human gate: 5, 25, pause, 50',
      parse: parseCanaryPlan,
    },
    default: '10, 50',
  },
  'pause-timeout': { rule: { accepts: 'a duration such as 30m, 24h or 2d (s, m, h, d; seconds without a unit)', parse: parseDuration }, default: '24h' },
  'analysis-mode': { rule: choice(ANALYSIS_MODES), default: 'enforce' },
  'load-command': { rule: text('a shell command') },
  'step-seconds': { rule: int(1, 3600), default: '60' },
  // No declared default: with baseline: true it is judged only when given (read.ts: 1 otherwise).
  'max-error-rate': { rule: decimal(0, 100) },
  'max-response-ms': { rule: int(1, 600_000) },
  'min-requests': { rule: int(0, 1_000_000), default: '20' },
  baseline: { rule: bool, default: 'false' },
  'max-error-rate-increase': { rule: decimal(0, 100), default: '1' },
  'max-response-increase': { rule: decimal(0, 100_000) },
  confidence: { rule: decimal(0.5, 0.999), default: '0.95' },
  // Default: balancer with router haproxy (the only router with stats); see RELATIONS in src/config/read.ts.
  metrics: { rule: choice(METRICS_KINDS) },
  'prometheus-url': { rule: mapped(httpUrl, (v) => v.replace(/\/$/, '')) },
  'prometheus-error-rate-query': { rule: promQuery },
  'prometheus-requests-query': { rule: promQuery },
  'prometheus-response-ms-query': { rule: promQuery },
  'analysis-command': { rule: text('a shell command') },
  'analysis-command-every-poll': { rule: bool, default: 'false' },
  'bake-seconds': { rule: int(0, 24 * 3600), default: '0' },
  waves: { rule: wavesRule },
  'wave-bake-seconds': { rule: int(0, 24 * 3600), default: '0' },
  'preview-header': { rule: pattern(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name, such as X-Preview') },
  sticky: {
    rule: {
      accepts: STICKY_ACCEPTS,
      parse(v) {
        const s = parseSticky(v);
        if (!s) throw new Rejected();
        return s;
      },
    } satisfies Rule<Sticky>,
  },
  keep: { recorded: true, rule: int(0, 50), fallback: '1' },
  'keep-images': { recorded: true, rule: int(1, 1000), fallback: '5' },
  'drain-seconds': { recorded: true, rule: int(0, 3600), fallback: '5' },
  'stop-timeout': { recorded: true, rule: int(0, 3600), fallback: '10' },
  'lock-timeout': { rule: int(0, 6 * 3600), default: '300' },
  'environment-url': { rule: httpUrl, credentials: 'url' },
  policy: { rule: parsedBy(POLICY_RULES_ACCEPTED, (v) => parsePolicy(listItems(v)), []) },
  'policy-mode': { rule: choice(POLICY_MODES), default: 'warn' },
  'github-token': { rule: text('a GitHub token'), secret: 'value' },
  maintenance: { rule: choice(['on', 'off'] as const), requiredWhen: { input: 'command', is: 'maintenance' } },
  'maintenance-page': { rule: pattern(/^[^-]/, 'a path of an HTML file on the runner (the 503 page), not starting with "-"') },
  'maintenance-allow': { rule: maintenanceAllowRule },
  // Release operations (issue 21): never recorded (a rollback never runs the release command).
  'release-command': { rule: argv },
  'release-timeout': { rule: int(1, 6 * 3600), default: '600' },
  irreversible: { rule: bool, default: 'false' },
  force: { rule: bool, default: 'false' },
  reason: { rule: text('why (a sentence)') },
  'post-deploy-command': { rule: text('a shell command') },
  'on-failure-command': { rule: text('a shell command') },
  'on-rollback-command': { rule: text('a shell command') },
  'notify-webhook': {
    rule: lines('http(s) URLs, one per line', (u) => (/^https?:\/\/\S+$/.test(u) ? undefined : 'not an http(s) URL')),
    secret: 'value',
  },
  freeze: { rule: freezeRule },
  'freeze-override': { rule: text('the reason for deploying inside a freeze window') },
} as const satisfies Record<string, InputDefinition>;

export type InputName = keyof typeof INPUTS;

/** The typed value of one input: the rule's type, `| undefined` unless it has a default, is required or has an empty value. */
export type InputValue<E> = E extends { rule: Rule<infer T> }
  ? E extends { default: string } | { fallback: string } | { required: true } | { rule: { empty: unknown } }
    ? T
    : T | undefined
  : never;

export type InputValues = { [K in InputName]: InputValue<(typeof INPUTS)[K]> };
