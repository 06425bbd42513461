/**
 * The one boundary that runs external commands. Commands are always argv arrays,
 * spawned without a shell: nothing here builds a shell line from input.
 * Secrets registered with registerSecret() are redacted from everything returned or printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunOptions {
  /** Sent on stdin (e.g. a registry password). Never logged. */
  input?: string;
  /** Extra environment for the child, merged over process.env. */
  env?: Record<string, string>;
  /** Stream the child's output to our stdout as it comes (redacted). */
  echo?: boolean;
  cwd?: string;
  /** Return non-zero exits instead of throwing. */
  allowFailure?: boolean;
  /** Kill the command (and its process group) after this many milliseconds. */
  timeoutMs?: number;
}

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
    super(`Command ${why}: ${formatArgv(argv)}${tail ? `\n${tail}` : ''}`);
    this.name = 'CommandError';
  }
}

export function lastLines(text: string, n: number): string {
  return text.split('\n').slice(-n).join('\n');
}

/** Values that must never appear in anything we return or print. */
const secrets = new Set<string>();

export function registerSecret(value: string): void {
  if (value.length >= 3) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/** A readable rendering of an argv array for messages (quoted where needed; secrets redacted). */
export function formatArgv(argv: readonly string[]): string {
  return redact(argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '));
}

export type Runner = (argv: readonly string[], options?: RunOptions) => Promise<RunResult>;

/** Children still running, so an interrupted run can stop them (see src/interrupt.ts). */
const running = new Set<ChildProcess>();

/** Stop every command still running (and, for those in their own group, the whole group). */
export function killRunning(): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}

export const run: Runner = (argv, options = {}) =>
  new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    if (!cmd) return reject(new Error('run() needs a command'));
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.timeoutMs !== undefined,
    });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      if (options.echo) process.stdout.write(redact(b.toString()));
    });
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      if (options.echo) process.stdout.write(redact(b.toString()));
    });
    let timedOut = false;
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            try {
              if (child.pid) process.kill(-child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, options.timeoutMs)
        : undefined;
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
      running.delete(child);
      clearTimeout(timer);
      const result: RunResult = {
        exitCode: code ?? (signal ? 128 : 1),
        stdout: redact(Buffer.concat(out).toString()),
        stderr: redact(Buffer.concat(err).toString()),
        ...(timedOut ? { timedOut } : {}),
      };
      if ((result.exitCode !== 0 || timedOut) && !options.allowFailure) reject(new CommandError(argv, result));
      else resolve(result);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
