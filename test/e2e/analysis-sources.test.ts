/**
 * The three metrics sources against real parts: HAProxy's `show stat` counters, a real Prometheus
 * scraping HAProxy's built-in exporter, and an analysis command. Two backends behind one HAProxy
 * backend at equal weights: a healthy one and one that answers 500 to about half of its requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyStatSource } from '../../src/analysis/balancer.js';
import { CommandSource } from '../../src/analysis/command.js';
import { PrometheusSource } from '../../src/analysis/prometheus.js';
import type { Subject } from '../../src/analysis/types.js';
import { run } from '../../src/support/exec.js';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { startFlakyBackend, type FlakyBackend } from '../helpers/flaky.js';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { runLoad, startBackend, startHaproxy, type Backend, type HaproxyServer } from '../helpers/servers.js';

let good: Backend;
let bad: FlakyBackend;
let haproxy: HaproxyServer;
let prometheus: PrometheusServer;

const subject = (): Subject => ({
  app: 'can-src',
  environment: 'test',
  version: 'v2',
  stableVersion: 'v1',
  targets: [bad.target],
  servers: ['srv2'],
  backend: 'app',
  share: 50,
});

beforeAll(async () => {
  good = await startBackend('v1\n');
  bad = await startFlakyBackend('v2', 50);
  haproxy = await startHaproxy({ server: 'srv', slots: 2, exporter: true });
  const sock = { path: haproxy.socket };
  await runtimeCommand(
    sock,
    [
      `set server app/srv1 addr 127.0.0.1 port ${good.port}`,
      'set server app/srv1 state ready',
      `set server app/srv2 addr 127.0.0.1 port ${bad.port}`,
      'set server app/srv2 state ready',
    ].join('; '),
  );
  prometheus = await startPrometheus([haproxy.exporter!]);
  await prometheus.targetsUp();
});

afterAll(async () => {
  await Promise.all([good?.stop(), bad?.stop(), haproxy?.stop(), prometheus?.stop()]);
});

/** Requests through HAProxy; returns what reached v2 (by body) and how many of those were 500. */
async function traffic(n: number): Promise<{ v2: number; errors: number }> {
  const r = await runLoad(haproxy.url, { keepAlive: true, concurrency: 4, maxRequests: n, maxMs: 60_000 });
  return { v2: (r.bodies['v2\n'] ?? 0) + (r.bodies['bad\n'] ?? 0), errors: r.bodies['bad\n'] ?? 0 };
}

describe('metrics: balancer (HAProxy show stat)', () => {
  it("counts exactly the new pool's requests and 5xx in the window", async () => {
    await traffic(50); // before the window: must not count
    const w = await new HaproxyStatSource(haproxy.socket).open(subject());
    const seen = await traffic(400);
    const { numbers } = await w.read();
    expect(seen.errors).toBeGreaterThan(0);
    expect(numbers.requests).toBe(seen.v2);
    expect(numbers.errors).toBe(seen.errors);
    // HAProxy's average response time of the busybox CGI backend (a fork per request): milliseconds, not 0, not seconds.
    expect(numbers.responseMs).toBeGreaterThan(0);
    expect(numbers.responseMs).toBeLessThan(1000);
  });
});

describe('metrics: prometheus (HAProxy exporter scraped by Prometheus)', () => {
  it("reads the new pool's requests and error rate with the placeholders filled in", async () => {
    const sel = 'proxy="{{backend}}",server=~"{{servers}}"';
    const source = new PrometheusSource(prometheus.url, {
      requests: `sum(increase(haproxy_server_http_responses_total{${sel}}[{{window}}]))`,
      errorRate: `100 * sum(increase(haproxy_server_http_responses_total{${sel},code="5xx"}[{{window}}])) / sum(increase(haproxy_server_http_responses_total{${sel}}[{{window}}]))`,
      responseMs: `1000 * max(haproxy_server_response_time_average_seconds{${sel}})`,
    });
    // When Prometheus last scraped HAProxy (ms): the test waits for scrapes, never for a time it guesses.
    const lastScrape = async () => 1000 * ((await source.query('max(timestamp(haproxy_process_uptime_seconds))', Date.now())) ?? 0);
    const until = async (cond: () => Promise<boolean>) => {
      for (let i = 0; i < 300 && !(await cond()); i++) await new Promise((r) => setTimeout(r, 100));
    };
    // {{window}} is whole seconds, rounded up: the range may start up to 1 s before the window. The traffic of the test
    // before (through the same servers) must be in every sample that range can hold: open after a scrape 1 s past it.
    const quiet = Date.now();
    await until(async () => (await lastScrape()) > quiet + 1000);
    const w = await source.open(subject());
    const opened = Date.now();
    // A scrape inside the window before the traffic and one after it: the counters' whole change is in the window.
    await until(async () => (await lastScrape()) > opened);
    const seen = await traffic(400);
    const sent = Date.now();
    await until(async () => (await lastScrape()) > sent);
    // increase() extrapolates the change between the window's first and last samples to its edges: with 1 s scrapes,
    // by at most w / (w - 2.2). The window is read once it is 10 s long (as a canary step would): at most 1.29 times.
    await until(() => Promise.resolve(Date.now() - opened >= 10_000));
    const { numbers } = await w.read();
    const windowSec = (Date.now() - opened) / 1000;
    const actualRate = (100 * seen.errors) / seen.v2;
    expect(seen.errors).toBeGreaterThan(0);
    expect(numbers.requests).toBeGreaterThanOrEqual(seen.v2);
    expect(numbers.requests).toBeLessThanOrEqual(Math.ceil((seen.v2 * windowSec) / (windowSec - 2.2)));
    // The error rate is a ratio of two extrapolated counts: exact.
    expect(Math.abs(numbers.errorRate! - actualRate)).toBeLessThan(0.5);
    // HAProxy's average response time of the busybox CGI backend (a fork per request): milliseconds, not 0, not seconds.
    expect(numbers.responseMs).toBeGreaterThan(0);
    expect(numbers.responseMs).toBeLessThan(1000);
  });

  it('says which query Prometheus rejected', async () => {
    const w = await new PrometheusSource(prometheus.url, { errorRate: 'sum(', requests: undefined, responseMs: undefined }).open(subject());
    await expect(w.read()).rejects.toThrow(/Prometheus rejected the query `sum\(`: bad_data/);
  });
});

describe('metrics: command', () => {
  it('runs the command with the window and targets in its environment; exit code and printed numbers count', async () => {
    const cmd = 'echo "checked $TARGETS ($SERVERS, $SHARE%) for ${WINDOW_SECONDS}s"; echo requests=40; echo errors=$ERRS; test "$ERRS" = 0';
    const pass = await (await new CommandSource(cmd, (argv, o) => run(argv, { ...o, env: { ...o?.env, ERRS: '0' } })).open(subject())).read();
    expect(pass).toMatchObject({ says: 'pass', numbers: { requests: 40, errors: 0 } });
    expect(pass.output).toContain(`checked 127.0.0.1:${bad.port} (srv2, 50%) for 1s`);
    const fail = await (await new CommandSource(cmd, (argv, o) => run(argv, { ...o, env: { ...o?.env, ERRS: '3' } })).open(subject())).read();
    expect(fail).toMatchObject({ says: 'fail', numbers: { requests: 40, errors: 3 } });
  });
});
