import { describe, expect, it } from 'vitest';
import { randomHex } from '../../src/support/ids.js';

describe('randomHex', () => {
  it('gives two hex digits per byte', () => {
    for (const n of [1, 3, 6, 8]) expect(randomHex(n)).toMatch(new RegExp(`^[0-9a-f]{${2 * n}}$`));
    expect(randomHex(0)).toBe('');
  });

  it('keeps names apart: 10,000 draws of 6 bytes, no two alike, every digit used in every place', () => {
    const draws = Array.from({ length: 10_000 }, () => randomHex(6));
    expect(new Set(draws).size).toBe(draws.length);
    for (let place = 0; place < 12; place++) expect(new Set(draws.map((d) => d[place])).size).toBe(16);
  });
});
