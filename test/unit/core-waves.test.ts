/** src/core/waves.ts: the `waves` input and the host groups it makes over a fleet. */
import { describe, expect, it } from 'vitest';
import { describeWave, parseWaves, planWaves } from '../../src/core/waves.js';

const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);

describe('parseWaves', () => {
  it('reads counts and shares, comma- or line-separated', () => {
    expect(parseWaves('1, 50%, 100%')).toEqual([{ hosts: 1 }, { percent: 50 }, { percent: 100 }]);
    expect(parseWaves('2\n5')).toEqual([{ hosts: 2 }, { hosts: 5 }]);
  });
  it.each([
    ['0', /at least 1 host/],
    ['0%', /from 1% to 100%/],
    ['150%', /from 1% to 100%/],
    ['half', /a number of hosts \(2\) or a share of them \(50%\)/],
    ['50%, 25%', /must rise/],
    ['3, 2', /must rise/],
  ])('refuses %s, saying why', (text, why) => {
    expect(() => parseWaves(text)).toThrow(why);
  });
});

describe('planWaves', () => {
  it('1, 50%, 100% over 4 hosts: 1, then up to 2, then the rest', () => {
    expect(planWaves(parseWaves('1, 50%, 100%'), hosts(4))).toEqual([['h1'], ['h2'], ['h3', 'h4']]);
  });
  it('1, 50%, 100% over 2 hosts: a wave that adds no host is no wave', () => {
    expect(planWaves(parseWaves('1, 50%, 100%'), hosts(2))).toEqual([['h1'], ['h2']]);
  });
  it('1, 50%, 100% over 3 hosts: shares round up', () => {
    expect(planWaves(parseWaves('1, 50%, 100%'), hosts(3))).toEqual([['h1'], ['h2'], ['h3']]);
  });
  it('10%, 50% over 10 hosts: whatever no mark reached is the last wave (100% is always last)', () => {
    expect(planWaves(parseWaves('10%, 50%'), hosts(10))).toEqual([['h1'], ['h2', 'h3', 'h4', 'h5'], ['h6', 'h7', 'h8', 'h9', 'h10']]);
  });
  it('a count beyond the fleet ends at the fleet; every host is in exactly one wave, in the order given', () => {
    for (const n of [2, 3, 5, 8]) {
      const groups = planWaves(parseWaves('1, 3, 25%, 90%'), hosts(n));
      expect(groups.flat()).toEqual(hosts(n));
      expect(groups.every((g) => g.length > 0)).toBe(true);
    }
    expect(planWaves(parseWaves('5'), hosts(3))).toEqual([['h1', 'h2', 'h3']]);
  });
  it('names a wave and its hosts for people', () => {
    expect(describeWave(0, 2, ['ssh://root@10.0.0.5'])).toBe('wave 1/2 (ssh://root@10.0.0.5)');
  });
});
