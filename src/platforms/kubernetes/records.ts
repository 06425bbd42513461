/**
 * Flip records on the cluster, where the lock (the Lease) lives: one ConfigMap per record, labelled with
 * app and environment, holding the record as written (JSON, opaque to this store: every kind of release
 * record — flip, served, intent, result — comes back as it was written). Any runner with the kubeconfig reads them.
 */
import type { V1ConfigMap } from '@kubernetes/client-node';
import { randomHex } from '../../support/ids.js';
import { compareText } from '../../core/text.js';
import type { ReleaseRecord, StoredRecord } from '../types.js';
import { KINDS, type Cluster } from './cluster.js';
import { appSelector, dnsName, K } from './manifests.js';
import { keptRecords, packRecords, unitsToRemove, unpackRecords } from '../batch.js';

const DATA_KEY = 'record.json';
const WRITTEN = K.writtenAt;

/** Pure: the ConfigMap of one record, or of several written together (src/platforms/batch.ts). */
export function recordManifest(record: ReleaseRecord | readonly ReleaseRecord[], namespace: string, now: Date, random: string): V1ConfigMap {
  const first = Array.isArray(record) ? (record as readonly ReleaseRecord[])[0]! : (record as ReleaseRecord);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: dnsName([first.app, first.environment, 'flip', String(now.getTime()), random]),
      namespace,
      labels: { [K.app]: first.app, [K.environment]: first.environment, [K.role]: 'flip-record' },
      annotations: { [WRITTEN]: now.toISOString() },
    },
    data: { [DATA_KEY]: JSON.stringify(record) },
  };
}

/** Pure: the records in ConfigMaps, newest first (by the record's own time, else when it was written); others are skipped. */
export function parseRecords(maps: V1ConfigMap[]): StoredRecord[] {
  const out: { r: StoredRecord; written: string }[] = [];
  for (const m of maps) {
    try {
      const written = m.metadata?.annotations?.[WRITTEN] ?? '';
      for (const r of unpackRecords(m.metadata!.name!, JSON.parse(m.data?.[DATA_KEY] ?? ''), (r) => typeof r === 'object' && r !== null)) out.push({ r, written });
    } catch {
      // Not a record this action wrote: ignore it.
    }
  }
  const at = (x: { r: StoredRecord; written: string }) => (typeof x.r.at === 'string' ? x.r.at : x.written);
  return out.sort((a, b) => compareText(at(b), at(a)) || compareText(b.written, a.written) || compareText(b.r.key, a.r.key)).map((x) => x.r);
}

export class KubeRecords {
  constructor(private readonly cluster: Cluster) {}

  async write(record: ReleaseRecord): Promise<void> {
    await this.writeAll([record]);
  }

  /** Several records in one ConfigMap (one call); resolves to them as listed, with their keys. */
  async writeAll(records: ReleaseRecord[]): Promise<StoredRecord[]> {
    if (records.length === 0) return [];
    const manifest = recordManifest(packRecords(records), this.cluster.namespace, new Date(), randomHex(3));
    await this.cluster.create(KINDS.configMap, manifest);
    return unpackRecords(manifest.metadata!.name!, packRecords(records));
  }

  async list(app: string, environment: string): Promise<StoredRecord[]> {
    return parseRecords(await this.cluster.list<V1ConfigMap>(KINDS.configMap, { labelSelector: `${appSelector(app, environment)},${K.role}=flip-record` }));
  }

  async remove(keys: string[]): Promise<void> {
    const { remove, rewrite } = unitsToRemove(keys);
    // A flip leaving the history while its unit's served record stays: that record goes to a unit of its own first.
    for (const { unit, keep } of rewrite) {
      const m = await this.cluster.read<V1ConfigMap>(KINDS.configMap, unit);
      const kept = keptRecords(JSON.parse(m?.data?.[DATA_KEY] ?? 'null'), keep);
      if (kept.length > 0) await this.writeAll(kept);
      remove.push(unit);
    }
    await Promise.all(remove.map((k) => this.cluster.remove(KINDS.configMap, k).catch(() => undefined)));
  }
}
