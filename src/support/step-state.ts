/**
 * What the main step leaves for the post step (action.yml `post:`), through the runner's step state
 * (GITHUB_STATE, read back as STATE_* variables): whether this is the post run, and the registries the
 * run logged in to. The same bundle runs both (as docker/login-action does).
 */
import { getState, saveState } from '@actions/core';

const IS_POST = 'isPost';
const LOGINS = 'registry-logins';

export function isPost(): boolean {
  return getState(IS_POST) === 'true';
}

export function markMainStarted(): void {
  saveState(IS_POST, 'true');
}

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
