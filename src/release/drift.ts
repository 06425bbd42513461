/** Drift of the live and warm instances, for command: status: per-instance verdicts, a summary table, a failure naming the snowflakes. */
import { DeployError } from '../support/errors.js';
import { table, type Report } from '../github/summary.js';
import type { Instance } from '../core/model.js';
import type { Platform } from '../platforms/types.js';
import { assessDrift, describeDrift, type InstanceDrift } from '../drift/assess.js';

/** Per instance id: its drift verdict. A platform that cannot tell (no driftFacts) gives none. */
export async function checkDrift(instances: Instance[], writablePaths: string[], platform: Platform): Promise<Map<string, InstanceDrift>> {
  const out = new Map<string, InstanceDrift>();
  if (!platform.driftFacts) return out;
  for (const i of instances) {
    const facts = await platform.driftFacts(i);
    if (!facts) continue; // removed meanwhile: nothing runs that could drift
    out.set(i.id, assessDrift(i.name, facts, { image: i.image, digest: i.digest, writablePaths }));
  }
  return out;
}

/** The summary section, and the error when any instance drifted (the report is written either way). */
export function reportDrift(drift: InstanceDrift[], writablePaths: string[], report: Report): DeployError | undefined {
  if (drift.length === 0) return undefined;
  const drifted = drift.filter((d) => d.drifted);
  report.section(
    `### Drift: ${drifted.length ? `${drifted.length} of ${drift.length} instance(s) DRIFTED` : `none in ${drift.length} instance(s)`}\n\n` +
      table(
        ['instance', 'image', 'filesystem', 'exec sessions', 'restarts'],
        drift.map((d) => [
          d.instance,
          d.image ? `CHANGED: ${d.image}` : 'as deployed',
          d.changed.length ? `CHANGED: ${d.changed.map((c) => `\`${c}\``).join(', ')}` : 'unchanged',
          d.execSessions.length ? `OPEN: ${d.execSessions.map((e) => `\`${e}\``).join(', ')}` : 'none',
          d.restarts ? `RESTARTED ${d.restarts}x` : 'none',
        ]),
      ) +
      (writablePaths.length ? `\n\nWritable paths (not counted): ${writablePaths.map((p) => `\`${p}\``).join(', ')}` : ''),
  );
  if (drifted.length === 0) return undefined;
  return new DeployError(
    `${drifted.length} instance(s) drifted from what was deployed (snowflakes):\n${drifted.map(describeDrift).join('\n')}`,
    'Replace them with fresh instances of the same digest (command: recycle), and find out who changed them. ' +
      'Paths the app writes by design go in "writable-paths" (or use read-only: true with tmpfs).',
  );
}
