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
    expect(numbers.responseMs).toBeGreaterThanOrEqual(0);
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
    const w = await source.open(subject());
    const seen = await traffic(400);
    // Prometheus sees the traffic once it has scraped HAProxy after it (every second): read until then.
    let numbers = (await w.read()).numbers;
    for (let i = 0; i < 100 && (numbers.requests ?? 0) < seen.v2 * 0.9; i++) {
      await new Promise((r) => setTimeout(r, 300));
      numbers = (await w.read()).numbers;
    }
    const actualRate = (100 * seen.errors) / seen.v2;
    // increase() extrapolates to the window's edges: the counts are close, the ratio closer.
    expect(numbers.requests).toBeGreaterThanOrEqual(seen.v2 * 0.9);
    expect(numbers.errorRate).toBeGreaterThan(actualRate - 10);
    expect(numbers.errorRate).toBeLessThan(actualRate + 10);
    expect(numbers.responseMs).toBeGreaterThanOrEqual(0);
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
