/**
 * The post step: log out of every registry this run logged in to, unless `logout: false` keeps the
 * credentials for later steps (docker/login-action's default and input). On a self-hosted runner the
 * docker config outlives the job; a registry token left there is usable by the next job on the machine.
 *
 * Through the one exec boundary (src/support/exec.ts): the environment of a `run:` step, and a timeout, so a
 * hung credential helper cannot hold the job.
 */
import * as core from '@actions/core';
import { errorMessage } from '../support/errors.js';
import { readInput, type InputGetter } from '../config/read.js';
import { run } from '../support/exec.js';
import { loggedIn } from '../support/step-state.js';

/** One `docker logout` (a credential helper may ask a keychain): killed after this long. */
const LOGOUT_TIMEOUT_MS = 60_000;

/** `get`: where inputs come from (the runner's INPUT_* variables; the command line's flags). */
export async function post(get?: InputGetter): Promise<void> {
  const servers = loggedIn();
  if (servers.length === 0) return;
  const names = servers.map((s) => s || 'Docker Hub').join(', ');
  if (!readInput('logout', get)) {
    core.info(`logout: false, so the credentials for ${names} stay in the runner's docker config.`);
    return;
  }
  for (const server of servers) {
    const r = await run(['docker', 'logout', ...(server ? [server] : [])], { allowFailure: true, timeoutMs: LOGOUT_TIMEOUT_MS }).catch(
      (e: unknown) => ({ exitCode: -1, stdout: '', stderr: errorMessage(e), timedOut: false }),
    );
    if (r.exitCode === 0) core.info(`Logged out of ${server || 'Docker Hub'}.`);
    else core.warning(`Could not log out of ${server || 'Docker Hub'}: ${r.timedOut ? `no answer within ${LOGOUT_TIMEOUT_MS / 1000}s` : (r.stderr || r.stdout).trim()}`);
  }
}
