/** src/core/history.ts wavesOfRun: which hosts a killed release in waves may have flipped (its newest wave record). */
import { describe, expect, it } from 'vitest';
import { recordsToPrune, wavesOfRun } from '../../src/core/history.js';
import type { Keyed, ReleaseRecord, WaveRecord } from '../../src/core/model.js';

const wave = (run: string, index: number, released: string[], at: string): Keyed<WaveRecord> => ({
  key: `${run}-${index}`,
  kind: 'wave',
  app: 'shop',
  environment: 'production',
  at,
  runUrl: '',
  run,
  next: { pool: 'v2-a', version: 'v2' },
  stable: { pool: 'v1-a', version: 'v1' },
  index,
  count: 3,
  hosts: released.slice(-1),
  released,
});

describe('wavesOfRun', () => {
  const records: Keyed<ReleaseRecord>[] = [wave('r1', 0, ['h1'], '2026-01-01T00:00:01Z'), wave('r1', 1, ['h1', 'h2'], '2026-01-01T00:00:02Z'), wave('r0', 2, ['h1', 'h2', 'h3'], '2025-12-31T00:00:00Z')];
  it("is the run's newest wave: every host of the waves it had started", () => {
    expect(wavesOfRun(records, 'r1')?.released).toEqual(['h1', 'h2']);
    expect(wavesOfRun(records, 'r1')?.index).toBe(1);
  });
  it('is undefined for a run that released every host at once', () => {
    expect(wavesOfRun(records, 'r9')).toBeUndefined();
  });
  it('goes with the intents once no release is unfinished', () => {
    expect(recordsToPrune(records, new Set())).toEqual(expect.arrayContaining(['r1-0', 'r1-1', 'r0-2']));
  });
});
