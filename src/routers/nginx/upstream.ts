/** The upstream file the nginx router owns: render and parse. Pure. */
import type { Address } from '../types.js';
import { formatAddress } from '../types.js';

export const MANAGED_HEADER = '# Managed by immutable-deploy: this file is rewritten on every flip; edits are lost.';

/**
 * One `server` line per address of the pool. `servingBefore`: what nginx served when the file was written,
 * so that after a run killed before the reload, the next run knows what nginx still serves.
 */
export function renderUpstream(name: string, targets: Address[], version?: string, servingBefore: Address[] = []): string {
  return [
    MANAGED_HEADER,
    ...(version ? [`# version: ${version.replace(/[\r\n]/g, ' ')}`] : []),
    ...(servingBefore.length ? [`# serving-before: ${servingBefore.map(formatAddress).join(' ')}`] : []),
    `upstream ${name} {`,
    ...targets.map((t) => `    server ${formatAddress(t)};`),
    '}',
    '',
  ].join('\n');
}

/** Remove `#` comments (nginx has no quoted `#` in the parts we read). */
function stripComments(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join('\n');
}

/**
 * The servers of `upstream <name> { ... }` in `text`, in order.
 * [] when the file is empty, has no such block or the block has no usable server
 * (only `down` or `backup` servers, such as the placeholder `server 127.0.0.1:1 down;`).
 * Throws when a server is not a host:port the router can report.
 */
export function parseUpstream(text: string, name: string): Address[] {
  const body = stripComments(text);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const block = new RegExp(`(?:^|[\\s;}])upstream\\s+${escaped}\\s*\\{([^}]*)\\}`).exec(body);
  if (!block) return [];
  const out: Address[] = [];
  for (const stmt of (block[1] as string).split(';')) {
    const words = stmt.trim().split(/\s+/);
    if (words[0] !== 'server' || !words[1]) continue;
    if (words.slice(2).includes('down') || words.slice(2).includes('backup')) continue;
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(words[1]);
    if (!m) throw new Error(`server address ${JSON.stringify(words[1])} in upstream "${name}" is not host:port`);
    out.push({ host: (m[1] ?? m[2]) as string, port: Number(m[3]) });
  }
  return out;
}

/** The addresses of the `# serving-before:` line of a file the router wrote ([] when there is none). */
export function parseServingBefore(text: string): Address[] {
  const line = /^# serving-before: (.*)$/m.exec(text)?.[1] ?? '';
  return line
    .split(/\s+/)
    .map((w) => /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(w))
    .flatMap((m) => (m ? [{ host: (m[1] ?? m[2]) as string, port: Number(m[3]) }] : []));
}
