import { describe, expect, test } from 'vitest';
import { parseCli, UsageError } from '../../src/cli/args.js';
import { readConfig } from '../../src/config/read.js';
import { INPUTS } from '../../src/config/table.js';

const hooks = { mask: () => undefined, warn: () => undefined };
const args = (argv: string[], env: Record<string, string> = {}) => {
  const a = parseCli(argv, env);
  if (a === 'help') throw new Error('help');
  return a;
};

describe('the command line onto the input table', () => {
  test('every input of the action (but command) is a flag of the same name, read by the one reader', () => {
    const a = args(['rollback', '--app', 'shop', '--environment', 'staging', '--version', 'v7', '--haproxy-socket', '/run/h.sock', '--router', 'haproxy']);
    const cfg = readConfig(a.get, hooks);
    expect(cfg).toMatchObject({ command: 'rollback', app: 'shop', environment: 'staging', version: 'v7' });
    expect(cfg.router).toMatchObject({ kind: 'haproxy' });
    for (const name of Object.keys(INPUTS).filter((n) => n !== 'command')) expect(() => parseCli(['status', `--${name}`, 'x'], {})).not.toThrow(UsageError);
  });

  test('a multi-line input takes the flag once per line', () => {
    const a = args(['status', '--app', 'shop', '--hosts', 'ssh://root@10.0.0.1', '--hosts', 'ssh://root@10.0.0.2']);
    expect(a.get('hosts')).toBe('ssh://root@10.0.0.1\nssh://root@10.0.0.2');
    expect(readConfig(a.get, hooks).run.hosts.map((h) => h.endpoint)).toHaveLength(2);
  });

  test('the GitHub token comes from GITHUB_TOKEN unless the flag gives one; no other setting from INPUT_* variables', () => {
    expect(args(['status', '--app', 'a'], { GITHUB_TOKEN: 'ghs_fromenv' }).get('github-token')).toBe('ghs_fromenv');
    expect(args(['status', '--app', 'a', '--github-token', 'ghs_flag'], { GITHUB_TOKEN: 'ghs_fromenv' }).get('github-token')).toBe('ghs_flag');
    expect(args(['status', '--app', 'a'], { INPUT_ROUTER: 'nginx' }).get('router')).toBe('');
  });

  test('--json, --help and usage errors', () => {
    expect(args(['status', '--app', 'a', '--json']).json).toBe(true);
    expect(parseCli(['--help'], {})).toBe('help');
    expect(parseCli([], {})).toBe('help');
    expect(() => parseCli(['deploy', '--app', 'a'], {})).toThrow(/Unknown command "deploy"/);
    expect(() => parseCli(['status', '--command', 'deploy'], {})).toThrow(UsageError);
    expect(() => parseCli(['status', 'shop'], {})).toThrow(/every setting is a --<input> flag/);
    expect(() => parseCli(['status', '--app'], {})).toThrow(UsageError);
  });

  test('input errors name the input, as in the action', () => {
    expect(() => readConfig(args(['status', '--app', 'Shop!']).get, hooks)).toThrow(/Input "app" has the value "Shop!"/);
  });
});
