/**
 * What a run tells the world: step outputs and the job summary. Filled as the run goes,
 * so a failed run still reports what it learned before failing.
 */
import type { GitContext } from './context.js';
import { redact } from '../support/exec.js';

export class Report {
  readonly outputs: Record<string, string> = {};
  private readonly sections: string[] = [];

  constructor(readonly title: string) {}

  output(name: string, value: string): void {
    this.outputs[name] = redact(value);
  }

  section(markdown: string): void {
    this.sections.push(redact(markdown));
  }

  markdown(): string {
    return [`## ${this.title}`, ...this.sections].join('\n\n') + '\n';
  }
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
