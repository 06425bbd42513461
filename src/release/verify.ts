/**
 * Launch a fresh instance of an exact image and put it through health and acceptance.
 * A version that fails never receives traffic: its instance is removed (unless keep-failed)
 * and the error carries the reason and the instance's last log lines.
 */
import { runChecks, type CheckResult } from '../acceptance/checks.js';
import { runAcceptanceCommand } from '../acceptance/command.js';
import { waitHealthy } from '../acceptance/health.js';
import type { Config } from '../config.js';
import { DeployError, errorMessage } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import type { Log } from '../log.js';
import { codeBlock, table, type Report } from '../report.js';
import { formatTarget } from '../routers/types.js';
import type { Instance, Runtime } from '../runtime/types.js';
import type { ResolvedImage } from './images.js';

export interface VerifyContext {
  cfg: Config;
  runtime: Runtime;
  log: Log;
  report: Report;
  runUrl: string;
}

export function instanceUrl(i: Instance): string {
  return i.target ? `http://${formatTarget(i.target)}` : '';
}

export async function launchAndVerify(img: ResolvedImage, v: VerifyContext): Promise<Instance> {
  const { cfg, runtime, log, report } = v;
  const started = Date.now();
  const instance = await log.group(`Start a fresh instance of ${img.version}`, async () => {
    const i = await runtime.launch({
      app: cfg.app,
      environment: cfg.environment,
      version: img.version,
      digest: img.digest,
      image: img.imageId,
      revision: img.revision,
      deployedAt: new Date().toISOString(),
      runUrl: v.runUrl,
      containerPort: cfg.run.port,
      publishHost: cfg.run.upstreamHost,
      env: cfg.run.env,
      secretEnv: cfg.run.secretEnv,
      network: cfg.run.network,
      memory: cfg.run.memory,
      cpus: cfg.run.cpus,
      restart: cfg.run.restart,
    });
    log.info(`Started ${i.name} from ${img.imageId}`);
    return i;
  });
  const steps: string[][] = [];
  // Cancelled before it is verified: the candidate goes (it never received traffic).
  const forget = onInterrupt(() => runtime.remove([instance.id]));
  try {
    const health = await log.group(`Wait until ${instance.name} is healthy`, () =>
      waitHealthy({
        path: cfg.verify.healthPath,
        timeoutSec: cfg.verify.healthTimeoutSec,
        probe: () => runtime.inspect(instance.id),
      }),
    );
    const url = instanceUrl(health.instance);
    report.output('url', url);
    log.info(`Healthy at ${url} after ${health.ms} ms (${health.attempts} probes)`);
    steps.push(['health', `GET ${cfg.verify.healthPath}`, 'pass', `${health.ms} ms`]);

    if (cfg.verify.checks.length > 0) {
      const results = await log.group('Built-in checks', () => runChecks(url, cfg.verify.checks));
      for (const r of results) {
        log.info(`${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
        steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
      }
      const failed = results.filter((r) => !r.ok);
      if (failed.length > 0) throw checksFailed(failed, log);
    }

    if (cfg.verify.acceptanceCommand) {
      const outcome = await log.group('Acceptance command', () =>
        runAcceptanceCommand(
          cfg.verify.acceptanceCommand!,
          {
            TARGET_URL: url,
            VERSION: img.version,
            APP: cfg.app,
            ENVIRONMENT: cfg.environment,
            IMAGE: cfg.image,
            DIGEST: img.digest,
          },
          cfg.verify.acceptanceTimeoutSec,
        ),
      );
      const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
      steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
      if (!outcome.ok) {
        log.error(`The acceptance command failed (${why}):\n${outcome.output}`, 'Acceptance failed');
        throw new DeployError(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
      }
    }
    report.section(`### Verified ${img.version} in ${Date.now() - started} ms\n\n${table(['step', 'what', 'result', 'detail'], steps)}`);
    const verified = await runtime.markVerified(health.instance, cfg.run.restart);
    forget();
    return verified;
  } catch (err) {
    forget();
    // log-lines: 0 shows none (public repositories: anyone can read the job log and summary). Redacted when printed.
    const lines = cfg.verify.logLines;
    const logs = lines > 0 ? (await runtime.logs(instance.id, lines)) || '(no output)' : '';
    const heading = lines > 0 ? `Last log lines of ${instance.name}:` : `(log-lines: 0, so the log of ${instance.name} is not shown)`;
    report.section(
      `### ${img.version} failed verification\n\n${steps.length ? table(['step', 'what', 'result', 'detail'], steps) + '\n\n' : ''}` +
        `${codeBlock(errorMessage(err))}\n\n${heading}${lines > 0 ? `\n\n${codeBlock(logs)}` : ''}`,
    );
    if (cfg.verify.keepFailed) log.warning(`keep-failed: leaving ${instance.name} in place for debugging; it receives no traffic.`);
    else await runtime.remove([instance.id]);
    const reason = errorMessage(err);
    throw new DeployError(
      `${reason}\nThe live version was not touched.${cfg.verify.keepFailed ? '' : ` Instance ${instance.name} was removed.`}\n` +
        `${heading}${lines > 0 ? `\n${logs}` : ''}`,
    );
  }
}

function checksFailed(failed: CheckResult[], log: Log): DeployError {
  for (const f of failed) log.error(`${f.check}: ${f.detail}`, 'Check failed');
  return new DeployError(
    `${failed.length} built-in check${failed.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.check} (${f.detail})`).join('; ')}`,
  );
}
