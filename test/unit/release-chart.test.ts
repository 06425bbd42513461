import { describe, expect, it } from 'vitest';
import { deliveryChart, type ChartRow } from '../../src/release/chart.js';

const row = (name: string, share: number, rate: number, o: Partial<ChartRow> = {}): ChartRow => ({
  name,
  share,
  verdict: { result: 'pass', numbers: { requests: 100, errorRate: rate } },
  ...o,
});

describe('the delivery chart (Mermaid xychart-beta)', () => {
  it('draws the new version as bars and the stable one as a line per step, the share in its own chart', () => {
    const md = deliveryChart(
      [row('step 1/3', 10, 0.5, { stable: { errorRate: 0.2 } }), row('step 2/3', 50, 0, { stable: { errorRate: 0.1 } })],
      'v2',
      'v1',
    );
    const charts = md.match(/```mermaid\nxychart-beta\n[\s\S]*?```/g)!;
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain('x-axis ["1/3 (10%)", "2/3 (50%)"]');
    expect(charts[0]).toContain('bar [0.5, 0]');
    expect(charts[0]).toContain('line [0.2, 0.1]');
    expect(charts[0]).toMatch(/y-axis "error rate %" 0 --> 1\n/);
    expect(charts[1]).toContain('line [10, 50]');
    expect(md).toContain('the first line: v1 over the same window');
  });

  it('marks the breach on the x axis, and dry-run', () => {
    const bad = row('step 1/3', 20, 40, { verdict: { result: 'fail', numbers: { errorRate: 40, responseMs: 12 }, metric: 'error-rate' }, dryRun: true });
    const md = deliveryChart([bad, row('bake', 100, 0)], 'v2', 'v1');
    expect(md).toContain('"1/3 (20%) ✗ error-rate (dry-run)"');
    expect(md).toMatch(/y-axis "error rate %" 0 --> 48\n/);
    // A response time measured: its own chart.
    expect(md).toContain('Mean response time (ms) of v2');
    expect(md).toContain('nothing was aborted');
  });

  it('draws nothing without rows', () => {
    expect(deliveryChart([], 'v2', 'v1')).toBe('');
  });
});
