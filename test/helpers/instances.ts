/** Instances and pools as the platform reports them, for the pure release-model tests. */
import type { Instance, Pool } from '../../src/core/model.js';

let n = 0;

/** A verified, running instance of `version`, with a pool, an address and a start time of its own. */
export function inst(version: string, over: Partial<Instance> = {}): Instance {
  n++;
  return {
    id: `id-${version}-${n}`,
    name: `shop-production-${version}-${n}`,
    app: 'shop',
    environment: 'production',
    version,
    digest: `sha256:${version}`,
    image: `sha256:${version}`,
    revision: 'r',
    deployedAt: `2026-11-22T10:00:${String(n).padStart(2, '0')}Z`,
    runUrl: '',
    pool: `pool-${version}-${n}`,
    target: 'local',
    verified: true,
    running: true,
    restarting: false,
    exitCode: 0,
    restartCount: 0,
    health: undefined,
    address: { host: '127.0.0.1', port: 30000 + n },
    spec: undefined,
    ...over,
  };
}

/** A one-instance pool (as every deploy made before fleets). */
export const one = (i: Instance): Pool => ({ id: i.pool, version: i.version, instances: [i] });
