/**
 * The command line (`npx immutable-deploy status|rollback|promote|abort|maintenance --app shop ...`), for
 * when GitHub Actions is down or slow: the same reader (the action's input table, read from flags), the
 * same dispatch and release code, the same records on the engines and clusters as the action. It needs no
 * checkout and no GitHub token; with GITHUB_TOKEN and GITHUB_REPOSITORY it records the GitHub Deployment as
 * the action does. stdout carries only the result (the job summary's tables as text, or --json); the log
 * goes to stderr.
 */
import { execute } from '../action/dispatch.js';
import { readConfig } from '../config/read.js';
import { Report } from '../github/summary.js';
import { errorMessage } from '../support/errors.js';
import { killRunning } from '../support/exec.js';
import { installInterruptHandlers } from '../support/interrupt.js';
import { redact, registerSecret } from '../support/secrets.js';
import { parseCli, USAGE, UsageError } from './args.js';
import { stderrLog } from './log.js';
import { summaryText } from './text.js';

/** Runs the command line; resolves to the exit code (0 done, 1 failed, 2 usage). */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Only the result goes to stdout: anything else that writes there (the toolkit's own messages) goes to stderr.
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  const print = (text: string) => void stdout(text);
  let args;
  try {
    args = parseCli(argv, env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr(`immutable-deploy: ${e.message}\n`);
    return 2;
  }
  if (args === 'help') {
    print(USAGE + '\n');
    return 0;
  }
  const { command, json } = args;
  const log = stderrLog((t) => void stderr(t), env.RUNNER_DEBUG === '1');
  installInterruptHandlers((m) => log.warning(m), killRunning);
  let report = new Report(`immutable-deploy ${command}`);
  let error: string | undefined;
  let app = '';
  let environment = '';
  try {
    const cfg = readConfig(args.get, { mask: registerSecret, warn: (m) => log.warning(m) });
    ({ app, environment } = cfg);
    // The token reached the config; the commands this run starts (a router command, an acceptance command) do not get it.
    delete process.env.GITHUB_TOKEN;
    report = new Report(`immutable-deploy ${command}: ${app} in ${environment}`);
    await execute(cfg, report, log);
  } catch (err) {
    error = redact(errorMessage(err));
  } finally {
    // What a post step does on the runner: log out of the registries this run logged in to.
    const { post } = await import('../action/post.js');
    await post(args.get).catch((e: unknown) => log.warning(`Could not log out of a registry: ${errorMessage(e)}`));
  }
  if (json) {
    const outputs = Object.fromEntries(Object.entries(report.outputs).map(([k, v]) => [k, parsed(v)]));
    print(JSON.stringify({ command, app, environment, ok: error === undefined, ...(error !== undefined ? { error } : {}), outputs }, null, 2) + '\n');
  } else {
    print(summaryText(report.markdown()));
  }
  if (error !== undefined) {
    stderr(`immutable-deploy ${command} failed: ${error}\n`);
    return 1;
  }
  return 0;
}

/** An output as JSON when it is JSON (versions, instances), else the string. */
function parsed(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
