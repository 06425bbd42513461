/**
 * The release command (issue 21: migrations): once per deploy, under the lock, after the new pool passed
 * verification and before it gets any traffic, in a one-off container of the new image on the first target
 * (the app's env, secret env, network and limits). Its output goes in a log group; a failure or a timeout
 * (release-timeout) moves no traffic: the new pool goes and the run fails with the command's last lines.
 * The release state records that it ran for the version (a `migration` record), and whether the version is
 * irreversible; a rollback never runs it, and refuses to go back past an irreversible version unless forced
 * with a reason.
 */
import { irreversibleBlock } from '../core/history.js';
import type { Pool, Version } from '../core/model.js';
import { runUrl } from '../github/context.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { formatArgv, lastLines } from '../support/exec.js';
import type { StoredRecord } from '../platforms/types.js';
import { poolNames, recordHead, type ReleaseDeps } from './steps.js';

/** A release command needs a platform that runs one-off containers: refused before anything is built or started. */
export function checkReleaseCommand(d: Pick<ReleaseDeps, 'cfg' | 'platform'>): void {
  if (!d.cfg.ops.releaseCommand || d.platform.runOnce) return;
  throw new DeployError(
    `release-command is given, and the ${d.platform.kind} platform cannot run a one-off container of the new version. Nothing was started.`,
    'Run the migration as a step of its own before this one (expand/contract: see the README), or deploy with runtime: docker.',
  );
}

/**
 * Before any traffic moves to `next`: the release command (when given) and the record of it. A failure removes
 * `next` and throws; `previous` keeps serving.
 */
export async function releaseCommand(d: ReleaseDeps, version: Version, next: Pool, previous: Pool | undefined): Promise<void> {
  const { cfg, log, platform } = d;
  const { releaseCommand: command, releaseTimeoutSec, irreversible } = cfg.ops;
  if (!command && !irreversible) return;
  if (command) {
    const target = platform.targets[0]!;
    const shown = formatArgv(command);
    const started = Date.now();
    let failure: string | undefined;
    await log.group(`Release command on ${target.name}: ${shown}`, async () => {
      let shown = 0;
      try {
        const r = await platform.runOnce!({
          app: cfg.app,
          environment: cfg.environment,
          version: version.version,
          runUrl: runUrl(d.ctx),
          target,
          image: version.imageId,
          spec: version.spec,
          secretEnv: cfg.run.secretEnv,
          command,
          timeoutSec: releaseTimeoutSec,
          onLine: (line) => {
            shown++;
            log.info(line);
          },
        });
        // Output that could not be followed as it came: all of it now.
        if (!shown && r.output) log.info(r.output);
        const s = Math.round((Date.now() - started) / 1000);
        if (r.timedOut) failure = `timed out after ${releaseTimeoutSec}s (release-timeout) and was killed`;
        else if (r.exitCode !== 0) failure = `failed with exit code ${r.exitCode} after ${s}s`;
        else log.info(`The release command passed in ${s}s.`);
        if (failure && r.output) failure += `:\n${lastLines(r.output, 20)}`;
      } catch (err) {
        failure = `could not run: ${errorMessage(err)}`;
      }
    });
    if (failure) {
      await platform.remove(next.instances);
      throw new DeployError(
        `The release command (${shown}) of ${version.version} ${failure}\nNo traffic moved: ${previous ? `${previous.version} stays live` : 'nothing was live'}; ` +
          `the new instance${next.instances.length > 1 ? 's' : ''} ${poolNames(next)} ${next.instances.length > 1 ? 'were' : 'was'} removed.`,
        'Fix the command (or what it needs: env, secret-env, network) and deploy again. A migration that ran part-way is yours to check: ' +
          'write them so that they can run again (expand/contract, see the README).',
      );
    }
  }
  await platform.writeRecord({
    kind: 'migration',
    ...recordHead(d),
    version: version.version,
    pool: next.id,
    command,
    irreversible,
  });
  if (irreversible) log.info(`${version.version} is marked irreversible: a rollback to an older version needs force: true and a reason.`);
}

/**
 * Before a rollback to `target` changes anything: refuses to go back past an irreversible version unless
 * force: true and reason are given. Returns the reason it was forced with (for the summary, the Deployment and
 * the notifications), else undefined.
 */
export function checkIrreversible(d: Pick<ReleaseDeps, 'cfg' | 'log' | 'report'>, records: readonly StoredRecord[], target: string): string | undefined {
  const block = irreversibleBlock(records, target);
  if (!block) return undefined;
  const { cfg } = d;
  const what = `${block.version} (deployed ${block.at}) is marked irreversible${block.command ? ` (its release command: ${formatArgv(block.command)})` : ''}`;
  if (!cfg.ops.force || !cfg.ops.reason)
    throw new DeployError(
      `Rolling ${cfg.app} in ${cfg.environment} back to ${target} goes back past ${what}: ${target} may not work with what it changed. Nothing was changed.`,
      `If ${target} is known to work (the change was expand-only, or it was undone by hand), give force: true and reason: <why> (both are needed; ` +
        'the reason goes into the job summary, the GitHub Deployment and the notifications). Otherwise deploy a fix forward.',
    );
  d.log.warning(`Rolling back past ${what}: forced. reason: ${cfg.ops.reason}`, 'Irreversible version rolled back');
  d.report.section(`### Rollback past an irreversible version (forced)\n\n${what}; rolled back to ${target} with force.\n\nReason: ${cfg.ops.reason}`);
  return `forced past irreversible ${block.version}: ${cfg.ops.reason}`;
}
