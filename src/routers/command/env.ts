/** The environment handed to a user's router command. The data goes only here, never into the command text. */
import type { FlipInfo, Target } from '../types.js';
import { formatTarget } from '../types.js';

export type RouterAction = 'flip' | 'read';

export function commandEnv(action: 'flip', target: Target, info: FlipInfo): Record<string, string>;
export function commandEnv(action: 'read'): Record<string, string>;
export function commandEnv(action: RouterAction, target?: Target, info?: FlipInfo): Record<string, string> {
  if (action === 'read' || !target || !info) {
    // Cleared explicitly so values from the job's environment never look like a target.
    return { ROUTER_ACTION: 'read', TARGET_HOST: '', TARGET_PORT: '', TARGET_URL: '', VERSION: '' };
  }
  return {
    ROUTER_ACTION: 'flip',
    TARGET_HOST: target.host,
    TARGET_PORT: String(target.port),
    TARGET_URL: info.url || `http://${formatTarget(target)}`,
    VERSION: info.version,
  };
}

/** The last non-empty line of a command's stdout (where `read` prints host:port). */
export function lastLine(stdout: string): string {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}
