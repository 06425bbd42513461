/**
 * Maintenance mode on HAProxy: a map file holds the page (key `page`: present = on) and an ACL file the allowed
 * source ranges, both loaded by one line in the backend (maintenanceLine) and changed through the runtime API.
 * Each change is a new version of the file's entries committed at once (`prepare`/`add @<ver>`/`commit`), so a
 * request sees the old or the new list, never a half-written one. Texts and parsers here are pure.
 */
import { basename } from 'node:path';
import type { MaintenanceAllow } from '../../core/maintenance.js';

/** The files the line loads, named after the backend (any directory): `<backend>.maintenance.map` and `.maintenance-allow.acl`. */
export function maintenanceFiles(backend: string, dir = '/etc/haproxy'): { map: string; acl: string } {
  return { map: `${dir}/${backend}.maintenance.map`, acl: `${dir}/${backend}.maintenance-allow.acl` };
}

/**
 * The one line to add to the backend: answers 503 with Retry-After and the page (the map's `page` entry) while
 * the map has one, unless the client's address is in the ACL file or (when given) a header is present.
 */
export function maintenanceLine(backend: string, headers: readonly string[], retryAfterSec: number, dir = '/etc/haproxy'): string {
  const { map, acl } = maintenanceFiles(backend, dir);
  const skip = headers.map((h) => ` !{ req.hdr(${h}) -m found }`).join('');
  return (
    `http-request return status 503 content-type "text/html; charset=utf-8" hdr Retry-After ${retryAfterSec} ` +
    `lf-string "%[str(page),map(${map})]" if { str(page),map(${map}) -m found } !{ src -f ${acl} }${skip}`
  );
}

/** The file HAProxy loaded for this backend's maintenance map or ACL, from `show map` / `show acl`. */
export function findLoaded(showReply: string, fileName: string): string | undefined {
  for (const line of showReply.split('\n')) {
    const m = /^\d+ \(([^)]+)\)/.exec(line.trim());
    if (m && basename(m[1]!) === fileName) return m[1]!;
  }
  return undefined;
}

/** `prepare map|acl` answers "New version created: N". */
export function preparedVersion(reply: string): number | undefined {
  const m = /New version created:\s*(\d+)/.exec(reply);
  return m ? Number(m[1]) : undefined;
}

/** The page as one map value: a map entry is one line (newlines become spaces; HTML does not mind). */
export function pageValue(page: string): string {
  return page.replace(/\r?\n|\r/g, ' ').trim();
}

/**
 * The runtime API text that adds `entries` to version `version` of a file: a map as payload (`add map ... <<`, one
 * entry a line, ended by an empty line: the page may hold `;` and spaces), an ACL one `add acl` per range
 * (HAProxy 2.6 takes no payload there; a range has neither spaces nor `;`).
 */
export function addPayload(kind: 'map' | 'acl', version: number, file: string, entries: readonly string[]): string | undefined {
  if (entries.length === 0) return undefined;
  if (kind === 'acl') return entries.map((e) => `add acl @${version} ${file} ${e}`).join('; ');
  return `add map @${version} ${file} <<\n${entries.join('\n')}\n`;
}

/** The entries of `show map <file>` / `show acl <file>`: `0x55.. key [value]` lines -> [key, value]. */
export function parseEntries(reply: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of reply.split('\n')) {
    const m = /^0x[0-9a-f]+ (\S+)(?: (.*))?$/.exec(line.trim());
    if (m) out.push([m[1]!, m[2] ?? '']);
  }
  return out;
}

/** The ACL entries for the allowed ranges (HAProxy's `src` matches IPv4 and IPv6 patterns). */
export function aclEntries(allow: MaintenanceAllow): string[] {
  return allow.cidrs;
}
