/**
 * What the main step leaves for the post step (action.yml `post:`, dist/post.js), through the runner's step
 * state (GITHUB_STATE, read back as STATE_* variables): the registries the run logged in to. The post step
 * knows it is one by its entry (src/index.ts), so a run that logs in nowhere writes no state.
 */
import { getState, saveState } from '@actions/core';

const LOGINS = 'registry-logins';

/** Registries logged in to by this run ('' is Docker Hub, `docker login` without a server). */
export function loggedIn(): string[] {
  const raw = getState(LOGINS);
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
}

export function recordLogin(server: string | undefined): void {
  const all = new Set(loggedIn());
  all.add(server ?? '');
  // getState reads STATE_* (set by the runner for the post step only): keep our own copy for this run.
  process.env[`STATE_${LOGINS}`] = JSON.stringify([...all]);
  saveState(LOGINS, JSON.stringify([...all]));
}
