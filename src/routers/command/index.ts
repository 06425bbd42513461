/**
 * router: command. Runs the workflow author's command with `bash -c` (like a `run:` step).
 * The data (targets, version) goes only into environment variables, never into the command text.
 * With ROUTER_ACTION=read the command prints what is live as its last line: host:port, or several
 * separated by spaces for a pool.
 */
import type { CommandRouterConfig } from '../../config/types.js';
import { lastLines } from '../../support/exec.js';
import type { Address, PreviewRoute, Router, RouterDeps, Routing, Sticky } from '../types.js';
import { allTo, formatSticky, singleGroup } from '../types.js';
import { commandEnv, lastLine, maintenanceEnv, previewEnv, weightsEnv } from './env.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Maintenance } from '../../core/maintenance.js';
import { parseTargetText } from './target-text.js';

const TIMEOUT_MS = 5 * 60_000;

export class CommandRouter implements Router {
  readonly kind = 'command';
  /** Sticky users (stick()): given to every call as STICKY (cookie:<name>, header:<name> or source). */
  private sticky: Sticky | undefined;

  constructor(
    private readonly cfg: CommandRouterConfig,
    private readonly deps: RouterDeps,
  ) {}

  describe(): string {
    const first = this.cfg.command.split('\n')[0] ?? '';
    return `router command \`${first}${this.cfg.command.includes('\n') ? ' …' : ''}\``;
  }

  async current(): Promise<Routing> {
    const res = await this.exec(commandEnv('read'));
    if (res.exitCode !== 0) {
      throw new Error(
        `The router command failed with exit code ${res.exitCode} when asked for the current target (ROUTER_ACTION=read).\n` +
          `${res.output}\nMake the command print the live host:port (several, space-separated, for a pool) as its last line when ROUTER_ACTION=read ` +
          `(print nothing when nothing is live yet) and exit 0.`,
      );
    }
    try {
      const line = lastLine(res.stdout);
      const what = 'The last line the router command printed for ROUTER_ACTION=read';
      const addresses: Address[] = [];
      for (const word of line.split(/\s+/).filter(Boolean)) {
        // A word that is no address: the whole line is named in the error.
        const a = /^\S+:\d+\/?$/.test(word) ? parseTargetText(word, what) : parseTargetText(line, what);
        if (a) addresses.push(a);
      }
      return addresses.length ? allTo(addresses) : [];
    } catch (e) {
      throw new Error(
        `${(e as Error).message}\nWhen ROUTER_ACTION=read, the router command must print the live host:port as its last line (several separated by spaces, for a pool), or nothing.`,
        { cause: e },
      );
    }
  }

  async shift(to: Routing): Promise<void> {
    // Several groups at once (a canary step): ROUTER_ACTION=weights with ROUTES; one group: a flip.
    const split = to.filter((g) => g.weight > 0 && g.addresses.length > 0).length > 1;
    const env = split ? weightsEnv(to) : commandEnv('flip', singleGroup(this.kind, to));
    await this.change(
      env,
      `while pointing traffic at ${split ? env.ROUTES?.replace(/\n/g, '; ') : env.TARGETS} (version ${env.VERSION}, ROUTER_ACTION=${env.ROUTER_ACTION})`,
      `The command must point the balancer at $TARGETS (one address: $TARGET_HOST:$TARGET_PORT), exit 0 only once new requests go there, ` +
        `and leave the previous target in place when it fails.`,
    );
  }

  /** ROUTER_ACTION=maintenance (env.ts maintenanceEnv); the page in a file of its own, removed afterwards. */
  async maintenance(m: Maintenance | undefined): Promise<void> {
    const dir = m ? await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'immutable-deploy-maintenance-')) : undefined;
    try {
      const pageFile = dir ? join(dir, 'page.html') : '';
      if (m) await writeFile(pageFile, m.page);
      const env = maintenanceEnv(m && { pageFile, cidrs: m.allow.cidrs, headers: m.allow.headers, retryAfterSec: m.retryAfterSec });
      await this.change(
        env,
        `when asked to switch maintenance ${m ? 'on' : 'off'} (ROUTER_ACTION=maintenance, MAINTENANCE=${env.MAINTENANCE})`,
        `The command must answer everyone but MAINTENANCE_ALLOW / MAINTENANCE_HEADERS with 503, Retry-After: $RETRY_AFTER and the page in $MAINTENANCE_PAGE_FILE ` +
          `when MAINTENANCE=on, stop when MAINTENANCE=off, and exit 0 only once that holds.`,
      );
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  /** Testers first: ROUTER_ACTION=preview with PREVIEW_HEADER and TARGETS (empty: empty the route). */
  async preview(route: PreviewRoute): Promise<void> {
    const env = previewEnv(route.header, route.addresses, route.version);
    await this.change(
      env,
      `while ${env.TARGETS ? `sending requests with ${route.header} to ${env.TARGETS}` : `emptying the preview route of ${route.header}`} (ROUTER_ACTION=preview)`,
      'With ROUTER_ACTION=preview the command must send requests that carry $PREVIEW_HEADER to $TARGETS ' +
        '(empty: to wherever every other request goes) and exit 0 once new requests go there.',
    );
  }

  /** Sticky users: the command gets STICKY with every call and keeps each client on one version by that value. */
  stick(how: Sticky): Promise<void> {
    this.sticky = how;
    return Promise.resolve();
  }

  /**
   * One change through the command: its output logged; a non-zero exit (or a timeout) fails with what it was
   * doing (`doing`), its last lines and what the command must do (`contract`).
   */
  private async change(env: Record<string, string>, doing: string, contract: string): Promise<void> {
    const res = await this.exec(env);
    if (res.output.trim()) this.deps.log.info(res.output.trim());
    if (res.exitCode !== 0)
      throw new Error(`The router command failed with exit code ${res.exitCode}${res.timedOut ? ' (timed out)' : ''} ${doing}.\n${res.output}\n${contract}`);
  }

  private async exec(env: Record<string, string>) {
    const all = { ...env, STICKY: this.sticky ? formatSticky(this.sticky) : '' };
    const r = await this.deps.run(['bash', '-c', this.cfg.command], { env: all, allowFailure: true, timeoutMs: TIMEOUT_MS });
    const output = lastLines([r.stdout.trim(), r.stderr.trim()].filter(Boolean).join('\n'), 30);
    return { ...r, output };
  }
}
