/**
 * Flip records on the cluster, where the lock (the Lease) lives: one ConfigMap per record, labelled with
 * app and environment, holding the record as written (JSON, opaque to this store: every kind of release
 * record — flip, served, intent, result — comes back as it was written). Any runner with the kubeconfig reads them.
 */
import type { V1ConfigMap } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { compareText } from '../../core/text.js';
import type { ReleaseRecord, StoredRecord } from '../types.js';
import { KINDS, type Cluster } from './cluster.js';
import { appSelector, dnsName, K } from './manifests.js';

const DATA_KEY = 'record.json';
const WRITTEN = K.writtenAt;

/** Pure: the ConfigMap of one record. */
export function recordManifest(record: ReleaseRecord, namespace: string, now: Date, random: string): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: dnsName([record.app, record.environment, 'flip', String(now.getTime()), random]),
      namespace,
      labels: { [K.app]: record.app, [K.environment]: record.environment, [K.role]: 'flip-record' },
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
      const r = JSON.parse(m.data?.[DATA_KEY] ?? '') as ReleaseRecord;
      if (typeof r !== 'object' || r === null) continue;
      out.push({ r: { ...r, key: m.metadata!.name! }, written: m.metadata?.annotations?.[WRITTEN] ?? '' });
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
    await this.cluster.create(KINDS.configMap, recordManifest(record, this.cluster.namespace, new Date(), randomBytes(3).toString('hex')));
  }

  async list(app: string, environment: string): Promise<StoredRecord[]> {
    return parseRecords(await this.cluster.list<V1ConfigMap>(KINDS.configMap, { labelSelector: `${appSelector(app, environment)},${K.role}=flip-record` }));
  }

  async remove(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.cluster.remove(KINDS.configMap, k).catch(() => undefined)));
  }
}
