/**
 * Rollback and recycle of a fleet given only app, environment and (optionally) version (issue 18 §2): the
 * records say where each pool runs (hosts, replicas), and the runner's own engine keeps a `home` record
 * saying where the records are. The rollback runs with exactly the inputs the shipped reusable workflow
 * (.github/workflows/rollback.yml) passes to the action when dispatched with app, environment and version;
 * the recycle with app and command only, and comes back with 2 instances per host, as deployed.
 * Real hosts (test/helpers/hosts.ts: network namespaces with their own dockerd and sshd), a real HAProxy with
 * four slots, through the bundled dist/index.js. Traffic goes only to 127.0.0.1 and the hosts' addresses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, get } from '../helpers/docker.js';
import { startHosts, type TestHosts } from '../helpers/hosts.js';
import { startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'stfleet';
const root = join(import.meta.dirname, '..', '..');

/**
 * The action's inputs as `.github/workflows/rollback.yml` passes them, for a dispatch with `given`: each
 * `${{ inputs.x }}` is the given value or the workflow input's default; secrets and the token are not set.
 */
function rollbackWorkflowInputs(given: Record<string, string>): Record<string, string> {
  const wf = parse(readFileSync(join(root, '.github/workflows/rollback.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { default?: string }> } };
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const declared = wf.on.workflow_dispatch.inputs;
  const step = Object.values(wf.jobs).flatMap((j) => j.steps).find((s) => s.with?.command === 'rollback')!;
  const value = (expr: string): string => {
    const input = /^inputs\.([\w-]+)$/.exec(expr.trim())?.[1];
    return input ? (given[input] ?? declared[input]?.default ?? '') : '';
  };
  return Object.fromEntries(Object.entries(step.with!).map(([k, v]) => [k, String(v).replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => value(e))]));
}

/** The addresses HAProxy's serving slots point at. */
async function slotAddrs(lb: HaproxyServer): Promise<string[]> {
  const stat = await runtimeCommand({ path: lb.socket }, 'show stat');
  const [head, ...rows] = stat.replace(/^# /, '').trim().split('\n');
  const cols = head!.split(',');
  return rows
    .map((r) => r.split(','))
    .filter((f) => f[cols.indexOf('pxname')] === `${APP}-production` && /^live\d+$/.test(f[cols.indexOf('svname')] ?? '') && f[cols.indexOf('status')] !== 'MAINT')
    .map((f) => f[cols.indexOf('addr')]!)
    .sort();
}

describe('a fleet (2 hosts x 2 replicas) rolled back and recycled with app, environment and version only', () => {
  let th: TestHosts;
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  const v: Record<string, string> = {};
  const run = (i: Record<string, string>) => runAction(i, { cwd: repo, env: th.env, timeoutMs: 180_000 });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  const onHost = (n: number) =>
    th.hosts[n]!.docker('ps', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--format', '{{.Label "dev.immutable-deploy.version"}} {{.Names}} {{.Ports}}')
      .split('\n')
      .filter(Boolean);

  beforeAll(async () => {
    cleanupApp(APP);
    th = await startHosts({ prefix: 'stfl', subnets: [1, 2], base: '10.85' });
    lb = await startHaproxy({ backend: `${APP}-production`, slots: 4 });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = { app: APP, hosts: th.input(), replicas: '2', router: 'haproxy', 'haproxy-socket': lb.socket, keep: '1', 'drain-seconds': '0', 'stop-timeout': '1' };
    const a = await run(inputs);
    expectOk(a);
    v.v1 = a.outputs.version!;
    commitChange(repo, 'v2');
    const b = await run(inputs);
    expectOk(b);
    v.v2 = b.outputs.version!;
    expect((await get(lb.url)).body).toBe('v2\n');
  }, 300_000);
  afterAll(async () => {
    await lb?.stop();
    await th?.stop();
    cleanupApp(APP);
  });

  it('the reusable rollback workflow (app, environment, version) goes back to the warm pool on both hosts in one flip', async () => {
    const given = rollbackWorkflowInputs({ app: APP, environment: 'production', version: '' });
    expect(given.hosts).toBeUndefined();
    expect(given.replicas).toBeUndefined();
    expect(given.router).toBeUndefined();
    const r = await run(given);
    expectOk(r);
    expect(r.log).toContain(`Rolling back to the warm pool of ${v.v1} (4 instances): one flip, no build, no pull.`);
    expect(r.outputs['live-version']).toBe(v.v1);
    expect(r.outputs['previous-version']).toBe(v.v2);
    const live = JSON.parse(r.outputs.instances!) as { host: string; url: string }[];
    expect(live.map((i) => i.host).sort()).toEqual([th.hosts[0]!.endpoint, th.hosts[0]!.endpoint, th.hosts[1]!.endpoint, th.hosts[1]!.endpoint].sort());
    expect(await slotAddrs(lb)).toEqual(live.map((i) => i.url.replace('http://', '')).sort());
    for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v1\n');
  });

  it('a recycle given only the app replaces the live pool with 2 fresh instances on each host', async () => {
    const before = [...onHost(0), ...onHost(1)].filter((l) => l.startsWith(`${v.v1} `));
    expect(before).toHaveLength(4);
    const r = await run({ app: APP, command: 'recycle' });
    expectOk(r);
    expect(r.outputs['live-version']).toBe(v.v1);
    for (const n of [0, 1]) {
      const now = onHost(n).filter((l) => l.startsWith(`${v.v1} `));
      expect(now, `host ${n}`).toHaveLength(2);
      for (const l of now) expect(before).not.toContain(l);
    }
    const live = JSON.parse(r.outputs.instances!) as { url: string }[];
    expect(await slotAddrs(lb)).toEqual(live.map((i) => i.url.replace('http://', '')).sort());
    for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v1\n');
    // The rollback target is unchanged by the recycle: v2, warm on both hosts.
    const st = await run({ app: APP, command: 'status' });
    expectOk(st);
    const versions = JSON.parse(st.outputs.versions!) as { version: string; state: string; instances?: unknown[] }[];
    expect(versions.find((x) => x.state === 'warm')).toMatchObject({ version: v.v2 });
    expect(versions.find((x) => x.state === 'warm')!.instances).toHaveLength(4);
  });
});
