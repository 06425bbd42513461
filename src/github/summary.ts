/**
 * What a run tells the world: step outputs and the job summary. Filled as the run goes,
 * so a failed run still reports what it learned before failing.
 */
import type { GitContext } from './context.js';
import { redact } from '../support/exec.js';

/** One phase of a run (build, launch, verify, flip, drain...), in ms since the epoch. */
export interface Phase {
  name: string;
  start: number;
  end: number;
}

export class Report {
  readonly outputs: Record<string, string> = {};
  private readonly sections: string[] = [];
  readonly phases: Phase[] = [];

  constructor(readonly title: string) {}

  /** Time `fn` as a phase of the run's time line (recorded when it fails too: the time line shows how far it got). */
  async timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = Date.now();
    try {
      return await fn();
    } finally {
      this.phases.push({ name, start, end: Date.now() });
    }
  }

  output(name: string, value: string): void {
    this.outputs[name] = redact(value);
  }

  section(markdown: string): void {
    this.sections.push(redact(markdown));
  }

  /** The summary: the title, the run's time line (when it had phases), then the sections in the order they came. */
  markdown(): string {
    const timeline = this.phases.length > 0 ? [redact(timelineSection(this.phases))] : [];
    return [`## ${this.title}`, ...timeline, ...this.sections].join('\n\n') + '\n';
  }
}

/** A duration for people: 850 ms, 12.3 s, 2 min 5 s. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * The phases on a time line: a Mermaid gantt chart (GitHub renders it) and the same numbers as a table.
 * Times are offsets from the run's first phase (dateFormat x: milliseconds), so the axis reads mm:ss.
 */
export function timelineSection(phases: Phase[]): string {
  const t0 = Math.min(...phases.map((p) => p.start));
  const end = Math.max(...phases.map((p) => p.end));
  // Mermaid task names may not hold ":" or "#" (they end the name or start a comment).
  const name = (p: Phase) => `${p.name.replace(/[:#;]/g, ' ')} ${duration(p.end - p.start)}`;
  const chart = [
    '```mermaid',
    'gantt',
    `  title ${duration(end - t0)} in all`,
    '  dateFormat x',
    '  axisFormat %M:%S',
    ...phases.map((p, i) => `  ${name(p)} :p${i}, ${p.start - t0}, ${Math.max(p.end - t0, p.start - t0 + 1)}`),
    '```',
  ].join('\n');
  return `### Time line\n\n${chart}\n\n${table(['phase', 'started at', 'took'], phases.map((p) => [p.name, `+${duration(p.start - t0)}`, duration(p.end - p.start)]))}`;
}

/** Detail folded away (GitHub shows the summary line; a click opens it). */
export function details(summary: string, markdown: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${markdown}\n\n</details>`;
}

export function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function codeBlock(text: string): string {
  return '```\n' + text.replace(/```/g, "'''") + '\n```';
}

/** A commit as a markdown link to it on GitHub (plain short sha outside Actions). */
export function commitLink(ctx: GitContext, sha: string): string {
  if (!sha) return 'unknown';
  return ctx.repository ? `[${sha.slice(0, 7)}](${ctx.serverUrl}/${ctx.repository}/commit/${sha})` : sha.slice(0, 7);
}
