/**
 * The ONLY module that reads action inputs. It returns a typed, validated Config;
 * every error names the input, the value and what is accepted.
 */
import { getInput as coreGetInput, setSecret } from '@actions/core';
import { CheckSyntaxError, parseChecks } from './acceptance/checks-parse.js';
import {
  COMMANDS,
  ROUTER_KINDS,
  type Command,
  type Config,
  type RouterConfig,
  type RouterKind,
} from './config.js';
import { InputError } from './errors.js';
import { registerSecret } from './exec.js';
import { listItems, parseKeyValues, splitWords } from './text.js';

export type InputGetter = (name: string) => string;

const APP_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,62})$/;
/** A Docker tag: https://docs.docker.com/reference/cli/docker/image/tag/ */
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A repository reference without tag or digest: optional registry host[:port], then lowercase path components. */
const IMAGE_RE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export function readConfig(get: InputGetter = (n) => coreGetInput(n)): Config {
  const raw = (name: string): string => get(name).trim();
  const optional = (name: string): string | undefined => raw(name) || undefined;

  const choice = <T extends string>(name: string, allowed: readonly T[], dflt: T): T => {
    const v = raw(name) || dflt;
    if (!(allowed as readonly string[]).includes(v)) throw new InputError(name, v, `one of ${allowed.join(', ')}`);
    return v as T;
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const v = raw(name);
    if (v === '') return dflt;
    if (/^(true|yes|1)$/i.test(v)) return true;
    if (/^(false|no|0)$/i.test(v)) return false;
    throw new InputError(name, v, 'true or false');
  };
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const v = raw(name);
    if (v === '') return dflt;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) throw new InputError(name, v, `a whole number from ${min} to ${max}`);
    return n;
  };
  const pattern = (name: string, re: RegExp, accepted: string, dflt?: string): string => {
    const v = raw(name) || dflt || '';
    if (!re.test(v)) throw new InputError(name, v, accepted);
    return v;
  };
  const keyValues = (name: string, keyRe: RegExp, what: string): Record<string, string> => {
    const { values, bad } = parseKeyValues(get(name), keyRe);
    if (bad !== undefined) throw new InputError(name, bad, `one ${what}=VALUE per line`);
    return values;
  };
  const url = (name: string): string | undefined => {
    const v = raw(name);
    if (v === '') return undefined;
    if (!/^https?:\/\/\S+$/.test(v)) throw new InputError(name, v, 'an http(s) URL');
    return v;
  };
  const argv = (name: string, dflt: string): string[] => {
    const v = raw(name) || dflt;
    try {
      const words = splitWords(v);
      if (words.length === 0) throw new Error('empty');
      return words;
    } catch (e) {
      throw new InputError(name, v, `a command line (words, optionally quoted; no shell): ${(e as Error).message}`);
    }
  };

  const command: Command = choice('command', COMMANDS, 'deploy');
  const app = pattern('app', APP_RE, 'lowercase letters, digits and "-" (1 to 63, starting and ending with a letter or digit)');
  const environment = pattern('environment', ENV_NAME_RE, 'letters, digits, ".", "_" and "-" (up to 63)', 'production');
  const image = pattern('image', IMAGE_RE, 'an image repository without tag, such as ghcr.io/acme/shop or shop', app);
  const versionRaw = optional('version');
  if (versionRaw !== undefined && !TAG_RE.test(versionRaw))
    throw new InputError('version', versionRaw, 'a Docker tag: letters, digits, "_", "." and "-", up to 128, not starting with "." or "-"');

  // Secrets first, so nothing later can print them.
  const password = optional('registry-password');
  const githubToken = optional('github-token');
  const secretEnv = keyValues('secret-env', ENV_KEY_RE, 'KEY');
  for (const s of [password, githubToken, ...Object.values(secretEnv)]) {
    if (s) {
      setSecret(s);
      registerSecret(s);
    }
  }

  const env = keyValues('env', ENV_KEY_RE, 'KEY');
  for (const key of Object.keys(env))
    if (key in secretEnv) throw new InputError('env', key, 'a key that is not also in secret-env');
  let checks;
  try {
    checks = parseChecks(get('checks'));
  } catch (e) {
    if (e instanceof CheckSyntaxError) throw new InputError('checks', e.message, 'one check per line');
    throw e;
  }

  const restart = raw('restart') || 'unless-stopped';
  if (!/^(no|always|unless-stopped|on-failure(:\d{1,3})?)$/.test(restart))
    throw new InputError('restart', restart, 'no, always, unless-stopped, on-failure or on-failure:N');
  const memory = optional('memory');
  if (memory !== undefined && !/^\d+(\.\d+)?[bkmg]?$/i.test(memory))
    throw new InputError('memory', memory, 'a size such as 512m or 1g');
  const cpus = optional('cpus');
  if (cpus !== undefined && !(/^\d+(\.\d+)?$/.test(cpus) && Number(cpus) > 0))
    throw new InputError('cpus', cpus, 'a positive number such as 0.5 or 2');
  const network = optional('network');
  if (network !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(network))
    throw new InputError('network', network, 'a Docker network name');
  const upstreamHost = raw('upstream-host') || '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(upstreamHost))
    throw new InputError('upstream-host', upstreamHost, 'an IP address or host name');
  const healthPath = raw('health-path') || '/';
  if (!healthPath.startsWith('/')) throw new InputError('health-path', healthPath, 'a path starting with "/"');

  const buildSecrets = listItems(get('build-secrets'));
  for (const s of buildSecrets)
    if (!/^id=[A-Za-z0-9_.-]+,(env|src)=[^,]+$/.test(s))
      throw new InputError('build-secrets', s, 'one per line: id=NAME,env=VARIABLE or id=NAME,src=PATH');

  const routerKind: RouterKind = choice('router', ROUTER_KINDS, 'none');

  return {
    command,
    app,
    environment,
    image,
    version: versionRaw,
    build: {
      context: raw('context') || '.',
      dockerfile: optional('dockerfile'),
      buildArgs: keyValues('build-args', /^[A-Za-z_][A-Za-z0-9_]*$/, 'NAME'),
      secrets: buildSecrets,
      target: optional('target'),
      extraLabels: keyValues('labels', LABEL_KEY_RE, 'KEY'),
      tagRules: listItems(get('tags')),
      push: bool('push', false),
    },
    registry: { server: optional('registry'), username: optional('registry-username'), password },
    run: {
      port: int('port', 8080, 1, 65535),
      upstreamHost,
      env,
      secretEnv,
      network,
      memory,
      cpus,
      restart,
    },
    verify: {
      healthPath,
      healthTimeoutSec: int('health-timeout', 60, 1, 3600),
      acceptanceCommand: optional('acceptance-command'),
      acceptanceTimeoutSec: int('acceptance-timeout', 300, 1, 6 * 3600),
      checks,
      keepFailed: bool('keep-failed', false),
    },
    router: readRouter(routerKind, app, raw, argv),
    release: {
      keep: int('keep', 1, 0, 50),
      keepImages: int('keep-images', 5, 1, 1000),
      drainSeconds: int('drain-seconds', 5, 0, 3600),
      stopTimeoutSec: int('stop-timeout', 10, 0, 3600),
      lockTimeoutSec: int('lock-timeout', 300, 0, 6 * 3600),
    },
    githubToken,
    environmentUrl: url('environment-url'),
  };
}

function readRouter(
  kind: RouterKind,
  app: string,
  raw: (name: string) => string,
  argv: (name: string, dflt: string) => string[],
): RouterConfig {
  const required = (name: string): string => {
    const v = raw(name);
    if (!v) throw new InputError(name, v, `a value: router "${kind}" needs it`);
    return v;
  };
  switch (kind) {
    case 'none':
      return { kind };
    case 'nginx': {
      const upstreamName = raw('nginx-upstream-name') || app;
      if (!/^[A-Za-z0-9_.-]+$/.test(upstreamName))
        throw new InputError('nginx-upstream-name', upstreamName, 'letters, digits, ".", "_" and "-"');
      return {
        kind,
        upstreamFile: required('nginx-upstream-file'),
        upstreamName,
        testCommand: argv('nginx-test-command', 'nginx -t'),
        reloadCommand: argv('nginx-reload-command', 'nginx -s reload'),
        pidFile: raw('nginx-pid-file') || undefined,
      };
    }
    case 'haproxy': {
      const name = (input: string, dflt: string): string => {
        const v = raw(input) || dflt;
        if (!/^[A-Za-z0-9_.:-]+$/.test(v)) throw new InputError(input, v, 'letters, digits, ".", ":", "_" and "-"');
        return v;
      };
      return {
        kind,
        socket: required('haproxy-socket'),
        backend: name('haproxy-backend', app),
        server: name('haproxy-server', 'live'),
        stateFile: raw('haproxy-state-file') || undefined,
      };
    }
    case 'caddy': {
      const adminUrl = raw('caddy-admin-url') || 'http://127.0.0.1:2019';
      if (!/^https?:\/\/[^\s/]+\/?$/.test(adminUrl))
        throw new InputError('caddy-admin-url', adminUrl, 'an http(s) URL of the admin API, such as http://127.0.0.1:2019');
      const upstreamId = raw('caddy-upstream-id') || app;
      if (!/^[A-Za-z0-9_.-]+$/.test(upstreamId))
        throw new InputError('caddy-upstream-id', upstreamId, 'letters, digits, ".", "_" and "-"');
      return { kind, adminUrl: adminUrl.replace(/\/$/, ''), upstreamId };
    }
    case 'command':
      return { kind, command: required('router-command') };
  }
}

