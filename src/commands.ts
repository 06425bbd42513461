/** Runs one command (build, deploy, rollback, status) over the typed config. */
import { build, type BuildResult } from './build.js';
import type { Config } from './config.js';
import { readContext, type GitContext } from './context.js';
import { Docker } from './docker/client.js';
import type { Log } from './log.js';
import { table, type Report } from './report.js';

export interface Services {
  docker: Docker;
  log: Log;
}

export async function execute(cfg: Config, report: Report, log: Log): Promise<void> {
  const services: Services = { docker: new Docker(), log };
  switch (cfg.command) {
    case 'build': {
      const ctx = await readContext(cfg.build.context);
      reportBuild(await build(cfg, ctx, services.docker, log), ctx, report);
      return;
    }
    default:
      throw new Error(`command "${cfg.command}" is not implemented yet`);
  }
}

export function reportBuild(b: BuildResult, ctx: GitContext, report: Report): void {
  report.output('version', b.version);
  report.output('image', b.image);
  report.output('digest', b.digest);
  report.output('tags', b.tags.join('\n'));
  report.output('labels', Object.entries(b.labels).map(([k, v]) => `${k}=${v}`).join('\n'));
  const commit = ctx.repository
    ? `[${ctx.sha.slice(0, 7)}](${ctx.serverUrl}/${ctx.repository}/commit/${ctx.sha})`
    : ctx.sha.slice(0, 7);
  report.section(
    `### Built ${b.version}\n\n` +
      table(
        ['', ''],
        [
          ['Commit', commit],
          ['Image', `\`${b.image}\``],
          [b.pushed ? 'Digest' : 'Image id', `\`${b.digest}\``],
          ['Tags', b.tags.map((t) => `\`${t}\``).join('<br>')],
        ],
      ),
  );
}
