import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read.js';

const read = (inputs: Record<string, string>) => readConfig((name) => ({ app: 'shop', ...inputs })[name] ?? '', { mask: () => undefined, warn: () => undefined });
const haproxy = { router: 'haproxy', 'haproxy-socket': '/run/haproxy/admin.sock' };

describe('delivery inputs (issue 11)', () => {
  it('is blue-green with nothing judged by default', () => {
    expect(read({}).delivery).toEqual({
      strategy: 'blue-green',
      steps: [100],
      stepSeconds: 60,
      bakeSeconds: 0,
      waves: [],
      waveBakeSeconds: 0,
      thresholds: { maxErrorRate: 1, maxResponseMs: undefined, minRequests: 20 },
      baseline: undefined,
      metrics: undefined,
      pauses: [],
      pauseTimeoutSec: 24 * 3600,
      mode: 'enforce',
      loadCommand: undefined,
    });
  });

  it('pause in canary-steps is a human gate after the step before it (issue 20)', () => {
    const d = read({ ...haproxy, strategy: 'canary', 'canary-steps': '5, 25, pause, 50', 'pause-timeout': '2s' }).delivery;
    expect(d).toMatchObject({ steps: [5, 25, 50, 100], pauses: [1], pauseTimeoutSec: 2 });
    expect(read({ ...haproxy, strategy: 'canary', 'canary-steps': '5, pause, 25, pause' }).delivery).toMatchObject({ steps: [5, 25, 100], pauses: [0, 1] });
    expect(read({ ...haproxy, 'canary-steps': '5, pause, 25' }).delivery.pauses).toEqual([]);
    expect(read({ ...haproxy, strategy: 'canary', 'pause-timeout': '30m' }).delivery.pauseTimeoutSec).toBe(1800);
    expect(read({ ...haproxy, strategy: 'canary', 'pause-timeout': '2d' }).delivery.pauseTimeoutSec).toBe(2 * 86_400);
    expect(read({ ...haproxy, strategy: 'canary', 'pause-timeout': '90' }).delivery.pauseTimeoutSec).toBe(90);
  });

  it('refuses a pause first, twice in a row, after 100, and a timeout that is no duration', () => {
    expect(() => read({ ...haproxy, strategy: 'canary', 'canary-steps': 'pause, 5' })).toThrow(/canary-steps.*never comes first/s);
    expect(() => read({ ...haproxy, strategy: 'canary', 'canary-steps': '5, pause, pause' })).toThrow(/one pause after a step is enough/);
    expect(() => read({ ...haproxy, strategy: 'canary', 'canary-steps': '5, 100, pause' })).toThrow(/below 100/);
    expect(() => read({ ...haproxy, strategy: 'canary', 'pause-timeout': 'soon' })).toThrow(/pause-timeout/);
    expect(() => read({ ...haproxy, strategy: 'canary', 'pause-timeout': '0s' })).toThrow(/from 1s/);
  });

  it('analysis-mode dry-run and load-command', () => {
    expect(read({ ...haproxy, strategy: 'canary', 'analysis-mode': 'dry-run', 'load-command': './load.sh' }).delivery).toMatchObject({ mode: 'dry-run', loadCommand: './load.sh' });
    expect(() => read({ ...haproxy, 'analysis-mode': 'try' })).toThrow(/analysis-mode/);
  });

  it('command promote is judged (the metrics of the remaining steps), abort needs none', () => {
    expect(read({ ...haproxy, command: 'promote' }).delivery.metrics).toEqual({ kind: 'balancer' });
    expect(read({ ...haproxy, command: 'abort' }).delivery.metrics).toBeUndefined();
  });

  it('baseline: true: the comparison thresholds (defaults 1 point at 0.95), max-error-rate judged only when given', () => {
    const d = read({ ...haproxy, strategy: 'canary', baseline: 'true' }).delivery;
    expect(d.baseline).toEqual({ maxErrorRateIncrease: 1, maxResponseIncrease: undefined, confidence: 0.95 });
    expect(d.thresholds.maxErrorRate).toBeUndefined();
    const given = read({ ...haproxy, strategy: 'canary', baseline: 'true', 'max-error-rate': '5', 'max-error-rate-increase': '2', 'max-response-increase': '20', confidence: '0.99' }).delivery;
    expect(given).toMatchObject({ thresholds: { maxErrorRate: 5 }, baseline: { maxErrorRateIncrease: 2, maxResponseIncrease: 20, confidence: 0.99 } });
    expect(() => read({ ...haproxy, baseline: 'true' })).toThrow(/baseline/);
    expect(() => read({ ...haproxy, strategy: 'canary', baseline: 'true', confidence: '1.5' })).toThrow(/confidence/);
  });

  it('canary on HAProxy: steps end at 100, HAProxy stats by default', () => {
    const d = read({ ...haproxy, strategy: 'canary', 'canary-steps': '5, 25%,\n60', 'max-error-rate': '0.5', 'max-response-ms': '300' }).delivery;
    expect(d).toMatchObject({ strategy: 'canary', steps: [5, 25, 60, 100], thresholds: { maxErrorRate: 0.5, maxResponseMs: 300 }, metrics: { kind: 'balancer' } });
    expect(read({ ...haproxy, strategy: 'canary', 'canary-steps': '10, 100' }).delivery.steps).toEqual([10, 100]);
  });

  it('a bake with blue-green is judged too', () => {
    expect(read({ ...haproxy, 'bake-seconds': '30' }).delivery).toMatchObject({ steps: [100], bakeSeconds: 30, metrics: { kind: 'balancer' } });
  });

  it('prometheus: url and error-rate query, placeholders checked', () => {
    const d = read({
      ...haproxy,
      strategy: 'canary',
      metrics: 'prometheus',
      'prometheus-url': 'http://127.0.0.1:9090/',
      'prometheus-error-rate-query': 'sum(rate(x{server=~"{{servers}}"}[{{window}}]))',
    }).delivery;
    expect(d.metrics).toEqual({
      kind: 'prometheus',
      url: 'http://127.0.0.1:9090',
      queries: { errorRate: 'sum(rate(x{server=~"{{servers}}"}[{{window}}]))', requests: undefined, responseMs: undefined },
    });
    expect(() => read({ ...haproxy, metrics: 'prometheus', 'prometheus-url': 'http://p:9090', 'prometheus-error-rate-query': 'x{v="{{ver}}"}' })).toThrow(
      /prometheus-error-rate-query.*unknown placeholder \{\{ver\}\}/,
    );
  });

  it.each([
    [{ ...haproxy, 'canary-steps': '50, 10' }, /canary-steps.*must rise/],
    [{ ...haproxy, 'canary-steps': '0' }, /canary-steps.*1 to 100/],
    [{ ...haproxy, 'max-error-rate': '101' }, /max-error-rate/],
    [{ strategy: 'canary' }, /strategy.*router "none"/],
    [{ strategy: 'canary', router: 'nginx', 'nginx-routes-file': '/x' }, /"metrics".*prometheus or command.*router "nginx"/],
    [{ router: 'command', 'router-command': 'x', metrics: 'balancer' }, /"metrics".*only HAProxy/],
    [{ ...haproxy, metrics: 'prometheus' }, /prometheus-url/],
    [{ ...haproxy, metrics: 'command' }, /analysis-command/],
    // runtime: kubernetes: canary steps are a capability of the router (src/release/capability.ts), not refused by input; the numbers must still come from somewhere.
    [{ runtime: 'kubernetes', strategy: 'canary' }, /"metrics".*prometheus or command.*the Kubernetes Service/],
  ])('refuses %j', (inputs, message) => {
    expect(() => read(inputs)).toThrow(message);
  });

  it('runtime: kubernetes takes bake-seconds and canary inputs; the release judges what its router can do', () => {
    const bake = read({ runtime: 'kubernetes', 'bake-seconds': '30', metrics: 'command', 'analysis-command': 'true' });
    expect(bake.delivery.bakeSeconds).toBe(30);
    expect(read({ runtime: 'kubernetes', strategy: 'canary', metrics: 'command', 'analysis-command': 'true' }).delivery.steps.at(-1)).toBe(100);
  });

  it('canary on nginx (njs) and command with metrics command', () => {
    expect(read({ strategy: 'canary', router: 'nginx', 'nginx-routes-file': '/x', metrics: 'command', 'analysis-command': 'true' }).delivery.metrics).toEqual({
      kind: 'command',
      command: 'true',
      everyPoll: false,
    });
    expect(read({ strategy: 'canary', router: 'command', 'router-command': 'x', metrics: 'command', 'analysis-command': 'true' }).delivery.strategy).toBe('canary');
  });
});

describe('preview-header and sticky (issue 20)', () => {
  it('reads the header and the sticky value; PREVIEW_URL is preview-url, else environment-url', () => {
    const d = read({ ...haproxy, 'preview-header': 'X-Preview', 'environment-url': 'https://shop.example.com', sticky: 'cookie:user' }).delivery;
    expect(d).toMatchObject({ previewHeader: 'X-Preview', previewUrl: 'https://shop.example.com', sticky: { kind: 'cookie', name: 'user' } });
    expect(read({ ...haproxy, 'preview-header': 'X-Preview', 'preview-url': 'http://127.0.0.1:8080' }).delivery.previewUrl).toBe('http://127.0.0.1:8080');
    expect(read({ ...haproxy, sticky: 'source' }).delivery.sticky).toEqual({ kind: 'source' });
    expect(read({}).delivery).toMatchObject({ previewHeader: undefined, sticky: undefined });
  });
  it('refuses a header that is no HTTP header name, a sticky value it does not know, and a preview without the balancer URL', () => {
    expect(() => read({ ...haproxy, 'preview-header': 'X Preview', 'preview-url': 'http://lb' })).toThrow(/preview-header/);
    expect(() => read({ ...haproxy, sticky: 'ip' })).toThrow(/sticky.*cookie:<name>/);
    expect(() => read({ ...haproxy, 'preview-header': 'X-Preview' })).toThrow(/preview-url.*PREVIEW_URL/);
    expect(() => read({ 'preview-header': 'X-Preview', 'preview-url': 'http://lb' })).toThrow(/preview-header.*router "none"/);
  });
  it('runtime kubernetes: the preview Service is PREVIEW_URL, nothing more to give', () => {
    expect(read({ runtime: 'kubernetes', 'preview-header': 'X-Preview' }).delivery.previewHeader).toBe('X-Preview');
  });
});
