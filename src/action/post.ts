/**
 * The post step: log out of every registry this run logged in to, unless `logout: false` keeps the
 * credentials for later steps (docker/login-action's default and input). On a self-hosted runner the
 * docker config outlives the job; a registry token left there is usable by the next job on the machine.
 *
 * Runs through @actions/exec: one short `docker logout` per registry needs none of what our own exec
 * boundary adds (process groups, timeouts, interrupt handling).
 */
import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { errorMessage } from '../support/errors.js';
import { readInput } from '../config/read.js';
import { childEnv } from '../support/secrets.js';
import { loggedIn } from '../support/step-state.js';

export async function post(): Promise<void> {
  const servers = loggedIn();
  if (servers.length === 0) return;
  const names = servers.map((s) => s || 'Docker Hub').join(', ');
  if (!readInput('logout')) {
    core.info(`logout: false, so the credentials for ${names} stay in the runner's docker config.`);
    return;
  }
  for (const server of servers) {
    const r = await getExecOutput('docker', ['logout', ...(server ? [server] : [])], {
      env: childEnv(),
      ignoreReturnCode: true,
      silent: true,
    }).catch((e: unknown) => ({ exitCode: -1, stdout: '', stderr: errorMessage(e) }));
    if (r.exitCode === 0) core.info(`Logged out of ${server || 'Docker Hub'}.`);
    else core.warning(`Could not log out of ${server || 'Docker Hub'}: ${(r.stderr || r.stdout).trim()}`);
  }
}
