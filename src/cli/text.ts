/**
 * The job summary's markdown as plain text for a terminal: tables aligned in columns, links as their text,
 * markup (headings' #, backticks, <br>, <details>) taken out, Mermaid charts left out (their numbers are in
 * the tables beside them). Pure.
 */

/** Cells of a markdown table row; `\|` is a literal bar inside a cell. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => inline(c.trim().replace(/\\\|/g, '|')));
}

/** Inline markdown as text: [text](url) -> text, `code` -> code, <br> -> ", ", other tags out. */
export function inline(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<br\s*\/?>/g, ', ')
    .replace(/<\/?(?:b|strong|em|i|code|sub|sup)>/g, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
}

function renderTable(rows: string[][]): string[] {
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(width[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), line(width.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

export function summaryText(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```mermaid/.test(line.trim())) {
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== '```') i++;
      i++;
      continue;
    }
    if (/^```/.test(line.trim())) {
      for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) out.push(`    ${lines[i]}`);
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.trim().startsWith('|'); i++) {
        const r = cells(lines[i]!);
        if (!r.every((c) => /^:?-{3,}:?$/.test(c))) rows.push(r);
      }
      i--;
      // A table with an empty header (key/value pairs) prints without one.
      out.push(...(rows[0]!.every((c) => c === '') ? renderTable(rows).slice(2) : renderTable(rows)));
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const text = inline(heading[1]!);
      out.push(text, line.startsWith('## ') ? '='.repeat(text.length) : '-'.repeat(text.length));
      continue;
    }
    const summary = /^\s*<summary>(.*)<\/summary>\s*$/.exec(line);
    if (summary) {
      out.push(inline(summary[1]!));
      continue;
    }
    if (/^\s*<\/?details>\s*$/.test(line)) continue;
    out.push(inline(line));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
