/**
 * Secret values and what child processes may see.
 *
 * - Redaction applies to what the action PRINTS (log lines, errors, outputs, the summary), never to
 *   data it parses: a command's stdout is returned as it is, so a short secret such as "true" cannot
 *   rewrite `docker inspect` JSON. Values too short or too common to mask are not registered (the input
 *   reader warns about them by key).
 * - A child process gets the environment a `run:` step would get, not the action's: no INPUT_* (the
 *   registry password, the GitHub token and secret-env arrive as INPUT_* variables), no STATE_*, none of
 *   the runtime tokens the runner gives only to actions, no GITHUB_OUTPUT/GITHUB_STATE of this step.
 *   Instance environment never goes into any child's environment (the container gets it in the
 *   create request to the engine's API, see src/platforms/docker/containers.ts).
 */

/** Values this short or this common cannot be masked without mangling the log (every "1", every "true"). */
const MIN_MASK_LENGTH = 4;
const COMMON_WORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'none']);

export function maskable(value: string): boolean {
  return value.length >= MIN_MASK_LENGTH && !COMMON_WORDS.has(value.toLowerCase());
}

/** Values that must never appear in anything we print. Longest first, so a secret containing another is hidden whole. */
const secrets: string[] = [];

export function registerSecret(value: string): void {
  if (!maskable(value) || secrets.includes(value)) return;
  secrets.push(value);
  secrets.sort((a, b) => b.length - a.length);
}

/** Text about to be printed (log, error, output, summary), with every registered secret replaced by ***. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/** Variables the runner gives this action that no child of it needs (and that a `run:` step does not get). */
const ACTION_ONLY = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
]);

export function isActionOnly(name: string): boolean {
  return name.startsWith('INPUT_') || name.startsWith('STATE_') || ACTION_ONLY.has(name);
}

/** The environment for a child process: the runner's, without what only this action may see, plus `extra`. */
export function childEnv(
  extra: Record<string, string> = {},
  base: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !isActionOnly(k)) env[k] = v;
  return Object.assign(env, extra);
}
