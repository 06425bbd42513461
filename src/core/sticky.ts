/**
 * Sticky users (input `sticky`): what keeps a client on one version during canary steps. The balancer
 * hashes the value (a cookie, a request header, the client's address), so a client's requests go to one
 * version for a whole step, and one on the new version stays there when the share grows. Pure.
 */

export type Sticky = { kind: 'cookie' | 'header'; name: string } | { kind: 'source' };

/** A cookie or header name: an HTTP token (RFC 9110 tchar). */
const TOKEN_RE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

export const STICKY_ACCEPTS = 'cookie:<name> (a cookie the client sends), header:<name> (a request header) or source (the client address)';

/** `cookie:user`, `header:X-User` or `source`; undefined when the text is none of them. */
export function parseSticky(text: string): Sticky | undefined {
  const t = text.trim();
  if (t === 'source') return { kind: 'source' };
  const m = /^(cookie|header):(.+)$/.exec(t);
  if (!m || !TOKEN_RE.test(m[2]!)) return undefined;
  return { kind: m[1] as 'cookie' | 'header', name: m[2]! };
}

/** Back to the input's text: `cookie:user`, `header:X-User`, `source`. */
export function formatSticky(s: Sticky): string {
  return s.kind === 'source' ? 'source' : `${s.kind}:${s.name}`;
}

/** For people: `the cookie "user"`, `the header X-User`, `the client address`. */
export function describeSticky(s: Sticky): string {
  return s.kind === 'cookie' ? `the cookie "${s.name}"` : s.kind === 'header' ? `the request header ${s.name}` : 'the client address';
}

/** An HTTP header name (preview-header): an HTTP token. */
export function isHeaderName(name: string): boolean {
  return TOKEN_RE.test(name);
}
