import { describe, expect, it } from 'vitest';
import { activeFreeze, describeEnd, parseFreezeLine, windowAt, type FreezeWindow } from '../../src/config/freeze.js';
import { readConfig } from '../../src/config/read.js';

const at = (iso: string) => Date.parse(iso);
const parse = (...lines: string[]): FreezeWindow[] => lines.map(parseFreezeLine);

describe('freeze windows', () => {
  it('a date range holds from its start up to (not including) its end', () => {
    const [w] = parse('2026-12-24T00:00Z/2026-12-27T00:00Z');
    expect(activeFreeze([w!], at('2026-12-23T23:59:59Z'))).toBeUndefined();
    expect(activeFreeze([w!], at('2026-12-24T00:00Z'))?.endsAt).toBe(at('2026-12-27T00:00Z'));
    expect(activeFreeze([w!], at('2026-12-26T23:59Z'))).toBeDefined();
    expect(activeFreeze([w!], at('2026-12-27T00:00Z'))).toBeUndefined();
  });

  it('a date range with an offset is read in that offset', () => {
    const [w] = parse('2026-12-24T00:00+01:00/2026-12-24T12:00+01:00');
    expect(windowAt(w!, at('2026-12-23T23:30Z'))?.endsAt).toBe(at('2026-12-24T11:00Z'));
  });

  it('a weekly window wraps over the weekend in its own time zone (winter: UTC+1)', () => {
    const [w] = parse('Fri 16:00 - Mon 08:00 Europe/Berlin');
    // Friday 2026-12-04, 15:59 and 16:00 in Berlin (UTC+1).
    expect(activeFreeze([w!], at('2026-12-04T14:59Z'))).toBeUndefined();
    const f = activeFreeze([w!], at('2026-12-04T15:00Z'))!;
    expect(f.endsAt).toBe(at('2026-12-07T07:00Z'));
    expect(describeEnd(f)).toBe('2026-12-07T07:00Z (Mon 08:00 Europe/Berlin)');
    expect(activeFreeze([w!], at('2026-12-06T12:00Z'))?.endsAt).toBe(at('2026-12-07T07:00Z'));
    expect(activeFreeze([w!], at('2026-12-07T06:59Z'))).toBeDefined();
    expect(activeFreeze([w!], at('2026-12-07T07:00Z'))).toBeUndefined();
    expect(activeFreeze([w!], at('2026-12-09T12:00Z'))).toBeUndefined();
  });

  it('summer time: the same window is an hour earlier in UTC', () => {
    const [w] = parse('Fri 16:00 - Mon 08:00 Europe/Berlin');
    expect(activeFreeze([w!], at('2026-07-03T13:59Z'))).toBeUndefined();
    expect(activeFreeze([w!], at('2026-07-03T14:00Z'))?.endsAt).toBe(at('2026-07-06T06:00Z'));
  });

  it('DST edges: a window over the spring-forward and the fall-back weekend ends at the wall-clock time', () => {
    const [w] = parse('Sat 12:00 - Mon 08:00 Europe/Berlin');
    // 2026-03-29 03:00 CEST: clocks go forward. Starts Sat 12:00 CET (11:00Z), ends Mon 08:00 CEST (06:00Z).
    expect(activeFreeze([w!], at('2026-03-28T10:59Z'))).toBeUndefined();
    expect(activeFreeze([w!], at('2026-03-28T11:00Z'))?.endsAt).toBe(at('2026-03-30T06:00Z'));
    // 2026-10-25 03:00 CEST -> 02:00 CET: starts Sat 12:00 CEST (10:00Z), ends Mon 08:00 CET (07:00Z).
    expect(activeFreeze([w!], at('2026-10-24T10:00Z'))?.endsAt).toBe(at('2026-10-26T07:00Z'));
    expect(activeFreeze([w!], at('2026-10-26T06:59Z'))).toBeDefined();
  });

  it('DST edges: a window that ends in the skipped hour ends when the clocks jump; one in the repeated hour at its first pass', () => {
    const [spring] = parse('Sun 01:00 - Sun 02:30 Europe/Berlin');
    // 02:30 does not exist on 2026-03-29: the window ends at 03:00 CEST (01:00Z).
    expect(windowAt(spring!, at('2026-03-29T00:30Z'))?.endsAt).toBe(at('2026-03-29T01:00Z'));
    const [fall] = parse('Sun 01:00 - Sun 02:30 Europe/Berlin');
    // 02:30 happens twice on 2026-10-25 (00:30Z CEST, 01:30Z CET): the first.
    expect(windowAt(fall!, at('2026-10-24T23:30Z'))?.endsAt).toBe(at('2026-10-25T00:30Z'));
  });

  it('a window inside one week day, and windows that join, end when the last ends', () => {
    const ws = parse('Wed 09:00 - Wed 17:00 UTC', '2026-12-09T16:00Z/2026-12-10T10:00Z');
    expect(activeFreeze(ws, at('2026-12-09T08:59Z'))).toBeUndefined();
    const f = activeFreeze(ws, at('2026-12-09T10:00Z'))!;
    expect(f.window.line).toBe('Wed 09:00 - Wed 17:00 UTC');
    expect(f.endsAt).toBe(at('2026-12-10T10:00Z'));
  });

  it.each([
    ['2026-12-24/2026-12-27', /instant with a zone/],
    ['2026-12-27T00:00Z/2026-12-24T00:00Z', /ends before it starts/],
    ['Fri 16:00 - Mon 08:00 Mars/Olympus', /time zone/],
    ['Fry 16:00 - Mon 08:00 UTC', /day of the week/],
    ['Fri 25:00 - Mon 08:00 UTC', /time of day/],
    ['Friday evening', /neither a date range/],
  ])('refuses %s', (line, why) => {
    expect(() => parseFreezeLine(line)).toThrow(why);
  });

  it('the freeze input is read into windows; a bad line names the input and the line', () => {
    const get = (v: Record<string, string>) => (n: string) => v[n] ?? '';
    const hooks = { mask: () => undefined, warn: () => undefined };
    const cfg = readConfig(get({ app: 'a', freeze: '2026-12-24T00:00Z/2026-12-27T00:00Z\nFri 16:00 - Mon 08:00 Europe/Berlin', 'freeze-override': 'hotfix' }), hooks);
    expect(cfg.ops.freeze.map((w) => w.kind)).toEqual(['range', 'weekly']);
    expect(cfg.ops.freezeOverride).toBe('hotfix');
    expect(() => readConfig(get({ app: 'a', freeze: 'Fri 16:00 - Mon 08:00 Nowhere/Land' }), hooks)).toThrow(/freeze.*Nowhere\/Land/s);
  });
});
