/**
 * The delivery as a picture for the job summary: Mermaid `xychart-beta` charts (GitHub renders them) of the
 * share and the error rate (and the response time, when measured) per judged window, the new version against
 * the stable one (and a baseline, when one was measured); the window that breached is marked on the x axis.
 * Pure: rows in, markdown out.
 */
import type { Numbers } from '../analysis/types.js';

/** One judged window as the chart needs it (progressive.ts StepRecord has these fields). */
export interface ChartRow {
  name: string;
  share: number;
  verdict: { result: 'pass' | 'fail' | 'insufficient'; numbers: Numbers; metric?: string };
  /** The stable pool's numbers over the same window, when the source could give them. */
  stable?: Numbers | undefined;
  /** A baseline pool's numbers over the same window, when there was one. */
  baseline?: Numbers | undefined;
  /** Judged in analysis-mode dry-run: a breach was reported, not acted on. */
  dryRun?: boolean | undefined;
}

const q = (s: string) => `"${s.replace(/"/g, "'")}"`;
const num = (n: number) => String(Number(n.toFixed(2)));
/** Mermaid needs a number for every x: an unknown value is drawn as 0 (the table says "–"). */
const series = (rows: readonly ChartRow[], pick: (r: ChartRow) => number | undefined) => `[${rows.map((r) => num(pick(r) ?? 0)).join(', ')}]`;

function xLabel(r: ChartRow): string {
  const short = r.name.replace(/^step /, '');
  if (r.verdict.result !== 'fail') return `${short} (${r.share}%)`;
  return `${short} (${r.share}%) ✗ ${r.verdict.metric ?? 'breach'}${r.dryRun ? ' (dry-run)' : ''}`;
}

function chart(title: string, rows: readonly ChartRow[], yTitle: string, max: number, lines: string[]): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${q(title)}`,
    `  x-axis [${rows.map((r) => q(xLabel(r))).join(', ')}]`,
    `  y-axis ${q(yTitle)} 0 --> ${num(max)}`,
    ...lines,
    '```',
  ].join('\n');
}

const rate = (n: Numbers | undefined) => n?.errorRate;
const ms = (n: Numbers | undefined) => n?.responseMs;

/**
 * The charts of one delivery and the legend under them; '' when there is nothing to draw. `next` and `stable`
 * name the versions in the legend.
 */
export function deliveryChart(rows: readonly ChartRow[], next: string, stable: string | undefined): string {
  if (rows.length === 0) return '';
  const hasStable = rows.some((r) => r.stable !== undefined);
  const hasBaseline = rows.some((r) => r.baseline !== undefined);
  const peak = (pick: (n: Numbers | undefined) => number | undefined) =>
    Math.max(...rows.flatMap((r) => [pick(r.verdict.numbers), pick(r.stable), pick(r.baseline)]).filter((x): x is number => x !== undefined), 0);
  const others = (pick: (n: Numbers | undefined) => number | undefined) => [
    ...(hasStable ? [`  line ${series(rows, (r) => pick(r.stable))}`] : []),
    ...(hasBaseline ? [`  line ${series(rows, (r) => pick(r.baseline))}`] : []),
  ];
  const rateMax = Math.max(1, Math.ceil(peak(rate) * 1.2));
  const out = [
    chart(`Error rate (%) of ${next} at each step's share`, rows, 'error rate %', rateMax, [
      `  bar ${series(rows, (r) => rate(r.verdict.numbers))}`,
      ...others(rate),
    ]),
  ];
  const hasMs = rows.some((r) => ms(r.verdict.numbers) !== undefined);
  if (hasMs)
    out.push(
      chart(`Mean response time (ms) of ${next}`, rows, 'ms', Math.max(1, Math.ceil(peak(ms) * 1.2)), [
        `  bar ${series(rows, (r) => ms(r.verdict.numbers))}`,
        ...others(ms),
      ]),
    );
  out.push(chart(`Share of traffic (%) given to ${next}`, rows, 'share %', 100, [`  line ${series(rows, (r) => r.share)}`]));
  const legend =
    `Bars: ${next}${hasStable ? `; the first line: ${stable ?? 'the stable version'} over the same window` : ''}` +
    `${hasBaseline ? `; the ${hasStable ? 'second' : 'first'} line: the baseline` : ''}. ` +
    `A window marked ✗ breached (its metric is named)${rows.some((r) => r.dryRun) ? '; in analysis-mode dry-run nothing was aborted' : ''}.`;
  return `${out.join('\n\n')}\n\n${legend}`;
}
