/**
 * Sticky users (sticky: cookie:user, issue 20 §2) through the bundled dist/index.js and real balancers: HAProxy
 * balancing by `hash req.cook(user)` with `hash-type consistent` (the documented config) and nginx running the shipped
 * njs script (a monotone stable hash). A canary of v2 in steps of 10, 30 and 60%: at the end of each step's window
 * (while the step's routing holds: no shift happens while a window is judged), the analysis command sends two requests
 * for each of 300 clients, each with its own cookie, through the balancer. Asserted: within a step every client's
 * requests reached one version; between steps, of the clients on v2, at least 99% (HAProxy) and 100% (njs) stay there.
 * And a HAProxy backend that does not hash is refused before anything starts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, running } from '../helpers/docker.js';
import { startHaproxy, startNginx, type HaproxyServer, type NginxServer } from '../helpers/servers.js';

const CLIENTS = 300;
const STEPS = [10, 30, 60];

/** The analysis command's probe: 2 requests per client (cookie user=c<n>) through BALANCER_URL; what each got, by client. */
const PROBE = `
const [share] = process.argv.slice(2);
const url = process.env.BALANCER_URL;
const clients = ${CLIENTS};
const got = Array.from({ length: clients }, () => []);
const jobs = [];
for (let r = 0; r < 2; r++) for (let c = 0; c < clients; c++) jobs.push(c);
let next = 0, errors = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
  while (next < jobs.length) {
    const c = jobs[next++];
    const res = await fetch(url, { headers: { cookie: 'user=c' + c }, signal: AbortSignal.timeout(5000) });
    if (res.status !== 200) errors++;
    got[c].push((await res.text()).trim());
  }
}));
(await import('node:fs')).writeFileSync(process.env.OUT + '/step-' + share + '.json', JSON.stringify(got));
console.log('requests=' + jobs.length);
console.log('errors=' + errors);
`;

interface Bed {
  title: string;
  app: string;
  url: () => string;
  inputs: () => Record<string, string>;
  /** Percent of the clients on v2 that must stay there from one step to the next. */
  stay: number;
  /** What the run's log says about stickiness. */
  says: RegExp;
  repo?: string;
  out?: string;
  run?: Record<string, string>;
  env?: Record<string, string>;
}

/** v1 of the bed's app, live through its balancer (no canary steps on a first deploy). */
async function deployV1(b: Bed): Promise<void> {
  cleanupApp(b.app);
  b.repo = appRepo({ kind: 'web', text: 'v1' });
  b.out = mkdtempSync(join(tmpdir(), 'sticky-'));
  const probe = join(b.out, 'probe.mjs');
  writeFileSync(probe, PROBE);
  b.env = { OUT: b.out, PROBE: probe, PROBE_NODE: process.execPath, BALANCER_URL: b.url() };
  b.run = {
    app: b.app,
    strategy: 'canary',
    'canary-steps': STEPS.join(', '),
    'step-seconds': '1',
    'min-requests': '0',
    sticky: 'cookie:user',
    metrics: 'command',
    'analysis-command': '"$PROBE_NODE" "$PROBE" "$SHARE"',
    'drain-seconds': '0',
    'stop-timeout': '1',
    ...b.inputs(),
  };
  const v1 = await runAction(b.run, { cwd: b.repo, env: b.env });
  expect(v1.code, v1.log).toBe(0);
}

function stickySuite(b: Bed): void {
  describe(b.title, () => {
    afterAll(() => cleanupApp(b.app));

    it(`keeps each of ${CLIENTS} clients on one version within a step, and ≥ ${b.stay}% of those on v2 there between steps`, async () => {
      commitChange(b.repo!, 'v2');
      const r = await runAction(b.run!, { cwd: b.repo!, env: b.env! });
      expect(r.code, r.log).toBe(0);
      expect(r.log).toMatch(b.says);
      const steps = STEPS.map((share) => JSON.parse(readFileSync(join(b.out!, `step-${share}.json`), 'utf8')) as string[][]);
      const onV2: boolean[][] = [];
      for (const [n, got] of steps.entries()) {
        expect(got).toHaveLength(CLIENTS);
        // Within the step: both requests of every client reached the same version.
        const split = got.filter((g) => g.length !== 2 || g[0] !== g[1]);
        expect(split, `step ${STEPS[n]}%`).toEqual([]);
        expect(new Set(got.flat())).toEqual(new Set(['v1', 'v2']));
        onV2.push(got.map((g) => g[0] === 'v2'));
      }
      for (let n = 1; n < steps.length; n++) {
        const before = onV2[n - 1]!.filter(Boolean).length;
        const stayed = onV2[n - 1]!.filter((was, c) => was && onV2[n]![c]).length;
        expect(before).toBeGreaterThan(0);
        expect((100 * stayed) / before, `step ${STEPS[n - 1]}% → ${STEPS[n]}%: ${stayed} of ${before} stayed on v2`).toBeGreaterThanOrEqual(b.stay);
        // The share grew: more clients on v2 than before.
        expect(onV2[n]!.filter(Boolean).length).toBeGreaterThan(before);
      }
    });
  });
}

let haproxy: HaproxyServer;
let nginx: NginxServer;

const beds: Bed[] = [
  {
    title: 'sticky users through HAProxy (balance hash req.cook(user), hash-type consistent)',
    app: 'stickhap',
    url: () => haproxy.url,
    inputs: () => ({ router: 'haproxy', 'haproxy-socket': haproxy.socket, 'haproxy-server': 'app' }),
    stay: 99,
    says: /Sticky users: HAProxy's backend "stickhap-production" balances by hash/,
  },
  {
    title: 'sticky users through nginx (njs: a monotone stable hash)',
    app: 'sticknjs',
    url: () => nginx.url,
    inputs: () => ({ router: 'nginx', 'nginx-routes-file': nginx.routesFile }),
    stay: 100,
    says: /nginx \(njs\) now routes 90% .*, each client by the cookie "user"/,
  },
];

beforeAll(async () => {
  [haproxy, nginx] = await Promise.all([
    startHaproxy({
      backend: 'stickhap-production',
      server: 'app',
      slots: 2,
      backendExtra: ['balance hash req.cook(user)', 'hash-type consistent'],
      moreBackends: ['stickrr-production'],
    }),
    startNginx({ njs: true, upstreamName: 'sticknjs' }),
  ]);
  // Both first deploys at once (apps of their own): v1 live, no canary steps yet.
  await Promise.all(beds.map(deployV1));
});
afterAll(async () => {
  await Promise.all([haproxy?.stop(), nginx?.stop()]);
});

for (const b of beds) stickySuite(b);

describe('sticky users on a HAProxy backend that does not hash', () => {
  afterAll(() => cleanupApp('stickrr'));
  it('is refused before anything starts, with the haproxy.cfg lines to add', async () => {
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const r = await runAction(
      { app: 'stickrr', router: 'haproxy', 'haproxy-socket': haproxy.socket, 'haproxy-server': 'app', strategy: 'canary', sticky: 'cookie:user' },
      { cwd: repo },
    );
    expect(r.code, r.log).not.toBe(0);
    expect(r.log).toContain('needs HAProxy\'s backend "stickrr-production" to balance by a hash of the cookie "user", and it balances by roundrobin');
    expect(r.log).toContain('balance hash req.cook(user)');
    expect(r.log).toContain('Nothing was started');
    expect(running('stickrr')).toEqual([]);
  });
});
