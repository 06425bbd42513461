/**
 * command: maintenance — switch maintenance mode on or off (issue 21 §3): everyone but the allowed clients gets
 * 503 with Retry-After and the page; the allowed (maintenance-allow: address ranges, headers) reach the live pool.
 * The router does it (src/routers/<name>: HAProxy map, nginx njs routes file, Caddy route, ROUTER_ACTION=maintenance);
 * a router that cannot refuses before anything changes. The switch happens under the deploy lock and is recorded
 * (a `maintenance` record): `status` shows it, a later run knows it; notify-webhook gets `maintenance on|off`.
 * Never frozen: an incident needs it.
 * A plain function over ReleaseDeps, like the other use cases, so any front end (the action, a CLI) calls it.
 */
import { readFile } from 'node:fs/promises';
import { table } from '../github/summary.js';
import { DeployError } from '../support/errors.js';
import { defaultMaintenancePage, describeAllow, MAINTENANCE_RETRY_AFTER_SEC, type Maintenance } from '../core/maintenance.js';
import type { MaintenanceRecord } from '../core/model.js';
import { flips, maintenanceState } from '../core/history.js';
import { events } from './events.js';
import { checkMaintenance } from './capability.js';
import { recordHead, runLink, withLock, withRecordedSpec, type ReleaseDeps } from './steps.js';

/** What was switched, for the caller (the summary has it too). */
export interface MaintenanceOutcome {
  on: boolean;
  /** The state before, as recorded (undefined: never switched). */
  before: boolean | undefined;
  record: MaintenanceRecord;
}

export async function maintenance(given: ReleaseDeps): Promise<MaintenanceOutcome> {
  // The router of the app's newest record when this workflow names none (a `maintenance: off` given only app and environment).
  const { d, seen } = await withRecordedSpec(given);
  const { cfg, log } = d;
  const mode = cfg.maintenance.mode;
  if (!mode) throw new DeployError('command: maintenance needs "maintenance": on or off. Nothing was changed.');
  const on = mode === 'on';
  // A router that cannot, or a balancer without what it needs (HAProxy: the map and the line): before anything changes.
  checkMaintenance(cfg, d.router);
  await d.router!.checkMaintenance?.();
  const page = on ? await readPage(cfg.maintenance.pageFile, cfg.app) : undefined;
  const m: Maintenance | undefined = page && { page: page.html, allow: cfg.maintenance.allow, retryAfterSec: MAINTENANCE_RETRY_AFTER_SEC };
  const before = maintenanceState(seen.records)?.on;

  const record: MaintenanceRecord = {
    kind: 'maintenance',
    ...recordHead(d),
    on,
    allow: on ? { cidrs: cfg.maintenance.allow.cidrs, headers: cfg.maintenance.allow.headers } : { cidrs: [], headers: [] },
    page: page && { source: page.source, sha256: page.sha256 },
  };
  await withLock(d, async () => {
    const router = d.router!;
    await log.group(`Maintenance ${mode}: ${router.describe()}`, () => router.maintenance!(m));
    const old = (await d.platform.listRecords(cfg.app, cfg.environment)).filter((r) => r.kind === 'maintenance');
    record.at = new Date().toISOString();
    await d.platform.writeRecord(record);
    await d.platform.removeRecords(old.map((r) => r.key));
  });
  const who = describeAllow(cfg.maintenance.allow);
  log.info(
    on
      ? `Maintenance is on for ${cfg.app} in ${cfg.environment}: everyone gets 503 (Retry-After: ${MAINTENANCE_RETRY_AFTER_SEC}) and ${page!.source === 'default' ? 'the default page' : page!.source}; ${who} reach${who === 'nobody' ? 'es' : ''} the live version.`
      : `Maintenance is off for ${cfg.app} in ${cfg.environment}: everyone reaches the live version again.`,
  );
  d.report.output('maintenance', mode);
  // notify-webhook and the hooks: maintenance on/off, with the version that serves the allowed.
  const live = flips(seen.records)[0]?.live.version;
  await events(d).emit(on ? 'maintenance on' : 'maintenance off', {
    version: live,
    previousVersion: undefined,
    reason: cfg.ops.reason ?? '',
    detail: on ? `503 for everyone but ${who}` : 'everyone reaches the live version again',
  });
  d.report.section(
    `### Maintenance ${mode}: ${cfg.app} in ${cfg.environment}\n\n` +
      table(
        ['', ''],
        [
          ['Balancer', d.router!.describe()],
          ['Was', before === undefined ? 'never switched' : before ? 'on' : 'off'],
          ...(on
            ? [
                ['Answer', `503, Retry-After: ${MAINTENANCE_RETRY_AFTER_SEC}`],
                ['Page', page!.source === 'default' ? 'the default page' : `\`${page!.source}\` (sha256 ${page!.sha256.slice(0, 12)})`],
                ['Let through to the live version', who],
              ]
            : []),
          ['Switched by', runLink(record.runUrl) || 'this run'],
        ],
      ),
  );
  return { on, before, record };
}

/** The page: maintenance-page (a file on the runner, relative to the working directory), else the default. */
async function readPage(file: string | undefined, app: string): Promise<{ html: string; source: string; sha256: string }> {
  let html: string;
  if (file === undefined) html = defaultMaintenancePage(app);
  else {
    try {
      html = await readFile(file, 'utf8');
    } catch (e) {
      throw new DeployError(
        `Could not read maintenance-page ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was changed.`,
        'Give the path of an HTML file in the checkout (relative to the working directory), or leave maintenance-page out for a plain page.',
      );
    }
    if (html.trim() === '') throw new DeployError(`maintenance-page ${file} is empty. Nothing was changed.`, 'Give an HTML page, or leave the input out for a plain page.');
  }
  // node:crypto only when a maintenance page is read: a deploy or rollback loads none of it (src/support/ids.ts).
  const sha256 = process.getBuiltinModule('node:crypto').createHash('sha256').update(html).digest('hex');
  return { html, source: file ?? 'default', sha256 };
}
