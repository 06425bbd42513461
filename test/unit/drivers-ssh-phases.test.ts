import { describe, expect, it } from 'vitest';
import { formatPhases, Phases } from '../../src/drivers/ssh/phases.js';

describe('ssh connection phases (the debug trace of opening a connection)', () => {
  it('gives each phase its own time, in the order the phases ended, and the total', () => {
    const line = formatPhases(100, [
      { phase: 'settings', at: 100.4 },
      { phase: 'kex', at: 142.6 },
      { phase: 'tcp', at: 102.5 },
      { phase: 'auth', at: 152.5 },
    ]);
    expect(line).toBe('start 100 ms, settings +0.4, tcp +2.1, kex +40.1, auth +9.9 = 52.5 ms');
  });

  it('says only when it started and a total of 0 when no phase ended', () => {
    expect(formatPhases(7.6, [])).toBe('start 8 ms = 0.0 ms');
  });

  it('keeps the first time of a phase marked twice (a second channel is not the first one)', () => {
    const times = [10, 12, 15, 30];
    const p = new Phases(times.shift()!, () => times.shift()!);
    p.mark('tcp');
    p.mark('channel');
    p.mark('channel');
    expect(p.marks).toEqual([
      { phase: 'tcp', at: 12 },
      { phase: 'channel', at: 15 },
    ]);
    expect(p.toString()).toBe('start 10 ms, tcp +2.0, channel +3.0 = 5.0 ms');
  });
});
