/**
 * Deploy freezes (the `freeze` input): windows in which a deploy or a recycle is refused before anything is
 * built. Pure: parsing and "is this instant inside a window, and when does it end" take the clock as an
 * argument; time zones come from the runtime's Intl (IANA names), so a weekly window follows daylight saving.
 *
 *   2026-12-24T00:00Z/2026-12-27T00:00Z        a date range (ISO 8601 instants with a zone: Z or +hh:mm), end excluded
 *   Fri 16:00 - Mon 08:00 Europe/Berlin        a weekly window in a time zone's wall-clock time, end excluded
 */

export type FreezeWindow =
  | { kind: 'range'; line: string; from: number; to: number }
  | { kind: 'weekly'; line: string; start: number; end: number; zone: string };

/** A window that holds at an instant: which one (as written), and when it ends (ms since the epoch). */
export interface ActiveFreeze {
  window: FreezeWindow;
  endsAt: number;
}

export const FREEZE_ACCEPTS =
  'windows, one per line: a date range such as 2026-12-24T00:00Z/2026-12-27T00:00Z (instants with a zone), ' +
  'or a weekly window with a time zone such as Fri 16:00 - Mon 08:00 Europe/Berlin';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEK_MIN = 7 * 24 * 60;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const WEEKLY_RE = /^([A-Za-z]{3,9})\s+(\d{1,2}):(\d{2})\s*-\s*([A-Za-z]{3,9})\s+(\d{1,2}):(\d{2})\s+(\S+)$/;

/** One line of `freeze` -> a window; throws an Error saying what is wrong with it. */
export function parseFreezeLine(line: string): FreezeWindow {
  const l = line.trim();
  if (l.includes('/') && !WEEKLY_RE.test(l)) {
    const [a, b, ...rest] = l.split('/').map((s) => s.trim());
    if (rest.length || !a || !b) throw new Error('a date range is two instants separated by one "/"');
    for (const x of [a, b]) if (!INSTANT_RE.test(x)) throw new Error(`"${x}" is not an instant with a zone such as 2026-12-24T00:00Z or 2026-12-24T00:00+01:00`);
    const from = Date.parse(a);
    const to = Date.parse(b);
    if (Number.isNaN(from) || Number.isNaN(to)) throw new Error('not a valid date');
    if (to <= from) throw new Error('the range ends before it starts');
    return { kind: 'range', line: l, from, to };
  }
  const m = WEEKLY_RE.exec(l);
  if (!m) throw new Error('neither a date range (FROM/TO) nor a weekly window (Fri 16:00 - Mon 08:00 Europe/Berlin)');
  const day = (s: string) => {
    const i = DAYS.indexOf(s.slice(0, 3).toLowerCase() as (typeof DAYS)[number]);
    if (i < 0) throw new Error(`"${s}" is not a day of the week (Mon ... Sun)`);
    return i;
  };
  const minute = (h: string, mm: string) => {
    const hh = Number(h);
    const mi = Number(mm);
    if (hh > 24 || mi > 59 || (hh === 24 && mi > 0)) throw new Error(`${h}:${mm} is not a time of day`);
    return hh * 60 + mi;
  };
  const zone = m[7]!;
  if (!validZone(zone)) throw new Error(`"${zone}" is not a time zone the runtime knows (an IANA name such as Europe/Berlin, or UTC)`);
  const start = day(m[1]!) * 1440 + minute(m[2]!, m[3]!);
  const end = day(m[4]!) * 1440 + minute(m[5]!, m[6]!);
  if (start % WEEK_MIN === end % WEEK_MIN) throw new Error('the window starts and ends at the same time');
  return { kind: 'weekly', line: l, start: start % WEEK_MIN, end: end % WEEK_MIN, zone };
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time in `zone` at instant `t`, as the ms of the same fields in UTC, and its weekday (0 = Mon). */
function wallClock(t: number, zone: string): { asUtc: number; weekday: number } {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { asUtc, weekday: DAYS.indexOf(parts.weekday!.toLowerCase() as (typeof DAYS)[number]) };
}

/**
 * The first instant whose wall-clock time in `zone` is at or after `local` (wall-clock fields as UTC ms).
 * A wall-clock time that does not exist (the hour skipped when the clocks go forward) maps to the instant
 * the clocks jump; one that exists twice (the hour repeated when they go back) to its first occurrence.
 */
export function instantOf(local: number, zone: string): number {
  const offset = (t: number) => wallClock(t, zone).asUtc - t;
  // The candidates: the wall-clock time read with the offsets in force a day either side.
  const candidates = [local - offset(local - 86_400_000), local - offset(local + 86_400_000)]
    .filter((t) => wallClock(t, zone).asUtc === local)
    .sort((a, b) => a - b);
  if (candidates.length) return candidates[0]!;
  // Skipped: from the instant read with the later (larger) offset, which is before the jump, minute by minute to it.
  let t = local - offset(local + 86_400_000);
  while (wallClock(t, zone).asUtc < local) t += 60_000;
  return t;
}

/** The window `w` holds at instant `now` (ms), and when it ends; undefined when it does not hold. */
export function windowAt(w: FreezeWindow, now: number): ActiveFreeze | undefined {
  if (w.kind === 'range') return now >= w.from && now < w.to ? { window: w, endsAt: w.to } : undefined;
  const { asUtc, weekday } = wallClock(now, w.zone);
  const sinceMidnight = Math.floor((asUtc % 86_400_000) / 60_000);
  const minuteOfWeek = weekday * 1440 + sinceMidnight;
  const inside = w.start < w.end ? minuteOfWeek >= w.start && minuteOfWeek < w.end : minuteOfWeek >= w.start || minuteOfWeek < w.end;
  if (!inside) return undefined;
  const ahead = (w.end - minuteOfWeek + WEEK_MIN) % WEEK_MIN;
  // The end's wall-clock time: today's midnight (wall clock) plus the minutes to it, then the instant it is.
  const midnight = asUtc - (asUtc % 86_400_000);
  const endLocal = midnight + (sinceMidnight + ahead) * 60_000;
  return { window: w, endsAt: instantOf(endLocal, w.zone) };
}

/**
 * The window that holds at `now` and ends last, counting windows that join (one ends inside another): the
 * freeze lasts until the last of them ends. undefined when none holds.
 */
export function activeFreeze(windows: readonly FreezeWindow[], now: number): ActiveFreeze | undefined {
  let found: ActiveFreeze | undefined;
  for (let at = now, guard = 0; guard < 50; guard++) {
    const hit = windows.map((w) => windowAt(w, at)).filter((x): x is ActiveFreeze => !!x).sort((a, b) => b.endsAt - a.endsAt)[0];
    if (!hit) break;
    if (!found) found = hit;
    else if (hit.endsAt <= found.endsAt) break;
    else found = { window: found.window, endsAt: hit.endsAt };
    at = found.endsAt;
  }
  return found;
}

/** When a freeze ends, for people: the UTC instant, and the wall-clock time in a weekly window's zone. */
export function describeEnd(f: ActiveFreeze): string {
  const utc = new Date(f.endsAt).toISOString().replace(/:00\.000Z$/, 'Z');
  if (f.window.kind !== 'weekly') return utc;
  const { asUtc, weekday } = wallClock(f.endsAt, f.window.zone);
  const hhmm = new Date(asUtc).toISOString().slice(11, 16);
  const day = DAYS[weekday]!;
  return `${utc} (${day[0]!.toUpperCase()}${day.slice(1)} ${hhmm} ${f.window.zone})`;
}
