/**
 * Drives the bundled dist/index.js the way the GitHub runner does: INPUT_* variables (name upper-cased,
 * hyphens kept), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, an event payload file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
/** action.yml's `post:` entry: the same bundle, marked as the post step. */
export const POST_DIST = fileURLToPath(new URL('../../dist/post.js', import.meta.url));
/** Node 24, the runtime action.yml names (the `node` package from the npm registry). */
export const NODE24 = fileURLToPath(new URL('../../node_modules/node/bin/node', import.meta.url));
/**
 * PATH without node_modules/.bin, and the machine's own node on it (Node 20 here). npm and npx put
 * node_modules/.bin first, where the `node` package links Node 24; the tests name Node 24 explicitly.
 */
export const SYSTEM_PATH = (process.env.PATH ?? '')
  .split(':')
  .filter((dir) => !dir.includes('node_modules'))
  .join(':');
export const SYSTEM_NODE =
  SYSTEM_PATH.split(':')
    .map((dir) => join(dir, 'node'))
    .find((p) => existsSync(p)) ?? process.execPath;

export interface ActionRun {
  /** The exit code; null when the run was ended by a signal (see `signal`): a kill is never an ordinary failure. */
  code: number | null;
  /** The signal that ended the run (SIGKILL: a kill -9, a failpoint, or the helper's timeout), else null. */
  signal: NodeJS.Signals | null;
  /** stdout + stderr, in order. */
  log: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the run saved for its post step (GITHUB_STATE). */
  state: Record<string, string>;
  ms: number;
}

export interface ActionOptions {
  cwd: string;
  env?: Record<string, string>;
  event?: { name: string; payload: unknown };
  /** Default: Node 24, the runtime action.yml names (NODE24); SYSTEM_NODE is the machine's own. */
  node?: string;
  /** The bundle to run. Default: this repository's dist/index.js. */
  entry?: string;
  timeoutMs?: number;
  /** Send `signal` (default SIGKILL, as kill -9) to the run as soon as its log satisfies this. */
  killWhen?: (log: string) => boolean;
  signal?: NodeJS.Signals;
  /** Send `signal` (default SIGKILL) once this settles: for an event that is not a log line (traffic seen, a counter). */
  killOn?: Promise<unknown>;
  /** Called with the whole log so far whenever the run prints (to wait for a step: see logSays). */
  onLog?: (log: string) => void;
  /** Step state from the main run: the runner passes it to the post step as STATE_<name> variables. */
  state?: Record<string, string>;
}

/** For onLog: a promise that resolves once the log says `text`, and the hook that feeds it. */
export function logSays(text: string): { seen: Promise<void>; onLog: (log: string) => void } {
  let resolve!: () => void;
  const seen = new Promise<void>((r) => (resolve = r));
  return { seen, onLog: (log) => log.includes(text) && resolve() };
}

/** Parses the GITHUB_OUTPUT file format: `name<<DELIM\nvalue\nDELIM` (and plain `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  return env;
}

export async function runAction(inputs: Record<string, string>, opts: ActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(opts.event?.payload ?? {}));
  // A clean environment like the runner's: no INPUT_* leaking from the test process.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  const env = {
    ...base,
    PATH: SYSTEM_PATH,
    ...files,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: opts.event?.name ?? 'push',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    ...inputEnv(inputs),
    ...Object.fromEntries(Object.entries(opts.state ?? {}).map(([k, v]) => [`STATE_${k}`, v])),
    ...opts.env,
  };
  const started = Date.now();
  const child = spawn(opts.node ?? NODE24, [opts.entry ?? DIST], { cwd: opts.cwd, env });
  let log = '';
  let signalled = false;
  const onData = (b: Buffer) => {
    log += b.toString();
    opts.onLog?.(log);
    if (!signalled && opts.killWhen?.(log)) {
      signalled = true;
      child.kill(opts.signal ?? 'SIGKILL');
    }
  };
  // A killOn that fails (its event never came) sends nothing: the run ends by itself and the test says why.
  opts.killOn?.then(
    () => {
      if (signalled) return;
      signalled = true;
      child.kill(opts.signal ?? 'SIGKILL');
    },
    () => undefined,
  );
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 110_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('close', (c, sig) => r([c, sig])));
  clearTimeout(timer);
  return {
    code,
    signal,
    log,
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseOutputFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    ms: Date.now() - started,
  };
}

/** The post step of `main` (action.yml `post:`), as the runner runs it: same inputs, the main run's state. */
export function runPost(inputs: Record<string, string>, main: ActionRun, opts: ActionOptions): Promise<ActionRun> {
  return runAction(inputs, { ...opts, entry: POST_DIST, state: main.state });
}
