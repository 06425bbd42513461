/** Parsing `host:port` text (a command's output, a Caddy dial address) into an Address. Pure. */
import type { Address } from '../types.js';

/**
 * Parse `host:port`, `[ipv6]:port` or `http://host:port/` into an Address.
 * Returns undefined for empty text; throws an Error naming the text when it is not an address.
 */
export function parseTargetText(text: string, what: string): Address | undefined {
  const s = text.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (s === '') return undefined;
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(s);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) {
    throw new Error(
      `${what} is ${JSON.stringify(text.trim())}, which is not an address: expected host:port (such as 127.0.0.1:49153 or [::1]:49153).`,
    );
  }
  return { host: (m[1] ?? m[2]) as string, port };
}
