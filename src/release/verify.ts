/**
 * Launch a fresh pool of an exact image and put it through health, the built-in checks and the acceptance
 * command, at the URLs the platform gives: on Docker every replica on every target, in parallel, each at its
 * own address; on a platform that launches pools as one unit (Kubernetes: one Deployment) the whole pool,
 * reached where the platform says (the preview Service). A pool with one failing instance never receives
 * traffic: all its instances are removed (a failed one stays with keep-failed; a pool launched as one unit
 * stays whole) and the error names the target, the reason and the instance's last log lines.
 */
import { randomHex } from '../support/ids.js';
import { runChecks, type CheckResult } from '../verify/checks.js';
import { runAcceptanceCommand } from '../verify/command.js';
import { waitAnswers, waitHealthy } from '../verify/health.js';
import type { Config } from '../config/types.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { failpoint } from '../support/failpoint.js';
import { onInterrupt } from '../support/interrupt.js';
import type { Log } from '../support/log.js';
import { instanceUrl, type Instance, type InstanceLabels, type Pool, type Target, type Version } from '../core/model.js';
import type { Platform, Reach } from '../platforms/types.js';
import { codeBlock, details, table, type Report } from '../github/summary.js';

export { instanceUrl } from '../core/model.js';

export interface VerifyContext {
  cfg: Config;
  platform: Platform;
  log: Log;
  report: Report;
  runUrl: string;
  /** Instances of the version on each target. */
  replicas: number;
  /** Testers first (preview-header): the preview route, filled once every instance is healthy and checked, before the acceptance command. */
  preview?: PreviewStage | undefined;
  /** The pool's id when it is launched in parts (waves: one part per group of hosts, src/release/waves.ts); else a fresh one. */
  poolId?: string | undefined;
}

export interface PreviewStage {
  header: string;
  /** The balancer's URL (PREVIEW_URL); undefined where the platform reaches the pool itself (Kubernetes: the preview Service is it). */
  url: string | undefined;
  /** Send requests with the header to these instances (undefined: the platform's own preview address already does). */
  fill?: ((instances: Instance[]) => Promise<void>) | undefined;
}

type Step = string[];

/** A failure of one instance (or of starting one), with where it happened. */
class InstanceFailure extends Error {
  constructor(
    readonly target: Target,
    readonly instance: Instance | undefined,
    readonly steps: Step[],
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** "On <host>: " for a fleet; nothing for the runner's own engine alone (messages as they always were). */
export function where(platform: Platform, targetName: string): string {
  const only = platform.targets.length === 1 && !platform.targets[0]!.endpoint;
  return only ? '' : `On ${targetName}: `;
}

/** The labels every instance of a fresh pool of `v` carries (immutable for its life). */
function instanceLabels(cfg: Config, v: Version, runUrl: string, pool: string): InstanceLabels {
  return {
    app: cfg.app,
    environment: cfg.environment,
    version: v.version,
    digest: v.digest,
    image: v.imageId,
    revision: v.revision,
    deployedAt: new Date().toISOString(),
    runUrl,
    pool,
  };
}

/** A fresh pool id for a version. */
export function newPoolId(version: string): string {
  return `${version}-${randomHex(4)}`;
}

export async function launchPool(v: Version, c: VerifyContext): Promise<Pool> {
  const { cfg, platform, log, report } = c;
  const started = Date.now();
  const pool: Pool = { id: c.poolId ?? newPoolId(v.version), version: v.version, instances: [] };
  if (platform.launchPool) return report.timed('launch and verify', () => launchWhole(v, c, pool, started));
  const slots = platform.targets.flatMap((t) => Array.from({ length: c.replicas }, () => t));
  const single = slots.length === 1;
  const launched: Instance[] = [];
  // Cancelled before it is verified: every candidate goes (none ever received traffic).
  const forget = onInterrupt(() => platform.remove(launched), 'instances');
  const title = single
    ? `Start a fresh instance of ${v.version}`
    : `Start ${slots.length} fresh instances of ${v.version} (${c.replicas} on each of ${platform.targets.map((t) => t.name).join(', ')})`;
  const failures: InstanceFailure[] = [];
  const results: { instance: Instance; steps: Step[] }[] = [];
  try {
    await report.timed('launch', () =>
      log.group(title, () =>
        Promise.all(
          slots.map(async (target) => {
            try {
              const i = await platform.launch({
                ...instanceLabels(cfg, v, c.runUrl, pool.id),
                target,
                spec: v.spec,
                secretEnv: cfg.run.secretEnv,
              });
              launched.push(i);
              log.info(`${where(platform, target.name)}Started ${i.name} from ${v.imageId}`);
            } catch (err) {
              failures.push(new InstanceFailure(target, undefined, [], errorMessage(err)));
            }
          }),
        ),
      ),
    );
    // Health and the built-in checks on every instance; then the preview route (testers first), then acceptance.
    const checked: { instance: Instance; healthy: Healthy; steps: Step[] }[] = [];
    const failure = (i: Instance, steps: Step[], err: unknown) =>
      failures.push(new InstanceFailure(platform.targets.find((t) => t.name === i.target)!, i, steps, errorMessage(err)));
    await report.timed('verify', async () => {
      if (failures.length === 0) {
        await Promise.all(
          launched.map(async (i) => {
            const steps: Step[] = [];
            try {
              checked.push({ instance: i, healthy: await checkInstance(i, v, c, steps, single), steps });
            } catch (err) {
              failure(i, steps, err);
            }
          }),
        );
      }
      if (failures.length === 0 && c.preview?.fill) await fillPreview(c, c.preview.fill, checked.map((x) => x.healthy.instance), launched);
      if (failures.length === 0) {
        await Promise.all(
          checked.map(async ({ instance, healthy, steps }) => {
            try {
              results.push({ instance: await acceptInstance(instance, healthy, v, c, steps, single), steps });
            } catch (err) {
              failure(instance, steps, err);
            }
          }),
        );
      }
    });
    if (failures.length > 0) throw await failed(v, c, failures, launched);
    pool.instances = await Promise.all(results.map((r) => platform.markVerified(r.instance, v.spec.restart)));
  } finally {
    forget();
  }
  failpoint('after-verify');
  const rows = results.flatMap((r) => r.steps.map((s) => (single ? s : [r.instance.target, r.instance.name, ...s])));
  const head = single ? ['step', 'what', 'result', 'detail'] : ['host', 'instance', 'step', 'what', 'result', 'detail'];
  report.output('url', instanceUrl(pool.instances[0]!));
  // A fleet's every instance passed every step: one line says so, the per-instance rows are folded away.
  const body = single
    ? table(head, rows)
    : `${results.length} instances on ${new Set(results.map((r) => r.instance.target)).size} host(s), each passed: ${[...new Set(results.flatMap((r) => r.steps.map((x) => x[0])))].join(', ')}.\n\n` +
      details(`Every instance's steps (${rows.length} rows)`, table(head, rows));
  report.section(`### Verified ${v.version} in ${Date.now() - started} ms\n\n${body}`);
  return pool;
}

interface Healthy {
  /** The instance as inspected once healthy (its address). */
  instance: Instance;
  url: string;
  at: string;
}

/** Health and the built-in checks against one instance. Records its steps in `steps`. */
async function checkInstance(instance: Instance, v: Version, c: VerifyContext, steps: Step[], single: boolean): Promise<Healthy> {
  const { cfg, platform, log } = c;
  const at = where(platform, instance.target);
  // Log groups do not nest: a pool's instances log plain lines, prefixed with their host.
  const group = <T>(name: string, fn: () => Promise<T>) => (single ? log.group(name, fn) : fn());
  const health = await group(`Wait until ${instance.name} is healthy`, () =>
    waitHealthy({ path: v.spec.healthPath, timeoutSec: cfg.verify.healthTimeoutSec, probe: () => platform.inspect(instance) }),
  );
  const url = instanceUrl(health.instance);
  log.info(`${at}${single ? 'Healthy' : `${instance.name} healthy`} at ${url} after ${health.ms} ms (${health.attempts} probes)`);
  steps.push(['health', `GET ${v.spec.healthPath}`, 'pass', `${health.ms} ms`]);
  await checksAt(url, c, steps, at, single);
  return { instance: health.instance, url, at };
}

/** The acceptance command against one healthy, checked instance, then Docker's word on it. Records its steps in `steps`. */
async function acceptInstance(instance: Instance, healthy: Healthy, v: Version, c: VerifyContext, steps: Step[], single: boolean): Promise<Instance> {
  const { platform } = c;
  const { url, at } = healthy;
  await acceptAt(url, v, c, steps, at, single, c.preview?.url);
  // Docker's word after the checks and the acceptance command: a HEALTHCHECK that turned unhealthy meanwhile (or a
  // process that stopped or restarted) fails the instance, whatever HTTP answered.
  const after = await platform.inspect(healthy.instance);
  if (!after.running || after.restarting || after.restartCount > healthy.instance.restartCount)
    throw new DeployError(`Instance ${instance.name} ${after.running && !after.restarting ? 'restarted' : 'stopped'} (exit code ${after.exitCode}) while it was verified.`);
  if (after.health !== undefined && after.health !== 'healthy')
    throw new DeployError(
      `Instance ${instance.name} answered ${url}, but Docker's HEALTHCHECK says ${after.health} after its checks: it is not released.`,
      'The image\'s HEALTHCHECK failed while the instance was verified: see its log below, and what the HEALTHCHECK runs.',
    );
  return healthy.instance;
}

/**
 * Testers first: the preview route to the healthy, checked pool, before the acceptance command runs through it.
 * When it cannot be filled, the pool goes (it never received traffic) and the run fails saying why.
 */
async function fillPreview(c: VerifyContext, fill: (instances: Instance[]) => Promise<void>, instances: Instance[], launched: Instance[]): Promise<void> {
  try {
    await c.log.group(`Preview: requests with ${c.preview!.header} to the new pool`, () => fill(instances));
  } catch (err) {
    await c.platform.remove(launched);
    throw new DeployError(
      `The preview route (preview-header: ${c.preview!.header}) could not be filled: ${errorMessage(err)}\nThe live version was not touched. ` +
        `The new instance${launched.length > 1 ? 's were' : ' was'} removed.`,
      'Set up the preview route in the balancer as docs/canary.md ("Testers first") shows, or leave preview-header empty.',
    );
  }
}

/** The built-in checks and the acceptance command against `url`. Records its steps in `steps`. */
async function verifyAt(url: string, v: Version, c: VerifyContext, steps: Step[], at: string, single: boolean, previewUrl?: string): Promise<void> {
  await checksAt(url, c, steps, at, single);
  await acceptAt(url, v, c, steps, at, single, previewUrl);
}

/** The built-in checks against `url`. */
async function checksAt(url: string, c: VerifyContext, steps: Step[], at: string, single: boolean): Promise<void> {
  const { cfg, log } = c;
  const group = <T>(name: string, fn: () => Promise<T>) => (single ? log.group(name, fn) : fn());
  if (cfg.verify.checks.length > 0) {
    const results = await group('Built-in checks', () => runChecks(url, cfg.verify.checks));
    for (const r of results) {
      log.info(`${at}${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
      steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
    }
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) throw checksFailed(failed, log, at);
  }
}

/** The acceptance command against `url` (TARGET_URL); with preview-header also PREVIEW_URL and PREVIEW_HEADER. */
async function acceptAt(url: string, v: Version, c: VerifyContext, steps: Step[], at: string, single: boolean, previewUrl: string | undefined): Promise<void> {
  const { cfg, log } = c;
  const group = <T>(name: string, fn: () => Promise<T>) => (single ? log.group(name, fn) : fn());
  if (cfg.verify.acceptanceCommand) {
    const preview = c.preview && previewUrl ? { PREVIEW_URL: previewUrl, PREVIEW_HEADER: c.preview.header } : {};
    const outcome = await group('Acceptance command', () =>
      runAcceptanceCommand(
        cfg.verify.acceptanceCommand!,
        { TARGET_URL: url, VERSION: v.version, APP: cfg.app, ENVIRONMENT: cfg.environment, IMAGE: cfg.image, DIGEST: v.digest, ...preview },
        cfg.verify.acceptanceTimeoutSec,
        undefined,
        single,
      ),
    );
    if (!single && outcome.output) log.info(`${at}acceptance command against ${url}:\n${outcome.output}`);
    const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
    steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
    if (!outcome.ok) {
      log.error(`${at}The acceptance command failed (${why}):\n${outcome.output}`, 'Acceptance failed');
      throw new DeployError(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
    }
  }
}

/**
 * A pool the platform launches as one unit (Kubernetes: one Deployment): started and up (or failed) as a
 * whole, then health, checks and acceptance at each URL the platform gives for it (the preview Service).
 * Any failure removes the whole pool (keep-failed keeps it, without traffic).
 */
async function launchWhole(v: Version, c: VerifyContext, pool: Pool, started: number): Promise<Pool> {
  const { cfg, platform, log, report } = c;
  const target = platform.targets[0]!;
  const steps: Step[] = [];
  let launched: Instance[] = [];
  // Cancelled before it is verified: the pool goes (it never received traffic).
  const forget = onInterrupt(() => platform.remove(launched), 'instances');
  try {
    const up = await log.group(`Start a pool of ${c.replicas} instance${c.replicas > 1 ? 's' : ''} of ${v.version} on ${target.name}`, () =>
      platform.launchPool!({
        ...instanceLabels(cfg, v, c.runUrl, pool.id),
        spec: v.spec,
        secretEnv: cfg.run.secretEnv,
        replicas: c.replicas,
        startTimeoutSec: cfg.verify.healthTimeoutSec,
      }),
    );
    launched = up.instances;
    if (up.failure) throw await failedWhole(v, c, launched, steps, up.failure, false);
    steps.push(['start', `${launched.length} of ${c.replicas} up`, 'pass', `${Date.now() - started} ms`]);
    let reaches: Reach[] = [];
    try {
      reaches = await platform.reach!(launched);
      for (const r of reaches) {
        log.info(`Verifying ${v.version} through ${r.name} at ${r.url}`);
        const health = await log.group(`Wait until ${v.version} answers GET ${v.spec.healthPath}`, () =>
          waitAnswers(r.url + v.spec.healthPath, cfg.verify.healthTimeoutSec),
        );
        steps.push(['health', `GET ${v.spec.healthPath} through ${r.name}`, 'pass', `${health.ms} ms`]);
        await verifyAt(r.url, v, c, steps, '', true, c.preview?.url ?? r.url);
      }
    } catch (err) {
      throw await failedWhole(v, c, launched, steps, errorMessage(err), true);
    } finally {
      await Promise.all(reaches.map((r) => r.close()));
    }
    pool.instances = await Promise.all(launched.map((i) => platform.markVerified(i, v.spec.restart)));
  } finally {
    forget();
  }
  failpoint('after-verify');
  report.output('url', instanceUrl(pool.instances[0]!));
  report.section(`### Verified ${v.version} in ${Date.now() - started} ms\n\n${table(['step', 'what', 'result', 'detail'], steps)}`);
  return pool;
}

/** A pool launched as one unit failed: report it, remove it whole (keep-failed: keep it whole), build the error. */
async function failedWhole(v: Version, c: VerifyContext, launched: Instance[], steps: Step[], reason: string, started: boolean): Promise<DeployError> {
  const { cfg, platform, log, report } = c;
  const lines = cfg.verify.logLines;
  // A pool that came up and then failed its checks: the platform's account of it (events, last log lines).
  const logs =
    started && lines > 0 && launched[0]
      ? (await platform.logs(launched[0], lines).catch((e: unknown) => `(could not read the log: ${errorMessage(e)})`)) || '(no output)'
      : '';
  const names = [...new Set(launched.map((i) => i.name))];
  report.section(
    `### ${v.version} failed verification\n\n${steps.length ? table(['step', 'what', 'result', 'detail'], steps) + '\n\n' : ''}${codeBlock(reason)}` +
      (logs ? `\n\n${codeBlock(logs)}` : ''),
  );
  let what: string;
  if (cfg.verify.keepFailed) {
    log.warning(`keep-failed: leaving ${names.join(', ')} in place for debugging; it receives no traffic.`);
    what = `${names.join(', ')} ${names.length > 1 ? 'were' : 'was'} kept (keep-failed), without traffic.`;
  } else {
    await platform.remove(launched);
    what = `The new pool (${names.join(', ')}) was removed.`;
  }
  return new DeployError(`${reason}${logs ? `\n${logs}` : ''}\nThe live version was not touched. ${what}`);
}

/** Report every failure, remove the pool (keep-failed: the failed instances stay), and build the error. */
async function failed(v: Version, c: VerifyContext, failures: InstanceFailure[], launched: Instance[]): Promise<DeployError> {
  const { cfg, platform, log, report } = c;
  const parts: string[] = [];
  for (const f of failures) {
    const at = where(platform, f.target.name);
    if (!f.instance) {
      parts.push(`${at}${f.reason}`);
      report.section(`### ${v.version} could not start${at ? ` on ${f.target.name}` : ''}\n\n${codeBlock(f.reason)}`);
      continue;
    }
    // log-lines: 0 shows none (public repositories: anyone can read the job log and summary). Redacted when printed.
    const lines = cfg.verify.logLines;
    const logs =
      lines > 0
        ? (await platform.logs(f.instance, lines).catch((e: unknown) => `(could not read the log: ${errorMessage(e)})`)) || '(no output)'
        : '';
    const heading = lines > 0 ? `Last log lines of ${f.instance.name}:` : `(log-lines: 0, so the log of ${f.instance.name} is not shown)`;
    report.section(
      `### ${v.version} failed verification${at ? ` on ${f.target.name}` : ''}\n\n${f.steps.length ? table(['step', 'what', 'result', 'detail'], f.steps) + '\n\n' : ''}` +
        `${codeBlock(f.reason)}\n\n${heading}${lines > 0 ? `\n\n${codeBlock(logs)}` : ''}`,
    );
    parts.push(`${at}${f.reason}\n${heading}${lines > 0 ? `\n${logs}` : ''}`);
  }
  const kept = cfg.verify.keepFailed ? failures.flatMap((f) => (f.instance ? [f.instance] : [])) : [];
  const removed = launched.filter((i) => !kept.includes(i));
  for (const k of kept) log.warning(`keep-failed: leaving ${k.name} in place for debugging; it receives no traffic.`);
  await platform.remove(removed);
  const what = removed.length === 1 ? `Instance ${removed[0]!.name} was removed.` : removed.length ? `The ${removed.length} new instances were removed.` : '';
  const [first, ...rest] = parts;
  // One instance: the reason, then what was done, then its log (as it always read). A pool: every failure.
  const body = rest.length === 0 && first ? first.replace(/\nLast log lines of /, `\nThe live version was not touched. ${what}\nLast log lines of `) : parts.join('\n\n');
  const tail = rest.length === 0 && first?.includes('\nLast log lines of ') ? '' : `\nThe live version was not touched. ${what}`.trimEnd();
  return new DeployError(`${body}${tail}`);
}

function checksFailed(failed: CheckResult[], log: Log, at: string): DeployError {
  for (const f of failed) log.error(`${at}${f.check}: ${f.detail}`, 'Check failed');
  return new DeployError(
    `${failed.length} built-in check${failed.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.check} (${f.detail})`).join('; ')}`,
  );
}
