/**
 * Release state records on a Docker engine: labelled volumes (created atomically, listed by label, cheap,
 * and no image needed, so they never keep an image from being pruned). One volume per record; a label
 * carries the record as the JSON it was given (whatever its kind: src/core/model.ts ReleaseRecord). They
 * live on the engine of the lock (the fleet's first target): any runner reads them.
 */
import { randomHex } from '../../support/ids.js';
import { labelFilters } from './bodies.js';
import type { Engine } from '../../drivers/docker/engine.js';
import { dockerLabel } from '../../core/labels.js';
import type { ReleaseRecord, StoredRecord } from '../types.js';
import { compareText } from '../../core/text.js';
import { keptRecords, packRecords, unitsToRemove, unpackRecords } from '../batch.js';

const L = {
  role: dockerLabel('role'),
  app: dockerLabel('app'),
  environment: dockerLabel('environment'),
  flip: dockerLabel('flip'),
} as const;

/** Pure: the labels of a record's volume (the role and label names are those of the first, flip-only records). */
export function recordLabels(r: ReleaseRecord): Record<string, string> {
  return { [L.role]: 'flip', [L.app]: r.app, [L.environment]: r.environment, [L.flip]: JSON.stringify(r) };
}

/** Pure: a unique volume name for a record. */
export function recordName(r: ReleaseRecord, random: string): string {
  return `${r.app}-${r.environment}-${r.kind ?? 'flip'}-${Date.parse(r.at)}-${random}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

export class DockerRecords {
  constructor(private readonly engine: Engine) {}

  async write(record: ReleaseRecord): Promise<void> {
    await this.writeAll([record]);
  }

  /** Several records in one volume (one call); resolves to them as listed, with their keys. */
  async writeAll(records: ReleaseRecord[]): Promise<StoredRecord[]> {
    if (records.length === 0) return [];
    // Named after its flip record when it has one (what a person looks for), else its first.
    const first = records.find((r) => r.kind === undefined || r.kind === 'flip') ?? records[0]!;
    const name = recordName(first, randomHex(3));
    await this.engine.createVolume(name, { ...recordLabels(first), [L.flip]: JSON.stringify(packRecords(records)) });
    return unpackRecords(name, records.length === 1 ? records[0] : records);
  }

  /** Newest first. */
  async list(app: string, environment: string): Promise<StoredRecord[]> {
    const volumes = await this.engine.listVolumes(labelFilters({ [L.role]: 'flip', [L.app]: app, [L.environment]: environment }));
    const out: StoredRecord[] = [];
    for (const v of volumes) {
      try {
        out.push(...unpackRecords(v.Name, JSON.parse(v.Labels?.[L.flip] ?? '')));
      } catch {
        // Not a record this action wrote: ignore it.
      }
    }
    return out.sort((a, b) => compareText(b.at, a.at) || compareText(b.key, a.key));
  }

  async remove(keys: string[]): Promise<void> {
    const { remove, rewrite } = unitsToRemove(keys);
    // A flip leaving the history while its unit's served record stays: that record goes to a unit of its own first.
    for (const { unit, keep } of rewrite) {
      const v = await this.engine.inspectVolume(unit);
      const kept = keptRecords(JSON.parse(v?.Labels?.[L.flip] ?? 'null'), keep);
      if (kept.length > 0) await this.writeAll(kept);
      remove.push(unit);
    }
    await Promise.all(remove.map((k) => this.engine.removeVolume(k).catch(() => undefined)));
  }
}
