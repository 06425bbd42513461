/**
 * HAProxy, testers first and sticky users: the text the router needs for them. Pure.
 * - preview: a second backend `<backend>-preview` of server slots like the live one's, which the action fills
 *   and empties through the runtime API, and one line in the user's frontend that sends requests with the
 *   header there while it has a server up (else they go where every other request goes).
 * - sticky: the backend balances by a hash of the same value, consistently (`hash-type consistent`: a change of
 *   weights moves only the clients it must, and the weights stay dynamic, as canary steps need).
 */
import type { Sticky } from '../../core/sticky.js';

export function previewBackend(backend: string): string {
  return `${backend}-preview`;
}

/** The frontend line that routes requests with `header` to the preview backend while it has a server up. */
export function previewUseBackend(backend: string, header: string): string {
  const b = previewBackend(backend);
  return `use_backend ${b} if { req.hdr(${header.toLowerCase()}) -m found } { nbsrv(${b}) gt 0 }`;
}

/** The haproxy.cfg lines for the preview route of `size` slots. */
export function previewSnippet(backend: string, server: string, header: string, size: number): string {
  return [
    'frontend <yours>',
    `    ${previewUseBackend(backend, header)}`,
    `    default_backend ${backend}`,
    `backend ${previewBackend(backend)}`,
    `    server-template ${server} 1-${Math.max(size, 1)} 127.0.0.1:1 disabled`,
  ].join('\n');
}

/** The `balance` line that hashes the value `sticky` names. */
export function stickyBalance(sticky: Sticky): string {
  if (sticky.kind === 'cookie') return `balance hash req.cook(${sticky.name})`;
  if (sticky.kind === 'header') return `balance hdr(${sticky.name})`;
  return 'balance source';
}

export function stickySnippet(backend: string, sticky: Sticky): string {
  return [`backend ${backend}`, `    ${stickyBalance(sticky)}`, '    hash-type consistent'].join('\n');
}

/** Balance algorithms (as `show stat` names them in its `algo` column) that hash a request's value. */
const HASHING = new Set(['hash', 'source', 'hdr', 'uri', 'url_param', 'rdp-cookie']);

export function hashes(algo: string): boolean {
  return HASHING.has(algo);
}

/** The `algo` column of `backend`'s BACKEND row in `show stat` CSV; undefined when there is none. */
export function backendAlgo(csv: string, backend: string): string | undefined {
  const lines = csv.split('\n');
  const header = lines.find((l) => l.startsWith('# '));
  if (!header) return undefined;
  const cols = header.slice(2).split(',');
  const px = cols.indexOf('pxname');
  const sv = cols.indexOf('svname');
  const algo = cols.indexOf('algo');
  if (algo < 0) return undefined;
  for (const line of lines) {
    const f = line.split(',');
    if (f[px] === backend && f[sv] === 'BACKEND') return f[algo] || undefined;
  }
  return undefined;
}
