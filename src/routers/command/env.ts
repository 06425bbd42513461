/** The environment handed to a user's router command. The data goes only here, never into the command text. */
import type { Address, RoutedGroup, Routing } from '../types.js';
import { formatAddress } from '../types.js';

export type RouterAction = 'flip' | 'weights' | 'read' | 'preview' | 'maintenance';

/** ROUTES: one line per group, `WEIGHT VERSION HOST:PORT...` (VERSION `-` when unknown), for `while read -r weight version targets`. */
export function routesText(groups: Routing): string {
  return groups
    .filter((g) => g.weight > 0)
    .map((g) => [String(g.weight), g.version || '-', ...g.addresses.map(formatAddress)].join(' '))
    .join('\n');
}

/**
 * ROUTER_ACTION=weights (a canary step: several groups at once): ROUTES as above; TARGETS every address;
 * VERSION the new version (the last group); TARGET_HOST, TARGET_PORT and TARGET_URL cleared, so a
 * command written for flips only cannot mistake a step for a whole switch.
 */
export function weightsEnv(groups: Routing): Record<string, string> {
  const live = groups.filter((g) => g.weight > 0);
  return {
    ROUTER_ACTION: 'weights',
    ROUTES: routesText(live),
    TARGETS: live.flatMap((g) => g.addresses.map(formatAddress)).join(' '),
    TARGET_HOST: '',
    TARGET_PORT: '',
    TARGET_URL: '',
    VERSION: live[live.length - 1]?.version ?? '',
  };
}

/**
 * ROUTER_ACTION=preview (testers first): requests that carry PREVIEW_HEADER go to TARGETS (space-separated host:port; empty:
 * empty the route, they go where every other request goes); VERSION the version there. ROUTES and TARGET_* cleared.
 */
export function previewEnv(header: string, targets: readonly Address[], version: string | undefined): Record<string, string> {
  return {
    ROUTER_ACTION: 'preview',
    PREVIEW_HEADER: header,
    TARGETS: targets.map(formatAddress).join(' '),
    ROUTES: '',
    TARGET_HOST: '',
    TARGET_PORT: '',
    TARGET_URL: '',
    VERSION: targets.length ? (version ?? '') : '',
  };
}

/**
 * ROUTER_ACTION=flip: TARGETS holds every address of the pool (space-separated host:port); TARGET_HOST,
 * TARGET_PORT and TARGET_URL name the first, as for a one-instance pool. ROUTER_ACTION=read: all cleared.
 */
export function commandEnv(action: 'flip', group: RoutedGroup): Record<string, string>;
export function commandEnv(action: 'read'): Record<string, string>;
export function commandEnv(action: 'flip' | 'read', group?: RoutedGroup): Record<string, string> {
  const first = group?.addresses[0];
  if (action === 'read' || !group || !first) {
    // Cleared explicitly so values from the job's environment never look like a target.
    return { ROUTER_ACTION: 'read', ROUTES: '', TARGETS: '', TARGET_HOST: '', TARGET_PORT: '', TARGET_URL: '', VERSION: '' };
  }
  return {
    ROUTER_ACTION: 'flip',
    ROUTES: routesText([{ ...group, weight: 100 }]),
    TARGETS: group.addresses.map(formatAddress).join(' '),
    TARGET_HOST: first.host,
    TARGET_PORT: String(first.port),
    TARGET_URL: `http://${formatAddress(first)}`,
    VERSION: group.version ?? '',
  };
}

/** The last non-empty line of a command's stdout (where `read` prints host:port). */
export function lastLine(stdout: string): string {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}

/**
 * ROUTER_ACTION=maintenance: MAINTENANCE on or off; with on, MAINTENANCE_PAGE_FILE (the page, in a file),
 * MAINTENANCE_ALLOW (allowed source ranges, space-separated), MAINTENANCE_HEADERS (allowed header names,
 * space-separated) and RETRY_AFTER (seconds). The target variables are cleared.
 */
export function maintenanceEnv(
  m: { pageFile: string; cidrs: readonly string[]; headers: readonly string[]; retryAfterSec: number } | undefined,
): Record<string, string> {
  return {
    ROUTER_ACTION: 'maintenance',
    MAINTENANCE: m ? 'on' : 'off',
    MAINTENANCE_PAGE_FILE: m?.pageFile ?? '',
    MAINTENANCE_ALLOW: m ? m.cidrs.join(' ') : '',
    MAINTENANCE_HEADERS: m ? m.headers.join(' ') : '',
    RETRY_AFTER: m ? String(m.retryAfterSec) : '',
    ROUTES: '',
    TARGETS: '',
    TARGET_HOST: '',
    TARGET_PORT: '',
    TARGET_URL: '',
    VERSION: '',
  };
}
