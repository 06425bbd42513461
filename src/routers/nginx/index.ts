/**
 * router: nginx. Owns one file holding `upstream <name> { server host:port; ... }` (one server line per
 * instance of the pool), included from nginx's config.
 * flip: write the file atomically, validate with the test command, reload, and wait until nginx's workers
 * run the new config. Any failure puts the previous file back, so nginx never keeps a broken config.
 */
import { readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { NginxRouterConfig } from '../../config.js';
import { formatArgv, lastLines, type RunResult } from '../../exec.js';
import type { Router, RouterDeps, Routing } from '../types.js';
import { allTo, formatAddress, singleGroup } from '../types.js';
import {
  activeWorkers,
  isMaster,
  parseCmdline,
  parsePidFile,
  parseStatPpid,
  reloadDone,
  type ProcInfo,
} from './processes.js';
import { readOptional, writeAtomic } from './atomic-file.js';
import { parseUpstream, renderUpstream } from './upstream.js';

const RELOAD_WAIT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 60_000;

export class NginxRouter implements Router {
  readonly kind = 'nginx';

  constructor(
    private readonly cfg: NginxRouterConfig,
    private readonly deps: RouterDeps,
    private readonly opts: { reloadWaitMs?: number; procRoot?: string } = {},
  ) {}

  describe(): string {
    return `nginx upstream "${this.cfg.upstreamName}" in ${this.cfg.upstreamFile}`;
  }

  async current(): Promise<Routing> {
    const text = await readOptional(this.cfg.upstreamFile);
    if (text === undefined || text.trim() === '') return [];
    try {
      const servers = parseUpstream(text, this.cfg.upstreamName);
      return servers.length ? allTo(servers) : [];
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
    const master = await this.findMaster();
    const next = renderUpstream(this.cfg.upstreamName, group.addresses, group.version);
    const what = `${group.addresses.map(formatAddress).join(', ')}${group.version ? ` for version ${group.version}` : ''}`;
    await writeAtomic(file, next);

    const test = await this.exec(this.cfg.testCommand);
    if (test.exitCode !== 0) {
      await this.restore(previous);
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
      await this.restore(previous);
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
        await this.restore(previous);
        throw new Error(`The nginx master process ${master} exited during the reload. ${file} was restored; start nginx and re-run.`);
      }
      if (Date.now() > deadline) {
        await this.restore(previous);
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

  private async restore(previous: string | undefined): Promise<void> {
    if (previous === undefined) await unlink(this.cfg.upstreamFile).catch(() => undefined);
    else await writeAtomic(this.cfg.upstreamFile, previous);
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
            const ppid = parseStatPpid(await readFile(join(root, n, 'stat'), 'utf8'));
            if (ppid !== undefined) out.push({ pid: Number(n), ppid, title: cmdline });
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

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
