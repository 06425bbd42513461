/**
 * The input cases of issue 9, through the bundle as the runner runs it: each is refused before anything
 * runs (no build, no container), and the error names the input and what it accepts.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, docker } from '../helpers/docker.js';

const APP = 'secinputs';
let repo: string;
let dir: string;

beforeAll(() => {
  repo = appRepo({ kind: 'web' });
  dir = mkdtempSync(join(tmpdir(), 'sec-inputs-'));
  writeFileSync(join(dir, 'real.conf'), 'upstream secinputs { server 127.0.0.1:1; }\n');
  symlinkSync(join(dir, 'real.conf'), join(dir, 'link.conf'));
});

describe('refused inputs', () => {
  it.each([
    ['upstream-host', { 'upstream-host': 'lb.internal' }, 'not a host name'],
    ['upstream-host', { 'upstream-host': '127.0.0.1:8080' }, 'host:port'],
    ['upstream-host', { 'upstream-host': '0.0.0.0' }, 'publishes on every address'],
    ['upstream-host', { 'upstream-host': '::' }, 'publishes on every address'],
    ['network', { network: 'host' }, 'no published port'],
    ['network', { network: 'none' }, 'no published port'],
    ['memory', { memory: '0' }, 'at least 6m'],
    ['context', { context: '--file=/etc/passwd' }, 'does not start with "-"'],
    ['labels', { labels: 'org.opencontainers.image.revision=0000000' }, 'does not write itself'],
    ['labels', { labels: 'dev.immutable-deploy.version=v9' }, 'does not write itself'],
    ['nginx-upstream-file', { router: 'nginx', 'nginx-upstream-file': 'LINK' }, 'symlink'],
    ['nginx-upstream-file', { router: 'nginx', 'nginx-upstream-file': 'DIR' }, 'not a regular file'],
    ['tags', { tags: 'type=sha,format=medium' }, 'format must be short or long'],
  ])('%s: %j', async (input, values, why) => {
    const resolved = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v === 'LINK' ? join(dir, 'link.conf') : v === 'DIR' ? dir : v]),
    );
    const r = await runAction({ app: APP, ...resolved }, { cwd: repo });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(new RegExp(`::error::Input "${input}"`));
    expect(r.log).toContain(why);
    expect(r.log).not.toContain('Build ');
    expect(docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${APP}`)).toBe('');
  });
});
