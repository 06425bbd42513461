/**
 * The README's first quick-start command stays true, and so do the demo modes it lists: examples/demo/run.sh
 * runs and shows each step, from a shell like a person's (the machine's node, not node_modules/.bin).
 * The canary and fleet runs are left running, looked at through the balancer itself (HAProxy on 127.0.0.1,
 * its runtime API) and the fleet's test hosts (the addresses of the namespaces the demo made), then removed
 * with `run.sh clean MODE`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { SYSTEM_PATH } from '../helpers/action.js';
import { get } from '../helpers/docker.js';

const demo = (args: string[], env: Record<string, string> = {}, timeout = 110_000) => {
  const r = spawnSync('bash', ['examples/demo/run.sh', ...args], { encoding: 'utf8', env: { ...process.env, PATH: SYSTEM_PATH, ...env }, timeout });
  return { status: r.status, out: r.stdout + r.stderr };
};
/** Where a demo left its balancer: the URL and the runtime API socket it prints. */
const balancer = (out: string) => ({ url: /balancer: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!, socket: /UNIX-CONNECT:(\S+)/.exec(out)![1]! });
/** Slots with traffic: up and not in maintenance (`show servers state`: op state, admin state bit 1), as addr:port. */
async function servingSlots(socket: string, backend: string): Promise<string[]> {
  const rows = (await runtimeCommand({ path: socket }, `show servers state ${backend}`)).trim().split('\n').slice(2);
  return rows
    .map((r) => r.split(' '))
    .filter((f) => f[5] !== '0' && Number(f[6]) % 2 === 0)
    .map((f) => `${f[4]}:${f[18]}`)
    .sort();
}
const versionOf = (body: string) => /version: (\S+)<\/p>/.exec(body)?.[1];

describe('examples/demo/run.sh', () => {
  afterAll(() => {
    demo(['clean', 'canary', 'fleet']);
  });

  it('lists its modes with --help, and refuses an unknown one', () => {
    const help = demo(['--help']);
    expect(help.status).toBe(0);
    for (const mode of ['blue-green', 'canary', 'fleet', 'clean']) expect(help.out).toMatch(new RegExp(`^  ${mode}\\b`, 'm'));
    const bad = demo(['rainbow']);
    expect(bad.status).toBe(2);
    expect(bad.out).toContain("unknown mode 'rainbow'");
  });

  it('deploys v1 and v2 behind a real HAProxy, rolls back, and shows which version serves', () => {
    const { status, out } = demo([], { DEMO_CLEAN: '1' });
    expect(status, out).toBe(0);
    const served = [...out.matchAll(/balancer serves: (\S+)/g)].map((m) => m[1]);
    expect(served).toEqual(['v1', 'v2', 'v1']);
    expect(out).toContain('one flip, no build, no pull');
    expect(out).toMatch(/"state":"live"/);
    expect(out).toContain('(cleaned up)');
  });

  it('canary: the bad v2 is aborted at its first step with its numbers printed; v1 serves afterwards', async () => {
    const { status, out } = demo(['canary'], {}, 130_000);
    expect(status, out).toBe(0);
    expect(out).toMatch(/failed its canary step 1\/3 at 20% after \d+s: error-rate [\d.]+% > max-error-rate 1%/);
    // The step table: step 1 judged and failed on HAProxy's counters, no step 2.
    expect(out).toMatch(/\| step 1\/3 \| 20% \| \d+ \| \d+ \| [1-9]\d* \| [\d.]+% \| [^|]+ \| \*\*fail\*\*: error-rate/);
    expect(out).not.toMatch(/\| step 2\/3 \|/);
    expect(out).not.toMatch(/step 2\/3: .* now routes/);
    // What the load saw: v2 during step 1, v1 alone after it.
    const during = /during step 1\/3: +(\d+) requests: v1 (\d+), v2 (\d+), 500 (\d+)/.exec(out);
    expect(during, out).not.toBeNull();
    expect(Number(during![3]) + Number(during![4])).toBeGreaterThan(0);
    const after = /after it \(v1 100%\): +(\d+) requests: v1 (\d+), v2 (\d+), 500 (\d+) /.exec(out);
    expect(after, out).not.toBeNull();
    expect(Number(after![1])).toBeGreaterThanOrEqual(100);
    expect([after![2], after![3], after![4]]).toEqual([after![1], '0', '0']);

    // The balancer itself: one slot serves, and every answer is v1.
    const lb = balancer(out);
    expect(await servingSlots(lb.socket, 'demo-canary-demo')).toHaveLength(1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(lb.url)));
    expect(answers.map((a) => `${a.status} ${versionOf(a.body)}`)).toEqual(Array(20).fill('200 v1'));

    const clean = demo(['clean', 'canary']);
    expect(clean.status, clean.out).toBe(0);
    await expect(get(lb.url)).rejects.toThrow();
  }, 150_000);

  it('fleet: deploys v1 and v2 to two test hosts, rolls back, and shows which version runs where', async () => {
    const { status, out } = demo(['fleet'], {}, 180_000);
    expect(status, out).toBe(0);
    expect([...out.matchAll(/balancer serves: (\S+)/g)].map((m) => m[1])).toEqual(['v1', 'v2', 'v1']);
    // After the rollback: on each host v1 serves and v2 is warm (the last table).
    const last = out.slice(out.lastIndexOf('  host '));
    const rows = [...last.matchAll(/^ {2}(ssh:\/\/root@\S+) +(v[12]) sha-\w+ +(\S+) +(serves|warm, no traffic)$/gm)].map((m) => ({
      host: m[1]!,
      version: m[2]!,
      address: m[3]!,
      state: m[4]!,
    }));
    expect(rows.map((r) => `${r.host} ${r.version} ${r.state}`).sort()).toEqual([
      'ssh://root@10.90.1.2 v1 serves',
      'ssh://root@10.90.1.2 v2 warm, no traffic',
      'ssh://root@10.90.2.2 v1 serves',
      'ssh://root@10.90.2.2 v2 warm, no traffic',
    ]);
    for (const r of rows) expect(r.address.startsWith(`${r.host.replace('ssh://root@', '')}:`), r.address).toBe(true);

    // The balancer sends traffic to exactly the v1 instances, one on each host; each answers v1, the warm ones v2.
    const lb = balancer(out);
    const v1 = rows.filter((r) => r.version === 'v1').map((r) => r.address).sort();
    expect(await servingSlots(lb.socket, 'demo-fleet-demo')).toEqual(v1);
    for (const r of rows) expect(versionOf((await get(`http://${r.address}/`)).body)).toBe(r.version);
    expect(versionOf((await get(lb.url)).body)).toBe('v1');

    const clean = demo(['clean', 'fleet']);
    expect(clean.status, clean.out).toBe(0);
    const netns = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
    expect(netns).not.toMatch(/^demo[12]\b/m);
    expect(existsSync('/tmp/immutable-deploy-demo-fleet.state')).toBe(false);
  }, 200_000);
});
