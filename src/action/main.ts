/**
 * The action: read inputs -> run a command -> outputs and job summary. run() is called by src/index.ts
 * (the bundle's entry), and by @github/local-action, which imports this module and calls run().
 */
import * as core from '@actions/core';
import { errorMessage } from '../support/errors.js';
import { killRunning } from '../support/exec.js';
import { readConfig } from '../config/read.js';
import { installInterruptHandlers } from '../support/interrupt.js';
import { actionsLog } from '../support/log.js';
import { codeBlock, Report } from '../github/summary.js';
import { redact } from '../support/secrets.js';

export async function run(): Promise<void> {
  installInterruptHandlers((m) => core.warning(m), killRunning);
  // Keep the event loop alive until the run is over. Some waits hold no handle of their own: on Node 20,
  // a fetch to a port that accepted the connection but does not answer yet waits only on an unref'd
  // AbortSignal timer, and Node would exit with code 13 (unsettled top-level await) in the middle.
  const alive = setInterval(() => undefined, 60_000);
  let report = new Report('immutable-deploy');
  try {
    const cfg = readConfig();
    report = new Report(`immutable-deploy: ${title(cfg.command, cfg.app, cfg.environment)}`);
    // The command's wiring (engines, platforms, routers) loads once the inputs are read: a run that fails on
    // its inputs, and the start of every run, compile none of it.
    const { execute } = await import('./dispatch.js');
    await execute(cfg, report, actionsLog);
  } catch (err) {
    const message = errorMessage(err);
    report.section(`### Failed\n\n${codeBlock(message)}`);
    core.setFailed(redact(message));
  } finally {
    clearInterval(alive);
    for (const [name, value] of Object.entries(report.outputs)) core.setOutput(name, value);
    if (process.env.GITHUB_STEP_SUMMARY) {
      try {
        await core.summary.addRaw(report.markdown()).write();
      } catch (err) {
        core.warning(redact(`Could not write the job summary: ${errorMessage(err)}`));
      }
    }
  }
}

function title(command: string, app: string, environment: string): string {
  switch (command) {
    case 'build':
      return `build ${app}`;
    case 'deploy':
      return `deploy ${app} to ${environment}`;
    case 'rollback':
      return `roll back ${app} in ${environment}`;
    case 'recycle':
      return `recycle ${app} in ${environment}`;
    case 'promote':
      return `promote the paused canary of ${app} in ${environment}`;
    case 'abort':
      return `abort the paused canary of ${app} in ${environment}`;
    case 'maintenance':
      return `maintenance of ${app} in ${environment}`;
    default:
      return `status of ${app} in ${environment}`;
  }
}

