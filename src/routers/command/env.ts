/** The environment handed to a user's router command. The data goes only here, never into the command text. */
import type { RoutedGroup } from '../types.js';
import { formatAddress } from '../types.js';

export type RouterAction = 'flip' | 'read';

/**
 * ROUTER_ACTION=flip: TARGETS holds every address of the pool (space-separated host:port); TARGET_HOST,
 * TARGET_PORT and TARGET_URL name the first, as for a one-instance pool. ROUTER_ACTION=read: all cleared.
 */
export function commandEnv(action: 'flip', group: RoutedGroup): Record<string, string>;
export function commandEnv(action: 'read'): Record<string, string>;
export function commandEnv(action: RouterAction, group?: RoutedGroup): Record<string, string> {
  const first = group?.addresses[0];
  if (action === 'read' || !group || !first) {
    // Cleared explicitly so values from the job's environment never look like a target.
    return { ROUTER_ACTION: 'read', TARGETS: '', TARGET_HOST: '', TARGET_PORT: '', TARGET_URL: '', VERSION: '' };
  }
  return {
    ROUTER_ACTION: 'flip',
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
