/**
 * router: nginx. Owns one file holding `upstream <name> { server host:port; ... }` (one server line per
 * instance of the pool), included from nginx's config.
 * flip: write the file atomically, validate with the test command, reload, and wait until nginx's workers
 * run the new config. Any failure puts the previous file back, so nginx never keeps a broken config.
 */
import { readFile, readdir, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { NginxRouterConfig } from '../../config/types.js';
import { formatArgv, lastLines, type RunResult } from '../../support/exec.js';
import { failpoint } from '../../support/failpoint.js';
import type { Address, Divergence, Router, RouterDeps, Routing } from '../types.js';
import { allTo, formatAddress, singleGroup } from '../types.js';
import {
  activeWorkers,
  isMaster,
  parseCmdline,
  parsePidFile,
  parseStatPpid,
  parseStatStart,
  reloadDone,
  writtenAfterLoad,
  type ProcInfo,
} from './processes.js';
import { readOptional, writeAtomic } from './atomic-file.js';
import { parseServingBefore, parseUpstream, renderUpstream } from './upstream.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** Linux's USER_HZ: /proc/<pid>/stat counts start times in these ticks. */
const CLOCK_TICKS_PER_SEC = 100;

interface FileState {
  /** What the file points at. */
  written: Address[];
  /** The file was written after nginx last loaded its config (a flip killed before the reload). */
  unapplied: boolean;
  /** What nginx serves: the file's servers, or when it is not loaded, what nginx served when it was written. */
  serving: Address[];
}

const RELOAD_WAIT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 60_000;

export class NginxRouter implements Router {
  readonly kind = 'nginx';
  readonly weighted = false;
  readonly unweightedBecause =
    'nginx in reload mode writes one upstream of one pool; canary steps on nginx need nginx-routes-file (the njs mode, see docs/routers.md)';

  constructor(
    private readonly cfg: NginxRouterConfig,
    private readonly deps: RouterDeps,
    private readonly opts: { reloadWaitMs?: number; procRoot?: string } = {},
  ) {}

  describe(): string {
    return `nginx upstream "${this.cfg.upstreamName}" in ${this.cfg.upstreamFile}`;
  }

  async current(): Promise<Routing> {
    const { serving } = await this.fileState();
    return serving.length ? allTo(serving) : [];
  }

  async divergence(): Promise<Divergence[]> {
    const s = await this.fileState();
    if (!s.unapplied) return [];
    const at = (a: Address[]) => (a.length ? a.map(formatAddress).join(', ') : 'nothing');
    return [
      {
        addresses: s.written,
        problem:
          `${this.cfg.upstreamFile} points at ${at(s.written)}, but nginx has not loaded it: the file was written after nginx's last ` +
          `reload (a run killed in the middle of a flip?), so nginx still serves ${at(s.serving)} and its next reload would switch to ${at(s.written)}.`,
      },
    ];
  }

  private async fileState(): Promise<FileState> {
    const text = await readOptional(this.cfg.upstreamFile);
    if (text === undefined || text.trim() === '') return { written: [], unapplied: false, serving: [] };
    const written = this.parse(text);
    const mtime = (await stat(this.cfg.upstreamFile)).mtimeMs;
    const unapplied = writtenAfterLoad(mtime, await this.workerStarts());
    return { written, unapplied, serving: unapplied ? parseServingBefore(text) : written };
  }

  /** Wall-clock start times (ms) of the master's active workers; [] when the master is not found. */
  private async workerStarts(): Promise<number[]> {
    let master: number | undefined;
    try {
      master = await this.findMaster();
    } catch {
      return [];
    }
    if (master === undefined) return [];
    const uptime = Number((await readOptional(join(this.opts.procRoot ?? '/proc', 'uptime')))?.split(' ')[0]);
    if (!Number.isFinite(uptime)) return [];
    const bootMs = Date.now() - uptime * 1000;
    const procs = await this.processes();
    const workers = new Set(activeWorkers(procs, master));
    return procs
      .filter((p) => workers.has(p.pid) && p.startTicks !== undefined)
      .map((p) => bootMs + ((p.startTicks as number) * 1000) / CLOCK_TICKS_PER_SEC);
  }

  private parse(text: string): Address[] {
    try {
      return parseUpstream(text, this.cfg.upstreamName);
    } catch (e) {
      throw new Error(
        `Could not read the live target from ${this.cfg.upstreamFile}: ${(e as Error).message}. ` +
          `The file is owned by the action; let it write \`upstream ${this.cfg.upstreamName} { server host:port; }\` there.`,
        { cause: e },
      );
    }
  }

  async shift(to: Routing): Promise<void> {
    const group = singleGroup(this.kind, to);
    const file = this.cfg.upstreamFile;
    const previous = await readOptional(file);
    const previousTimes = previous === undefined ? undefined : await stat(file);
    const serving = previous === undefined ? [] : (await this.fileState()).serving;
    const master = await this.findMaster();
    const next = renderUpstream(this.cfg.upstreamName, group.addresses, group.version, serving);
    const what = `${group.addresses.map(formatAddress).join(', ')}${group.version ? ` for version ${group.version}` : ''}`;
    await writeAtomic(file, next);
    failpoint('nginx-after-write');
    const restore = () => this.restore(previous, previousTimes);

    const test = await this.exec(this.cfg.testCommand);
    if (test.exitCode !== 0) {
      await restore();
      throw new Error(
        `nginx rejected the new upstream (${what}): ` +
          `${formatArgv(this.cfg.testCommand)} ${why(test)}.\n${output(test)}\n` +
          `${file} was restored and nginx was not reloaded, so it still serves the previous target. ` +
          `Fix the nginx configuration (or nginx-test-command) so that the test passes, then re-run.`,
      );
    }

    const before = master ? new Set(activeWorkers(await this.processes(), master)) : new Set<number>();
    const reload = await this.exec(this.cfg.reloadCommand);
    if (reload.exitCode !== 0) {
      await restore();
      throw new Error(
        `Reloading nginx failed: ${formatArgv(this.cfg.reloadCommand)} ${why(reload)}.\n${output(reload)}\n` +
          `${file} was restored to the previous target. Check that nginx is running and that nginx-reload-command ` +
          `can signal it (pid file, permissions), then re-run.`,
      );
    }

    if (master === undefined) {
      this.deps.log.warning(
        `Could not find the nginx master process${this.cfg.pidFile ? '' : ' (set nginx-pid-file)'}, so the action cannot ` +
          `confirm when the reload has taken effect; waiting 2 seconds instead.`,
        'nginx reload not confirmed',
      );
      await sleep(2000);
      return;
    }
    const waitMs = this.opts.reloadWaitMs ?? RELOAD_WAIT_MS;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const procs = await this.processes();
      if (reloadDone(procs, master, before)) return;
      if (!procs.some((p) => p.pid === master)) {
        await restore();
        throw new Error(`The nginx master process ${master} exited during the reload. ${file} was restored; start nginx and re-run.`);
      }
      if (Date.now() > deadline) {
        await restore();
        await this.exec(this.cfg.reloadCommand);
        throw new Error(
          `nginx did not start new worker processes within ${waitMs / 1000}s ` +
            `after ${formatArgv(this.cfg.reloadCommand)} (master pid ${master}); it probably rejected the new configuration. ` +
            `${file} was restored and nginx reloaded again. Look at nginx's error log for the reason.`,
        );
      }
      await sleep(25);
    }
  }

  private async exec(argv: readonly string[]): Promise<RunResult> {
    return this.deps.run(argv, { allowFailure: true, timeoutMs: COMMAND_TIMEOUT_MS });
  }

  /** The previous file back, with its modification time (so that it still reads as the config nginx loaded). */
  private async restore(previous: string | undefined, times: { atime: Date; mtime: Date } | undefined): Promise<void> {
    if (previous === undefined) await unlink(this.cfg.upstreamFile).catch(() => undefined);
    else {
      await writeAtomic(this.cfg.upstreamFile, previous);
      if (times) await utimes(this.cfg.upstreamFile, times.atime, times.mtime).catch(() => undefined);
    }
  }

  /** The master pid: from nginx-pid-file when given, else the only nginx master on this machine. */
  private async findMaster(): Promise<number | undefined> {
    if (this.cfg.pidFile) {
      const text = await readOptional(this.cfg.pidFile);
      const pid = text === undefined ? undefined : parsePidFile(text);
      if (pid === undefined) {
        throw new Error(
          `The nginx pid file ${this.cfg.pidFile} ${text === undefined ? 'does not exist' : 'does not hold a pid'}. ` +
            `Is nginx running? Set nginx-pid-file to the path of nginx's \`pid\` directive.`,
        );
      }
      return pid;
    }
    const masters = (await this.processes()).filter(isMaster);
    return masters.length === 1 ? masters[0]?.pid : undefined;
  }

  private async processes(): Promise<ProcInfo[]> {
    const root = this.opts.procRoot ?? '/proc';
    let names: string[];
    try {
      names = await readdir(root);
    } catch {
      return [];
    }
    const out: ProcInfo[] = [];
    await Promise.all(
      names
        .filter((n) => /^\d+$/.test(n))
        .map(async (n) => {
          try {
            const cmdline = parseCmdline(await readFile(join(root, n, 'cmdline'), 'utf8'));
            if (!cmdline.startsWith('nginx')) return;
            const stat = await readFile(join(root, n, 'stat'), 'utf8');
            const ppid = parseStatPpid(stat);
            if (ppid !== undefined) out.push({ pid: Number(n), ppid, title: cmdline, startTicks: parseStatStart(stat) });
          } catch {
            // the process exited while we looked
          }
        }),
    );
    return out;
  }
}

function why(r: RunResult): string {
  return r.timedOut ? 'timed out' : `failed with exit code ${r.exitCode}`;
}

function output(r: RunResult): string {
  return lastLines([r.stderr.trim(), r.stdout.trim()].filter(Boolean).join('\n'), 20) || '(no output)';
}

