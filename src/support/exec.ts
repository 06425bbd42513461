/**
 * The one boundary that runs external commands. Commands are always argv arrays,
 * spawned without a shell: nothing here builds a shell line from input.
 * Every child gets childEnv() (the runner's environment without the action's inputs and tokens) plus
 * what the caller passes. What is echoed and error messages are redacted; returned output is data
 * and is left as it is (see src/support/secrets.ts).
 *
 * Why not @actions/exec here: it cannot start a child in its own process group (`detached`), so a
 * timeout or a cancelled run could kill `bash -c` but leave what it started (npx, curl, a test server)
 * running; it has no timeout; and we must be able to kill every running child from the interrupt
 * handler (src/support/interrupt.ts). Every child goes through here, the post step's `docker logout` too.
 */
import type { ChildProcess } from 'node:child_process';
import { childEnv, redact } from './secrets.js';

export { redact, registerSecret } from './secrets.js';

export interface RunOptions {
  /** Sent on stdin (e.g. a registry password). Never logged. */
  input?: string;
  /** Extra environment for the child, merged over childEnv() (never instance env or secrets it does not need). */
  env?: Record<string, string>;
  /** Stream the child's output to our stdout as it comes (redacted). */
  echo?: boolean;
  cwd?: string;
  /** Return non-zero exits instead of throwing. */
  allowFailure?: boolean;
  /** Kill the command (and its process group) after this many milliseconds (default DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Every child has a timeout: one not given another dies after this long (a build or an image push may
 * take long; nothing the action runs may hang the job until its limit).
 */
export const DEFAULT_TIMEOUT_MS = 60 * 60_000;

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut?: boolean;
}

export class CommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly result: RunResult,
  ) {
    const tail = lastLines(result.stderr.trim() || result.stdout.trim(), 15);
    const why = result.timedOut ? 'timed out' : `failed with exit code ${result.exitCode}`;
    super(redact(`Command ${why}: ${formatArgv(argv)}${tail ? `\n${tail}` : ''}`));
    this.name = 'CommandError';
  }
}

export function lastLines(text: string, n: number): string {
  return text.split('\n').slice(-n).join('\n');
}

/** A readable rendering of an argv array for messages (quoted where needed; secrets redacted). */
export function formatArgv(argv: readonly string[]): string {
  return redact(argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '));
}

export type Runner = (argv: readonly string[], options?: RunOptions) => Promise<RunResult>;

/**
 * node:child_process, loaded at the first command: a warm rollback through a balancer's API runs none, and
 * loading it costs ~5 ms at every start.
 */
const spawn = () => process.getBuiltinModule('node:child_process').spawn;

/** Children still running, so an interrupted run can stop them (see src/support/interrupt.ts). */
const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Stop every command still running (and, for those in their own group, the whole group). */
export function killRunning(): void {
  for (const child of running) killGroup(child);
}

export const run: Runner = (argv, options = {}) =>
  new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    if (!cmd) return reject(new Error('run() needs a command'));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const child = spawn()(cmd, args, {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a timeout (or an interrupted run) stops what it started too.
      detached: true,
    });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // Echoed whole lines at a time, so a secret split across two chunks is still redacted.
    const echo = options.echo ? lineEcho() : undefined;
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      echo?.write(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      echo?.write(b);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      running.delete(child);
      clearTimeout(timer);
      reject(
        new Error(
          e.code === 'ENOENT'
            ? `Command not found: ${cmd}. Install it on the runner or put it on PATH.`
            : `Could not start ${formatArgv(argv)}: ${e.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      echo?.end();
      running.delete(child);
      clearTimeout(timer);
      const result: RunResult = {
        exitCode: code ?? (signal ? 128 : 1),
        // Data, not print: callers parse it (docker inspect JSON). Whatever prints it redacts it.
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        ...(timedOut ? { timedOut } : {}),
      };
      if ((result.exitCode !== 0 || timedOut) && !options.allowFailure) reject(new CommandError(argv, result));
      else resolve(result);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });

/** Writes to our stdout, redacted, one complete line at a time. */
function lineEcho(): { write(b: Buffer): void; end(): void } {
  let pending = '';
  return {
    write(b) {
      pending += b.toString();
      const nl = pending.lastIndexOf('\n');
      if (nl < 0) return;
      process.stdout.write(redact(pending.slice(0, nl + 1)));
      pending = pending.slice(nl + 1);
    },
    end() {
      if (pending) process.stdout.write(redact(`${pending}\n`));
      pending = '';
    },
  };
}

export interface PipeEnd {
  argv: readonly string[];
  /** Extra environment for this side, merged over childEnv() (as for run()). */
  env?: Record<string, string>;
}

/**
 * `from | to` without a shell: from's stdout streams into to's stdin (e.g. `docker save` on one engine
 * into `docker load` on another). Each side gets childEnv() plus its own `env`; both are killed after
 * `timeoutMs`. Rejects with the failing side's CommandError (the first one, when both fail).
 */
export function pipe(from: PipeEnd, to: PipeEnd, timeoutMs: number = DEFAULT_TIMEOUT_MS): Promise<void> {
  let timedOut = false;
  const start = (end: PipeEnd) => {
    const [cmd, ...args] = end.argv;
    if (!cmd) throw new Error('pipe() needs a command on each side');
    const child = spawn()(cmd, args, { env: childEnv(end.env), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    running.add(child);
    const err: Buffer[] = [];
    const out: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const done = new Promise<RunResult>((resolve, reject) => {
      child.on('error', (e) => {
        running.delete(child);
        reject(new Error(`Could not start ${formatArgv(end.argv)}: ${e.message}`));
      });
      child.on('close', (code, signal) => {
        running.delete(child);
        resolve({
          exitCode: code ?? (signal ? 128 : 1),
          stdout: redact(Buffer.concat(out).toString()),
          stderr: redact(Buffer.concat(err).toString()),
          ...(timedOut ? { timedOut } : {}),
        });
      });
    });
    return { child, out, done };
  };
  const a = start(from);
  const b = start(to);
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(a.child);
    killGroup(b.child);
  }, timeoutMs);
  a.child.stdin.end();
  a.child.stdout.pipe(b.child.stdin);
  b.child.stdin.on('error', () => undefined);
  b.child.stdout.on('data', (x: Buffer) => b.out.push(x));
  return Promise.all([a.done, b.done])
    .then(([ra, rb]) => {
      if (ra.exitCode !== 0 || ra.timedOut) throw new CommandError(from.argv, ra);
      if (rb.exitCode !== 0 || rb.timedOut) throw new CommandError(to.argv, rb);
    })
    .finally(() => clearTimeout(timer));
}

/** A command running in the background (started by start()), until stop(). */
export interface Background {
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves with how it ended and what it printed. */
  stop(graceMs?: number): Promise<RunResult>;
}

/**
 * Start `argv` in its own process group and leave it running (e.g. a load script for one canary step): it is
 * stopped by stop(), by its timeout, or with every other child when the run is interrupted.
 */
export function start(argv: readonly string[], options: Pick<RunOptions, 'env' | 'cwd' | 'timeoutMs'> = {}): Background {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('start() needs a command');
  const child = spawn()(cmd, args, { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  const out: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => out.push(b));
  let startError: Error | undefined;
  const closed = new Promise<RunResult>((resolve) => {
    child.on('error', (e) => {
      startError = e;
      running.delete(child);
      resolve({ exitCode: 127, stdout: '', stderr: `Could not start ${formatArgv(argv)}: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString(), stderr: '' });
    });
  });
  const timer = setTimeout(() => killGroup(child), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  timer.unref();
  return {
    async stop(graceMs = 5000) {
      clearTimeout(timer);
      if (!startError && child.exitCode === null && child.signalCode === null) {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        const kill = setTimeout(() => killGroup(child), graceMs);
        const r = await closed;
        clearTimeout(kill);
        return r;
      }
      return closed;
    },
  };
}
