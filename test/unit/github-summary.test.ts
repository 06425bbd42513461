import { describe, expect, test } from 'vitest';
import { details, duration, Report, timelineSection } from '../../src/github/summary.js';

describe('the run on a time line', () => {
  test('phases as a Mermaid gantt chart (offsets in ms from the first phase) and as a table', () => {
    const t = 1_700_000_000_000;
    const md = timelineSection([
      { name: 'build', start: t, end: t + 12_300 },
      { name: 'launch', start: t + 12_400, end: t + 13_000 },
      { name: 'flip', start: t + 15_000, end: t + 15_000 },
    ]);
    expect(md).toContain('```mermaid\ngantt\n  title 15.0 s in all\n  dateFormat x\n  axisFormat %M:%S\n');
    expect(md).toContain('  build 12.3 s :p0, 0, 12300\n');
    expect(md).toContain('  launch 600 ms :p1, 12400, 13000\n');
    // A phase of 0 ms still gets a bar (1 ms) so Mermaid draws it.
    expect(md).toContain('  flip 0 ms :p2, 15000, 15001\n');
    expect(md).toContain('| build | +0 ms | 12.3 s |');
    expect(md).toContain('| flip | +15.0 s | 0 ms |');
  });

  test('Report.timed records a phase, also when it fails, and the summary shows the time line first', async () => {
    const r = new Report('deploy shop to production');
    r.section('### Live: v2');
    await r.timed('build', () => Promise.resolve('ok'));
    await expect(r.timed('verify', () => Promise.reject(new Error('health failed')))).rejects.toThrow('health failed');
    expect(r.phases.map((p) => p.name)).toEqual(['build', 'verify']);
    const md = r.markdown();
    expect(md.indexOf('### Time line')).toBeGreaterThan(md.indexOf('## deploy shop'));
    expect(md.indexOf('### Time line')).toBeLessThan(md.indexOf('### Live: v2'));
    expect(new Report('status').markdown()).not.toContain('Time line');
  });

  test('durations and folded detail', () => {
    expect([duration(850), duration(12_340), duration(125_000)]).toEqual(['850 ms', '12.3 s', '2 min 5 s']);
    expect(details('Every instance (2)', '| a |')).toBe('<details>\n<summary>Every instance (2)</summary>\n\n| a |\n\n</details>');
  });
});
