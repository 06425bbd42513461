/** src/platforms/docker/records.ts: the Docker store keeps whatever record JSON it is given, of any kind. */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/drivers/docker/engine.js';
import type { ReleaseRecord } from '../../src/core/model.js';
import { DockerRecords, recordLabels, recordName } from '../../src/platforms/docker/records.js';

/** An engine that keeps volumes in memory (only what the record store calls). */
function memoryEngine(): Engine & { volumes: Map<string, Record<string, string>> } {
  const volumes = new Map<string, Record<string, string>>();
  const e = {
    volumes,
    createVolume: (name: string, labels: Record<string, string>) => (volumes.set(name, labels), Promise.resolve({ Name: name, Labels: labels })),
    listVolumes: (filters: { label?: string[] }) =>
      Promise.resolve(
        [...volumes]
          .filter(([, l]) => (filters.label ?? []).every((f) => l[f.slice(0, f.indexOf('='))] === f.slice(f.indexOf('=') + 1)))
          .map(([Name, Labels]) => ({ Name, Labels })),
      ),
    removeVolume: (name: string) => (volumes.delete(name), Promise.resolve()),
  };
  return e as unknown as Engine & { volumes: Map<string, Record<string, string>> };
}

const base = { app: 'shop', environment: 'production', runUrl: '' };
const records: ReleaseRecord[] = [
  { ...base, at: '2026-12-06T10:00:01.000Z', live: { pool: 'p1', version: 'v1', digest: 'sha256:1' }, replaced: undefined, spec: undefined },
  { ...base, kind: 'served', at: '2026-12-06T10:00:02.000Z', pool: 'p1', version: 'v1', digest: 'sha256:1', back: undefined, spec: undefined },
  {
    ...base,
    kind: 'intent',
    at: '2026-12-06T10:00:03.000Z',
    id: 'i1',
    run: 'r1',
    step: 'step',
    name: 'step 1/2',
    stable: { pool: 'p1', version: 'v1' },
    next: { pool: 'p2', version: 'v2' },
    routing: [{ pool: 'p1', version: 'v1', weight: 80 }, { pool: 'p2', version: 'v2', weight: 20 }],
    final: false,
    spec: undefined,
  },
  { ...base, kind: 'result', at: '2026-12-06T10:00:04.000Z', intent: 'i1', outcome: 'applied', detail: '80% / 20%' },
];

describe('DockerRecords', () => {
  it('writes each record as the JSON it is, lists them back newest first with their keys, removes by key', async () => {
    const engine = memoryEngine();
    const store = new DockerRecords(engine);
    for (const r of records) await store.write(r);
    const listed = await store.list('shop', 'production');
    expect(listed.map(({ key: _key, ...r }) => r)).toEqual([...records].reverse());
    expect(listed.map((r) => r.key)).toEqual([...engine.volumes.keys()].reverse());
    expect(await store.list('shop', 'staging')).toEqual([]);
    await store.remove([listed[0]!.key]);
    expect((await store.list('shop', 'production')).map((r) => r.kind)).toEqual(['intent', 'served', undefined]);
  });

  it('names a volume by app, environment, kind and time; ignores a volume with the labels that holds no record', async () => {
    expect(recordName(records[2]!, 'abc123')).toBe(`shop-production-intent-${Date.parse(records[2]!.at)}-abc123`);
    expect(recordName(records[0]!, 'abc123')).toMatch(/^shop-production-flip-/);
    const engine = memoryEngine();
    engine.volumes.set('stray', { ...recordLabels(records[0]!), 'dev.immutable-deploy.flip': 'not json' });
    engine.volumes.set('stray2', { ...recordLabels(records[0]!), 'dev.immutable-deploy.flip': '42' });
    expect(await new DockerRecords(engine).list('shop', 'production')).toEqual([]);
  });
});
