import { dayNumber, daysInMonth, fromDayNumber, fromWallTime, isoWeekday, toWallTime, type WallTime } from './zoned-time.ts';

/**
 * Recurrence rules: the subset of RFC 5545 RRULE people make in a CRM calendar — FREQ DAILY, WEEKLY,
 * MONTHLY, YEARLY; INTERVAL; BYDAY (with ordinals such as 2MO or -1FR for MONTHLY/YEARLY); BYMONTHDAY
 * (negative from the month's end); BYMONTH (YEARLY); COUNT or UNTIL — with EXDATE exceptions. Written
 * here rather than taken from a library because occurrences must repeat in the event's wall-clock time
 * zone (across daylight saving) and expansion must be bounded by the range asked for; both are small
 * once the rule is this subset. Anything else is refused by name, never silently ignored.
 */

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Most occurrences one series may have in a COUNT, and in one expanded range. */
export const MAX_COUNT = 10_000;
export const MAX_INSTANCES = 10_000;
export const MAX_INTERVAL = 1000;

export interface WeekdayRule {
  /** ISO weekday 1 (Monday) … 7 (Sunday) */
  weekday: number;
  /** 2 = the second in the month/year, -1 = the last; absent = every one */
  ordinal?: number;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  byDay?: WeekdayRule[];
  byMonthDay?: number[];
  byMonth?: number[];
  count?: number;
  /** last possible start (inclusive) */
  until?: Date;
}

/** A rule that cannot be used; `message` says what is wrong, in words a person can act on. */
export class RecurrenceError extends Error {
  // not a parameter property: Node runs the server's TypeScript by stripping types only
  readonly code: 'invalid' | 'tooMany';
  constructor(message: string, code: 'invalid' | 'tooMany' = 'invalid') {
    super(message);
    this.code = code;
  }
}

function parseUntil(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) throw new RecurrenceError(`UNTIL must look like 20261231T235959Z or 20261231, not "${value}"`);
  const [, y, mo, d, h, mi, s] = m;
  // a date alone: the whole day counts (until its last second, UTC)
  const date = h === undefined ? new Date(Date.UTC(+y!, +mo! - 1, +d!, 23, 59, 59)) : new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== +d!) throw new RecurrenceError(`UNTIL is not a real date: "${value}"`);
  return date;
}

const intList = (name: string, value: string, min: number, max: number, allowNegative: boolean): number[] =>
  value.split(',').map((part) => {
    const n = Number(part);
    if (!/^[+-]?\d{1,3}$/.test(part) || n === 0 || Math.abs(n) < min || Math.abs(n) > max || (!allowNegative && n < 0)) {
      throw new RecurrenceError(`${name} has an invalid value "${part}"`);
    }
    return n;
  });

/** Parses an RRULE value ("FREQ=WEEKLY;BYDAY=MO,WE", an "RRULE:" prefix allowed); throws RecurrenceError. */
export function parseRRule(text: string): RecurrenceRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) throw new RecurrenceError('The rule is empty');
  if (body.length > 500) throw new RecurrenceError('The rule is too long');
  const parts = new Map<string, string>();
  for (const piece of body.split(';')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) throw new RecurrenceError(`"${piece}" is not NAME=value`);
    const name = piece.slice(0, eq).toUpperCase();
    if (parts.has(name)) throw new RecurrenceError(`${name} is given twice`);
    parts.set(name, piece.slice(eq + 1).toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (!freq) throw new RecurrenceError('FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (!(FREQUENCIES as readonly string[]).includes(freq)) throw new RecurrenceError(`FREQ=${freq} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY`);
  const rule: RecurrenceRule = { freq: freq as Frequency, interval: 1 };
  for (const [name, value] of parts) {
    switch (name) {
      case 'FREQ':
        break;
      case 'INTERVAL':
        if (!/^\d{1,4}$/.test(value) || +value < 1 || +value > MAX_INTERVAL) throw new RecurrenceError(`INTERVAL must be between 1 and ${MAX_INTERVAL}`);
        rule.interval = +value;
        break;
      case 'COUNT':
        if (!/^\d{1,6}$/.test(value) || +value < 1 || +value > MAX_COUNT) throw new RecurrenceError(`COUNT must be between 1 and ${MAX_COUNT}`);
        rule.count = +value;
        break;
      case 'UNTIL':
        rule.until = parseUntil(value);
        break;
      case 'BYDAY':
        rule.byDay = value.split(',').map((part) => {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part);
          if (!m) throw new RecurrenceError(`BYDAY has an invalid day "${part}"`);
          const weekday = WEEKDAYS.indexOf(m[2] as (typeof WEEKDAYS)[number]) + 1;
          if (m[1] === undefined) return { weekday };
          const ordinal = Number(m[1]);
          if (ordinal === 0 || Math.abs(ordinal) > (freq === 'YEARLY' ? 53 : 5)) throw new RecurrenceError(`BYDAY has an invalid position "${part}"`);
          if (freq !== 'MONTHLY' && freq !== 'YEARLY') throw new RecurrenceError(`A numbered day like "${part}" needs FREQ=MONTHLY or YEARLY`);
          return { weekday, ordinal };
        });
        break;
      case 'BYMONTHDAY':
        if (freq === 'WEEKLY') throw new RecurrenceError('BYMONTHDAY cannot be used with FREQ=WEEKLY');
        rule.byMonthDay = intList('BYMONTHDAY', value, 1, 31, true);
        break;
      case 'BYMONTH':
        if (freq !== 'YEARLY') throw new RecurrenceError('BYMONTH is supported only with FREQ=YEARLY');
        rule.byMonth = intList('BYMONTH', value, 1, 12, false);
        break;
      case 'WKST':
        if (value !== 'MO') throw new RecurrenceError('Only WKST=MO is supported');
        break;
      default:
        throw new RecurrenceError(`${name} is not supported (supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL)`);
    }
  }
  if (rule.count !== undefined && rule.until !== undefined) throw new RecurrenceError('Use COUNT or UNTIL, not both');
  if (rule.freq === 'YEARLY' && rule.byDay && !rule.byMonth) throw new RecurrenceError('FREQ=YEARLY with BYDAY needs BYMONTH');
  return rule;
}

const untilText = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The rule in its canonical RRULE text (what is stored and what the iCalendar feed serves). */
export function formatRRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay?.length) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${WEEKDAYS[d.weekday - 1]}`).join(',')}`);
  if (rule.byMonthDay?.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byMonth?.length) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until) parts.push(`UNTIL=${untilText(rule.until)}`);
  return parts.join(';');
}

/** Day numbers in one month matching BYDAY (with ordinals) and BYMONTHDAY; the default is the start's day. */
function daysInMonthMatching(rule: RecurrenceRule, year: number, month: number, startDay: number): number[] {
  const length = daysInMonth(year, month);
  const first = dayNumber(year, month, 1);
  let days: number[];
  if (rule.byMonthDay?.length) {
    days = rule.byMonthDay.map((d) => (d > 0 ? d : length + d + 1)).filter((d) => d >= 1 && d <= length);
  } else if (rule.byDay?.length) {
    days = Array.from({ length }, (_, i) => i + 1);
  } else {
    days = startDay <= length ? [startDay] : [];
  }
  if (rule.byDay?.length) {
    const byDay = rule.byDay;
    days = days.filter((d) => {
      const weekday = isoWeekday(first + d - 1);
      return byDay.some((b) => {
        if (b.weekday !== weekday) return false;
        if (b.ordinal === undefined) return true;
        const nth = b.ordinal > 0 ? Math.floor((d - 1) / 7) + 1 : -(Math.floor((length - d) / 7) + 1);
        return nth === b.ordinal;
      });
    });
  }
  return [...new Set(days)].sort((a, b) => a - b).map((d) => first + d - 1);
}

/** Candidate days (day numbers, ascending) of the k-th period after the start's period. */
function periodDays(rule: RecurrenceRule, start: WallTime, k: number): number[] {
  const startDn = dayNumber(start.year, start.month, start.day);
  switch (rule.freq) {
    case 'DAILY': {
      const dn = startDn + k * rule.interval;
      const weekday = isoWeekday(dn);
      if (rule.byDay?.length && !rule.byDay.some((b) => b.weekday === weekday)) return [];
      if (rule.byMonthDay?.length) {
        const { year, month, day } = fromDayNumber(dn);
        const length = daysInMonth(year, month);
        if (!rule.byMonthDay.some((d) => (d > 0 ? d : length + d + 1) === day)) return [];
      }
      return [dn];
    }
    case 'WEEKLY': {
      const monday = startDn - (isoWeekday(startDn) - 1) + k * rule.interval * 7;
      const weekdays = rule.byDay?.length ? [...new Set(rule.byDay.map((b) => b.weekday))].sort() : [isoWeekday(startDn)];
      return weekdays.map((w) => monday + w - 1);
    }
    case 'MONTHLY': {
      const index = start.year * 12 + (start.month - 1) + k * rule.interval;
      return daysInMonthMatching(rule, Math.floor(index / 12), (index % 12) + 1, start.day);
    }
    case 'YEARLY': {
      const year = start.year + k * rule.interval;
      const months = rule.byMonth?.length ? [...new Set(rule.byMonth)].sort((a, b) => a - b) : [start.month];
      return months.flatMap((month) => daysInMonthMatching(rule, year, month, start.day));
    }
  }
}

/** How many whole periods lie between the start's period and a later day (to skip ahead). */
function periodsBefore(rule: RecurrenceRule, start: WallTime, day: number): number {
  const startDn = dayNumber(start.year, start.month, start.day);
  const target = fromDayNumber(day);
  let units: number;
  switch (rule.freq) {
    case 'DAILY':
      units = day - startDn;
      break;
    case 'WEEKLY':
      units = Math.floor((day - (startDn - isoWeekday(startDn) + 1)) / 7);
      break;
    case 'MONTHLY':
      units = (target.year - start.year) * 12 + (target.month - start.month);
      break;
    case 'YEARLY':
      units = target.year - start.year;
      break;
  }
  return Math.max(0, Math.floor(units / rule.interval) - 1);
}

export interface ExpandOptions {
  rule: RecurrenceRule;
  /** first occurrence (DTSTART), always an occurrence itself */
  start: Date;
  /** length of each occurrence in milliseconds */
  durationMs: number;
  timeZone: string;
  /** starts of occurrences taken out (EXDATE) */
  exdates?: readonly Date[];
  /** occurrences overlapping [from, to) are returned; omit for all (COUNT/UNTIL rules only) */
  from?: Date;
  to?: Date;
  max?: number;
}

// a rule that can never match (BYMONTHDAY=31 with BYMONTH=2) must not loop: stop past this year
const LAST_YEAR = 2200;

/**
 * The starts of the occurrences of a series that overlap [from, to), ascending, EXDATEs removed.
 * Throws RecurrenceError('tooMany') past `max` (default MAX_INSTANCES) occurrences in the range, and
 * refuses an unbounded expansion (no range end and neither COUNT nor UNTIL).
 */
export function expandRecurrence(options: ExpandOptions): Date[] {
  const { rule, start, durationMs, timeZone } = options;
  const max = options.max ?? MAX_INSTANCES;
  const from = options.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = options.to?.getTime() ?? Number.POSITIVE_INFINITY;
  if (to === Number.POSITIVE_INFINITY && rule.count === undefined && rule.until === undefined) {
    throw new RecurrenceError('A rule without COUNT or UNTIL can only be expanded within a range');
  }
  const excluded = new Set((options.exdates ?? []).map((d) => d.getTime()));
  const wall = toWallTime(start.getTime(), timeZone);
  const startMs = start.getTime();
  const until = rule.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const out: Date[] = [];
  let counted = 0;
  const take = (t: number): boolean => {
    // false = the series is over
    if (t > until || t >= to) return false;
    counted += 1;
    if (rule.count !== undefined && counted > rule.count) return false;
    if (t + Math.max(durationMs, 0) > from || (durationMs === 0 && t >= from)) {
      if (!excluded.has(t)) {
        if (out.length >= max) {
          throw new RecurrenceError(`The rule makes more than ${max} occurrences in this range; choose a shorter range or a less frequent rule`, 'tooMany');
        }
        out.push(new Date(t));
      }
    }
    return true;
  };
  if (!take(startMs)) return out;
  // without COUNT nothing before the range matters, so whole periods before it are skipped
  const skip = rule.count === undefined && from > startMs ? periodsBefore(rule, wall, Math.floor((from - durationMs) / 86_400_000) - 1) : 0;
  for (let k = skip; ; k += 1) {
    const days = periodDays(rule, wall, k);
    for (const dn of days) {
      const { year, month, day } = fromDayNumber(dn);
      if (year > LAST_YEAR) return out;
      const t = fromWallTime({ year, month, day, hour: wall.hour, minute: wall.minute, second: wall.second }, timeZone);
      if (t <= startMs) continue;
      if (!take(t)) return out;
    }
    if (!days.length) {
      // an empty period still moves time on; stop once past the range or the last year
      const probe = periodDays({ ...rule, byDay: undefined, byMonthDay: undefined, byMonth: undefined }, wall, k)[0];
      if (probe !== undefined && (probe * 86_400_000 > to + 86_400_000 || fromDayNumber(probe).year > LAST_YEAR)) return out;
    }
  }
}

/**
 * The first instant at or after `start` that the rule itself selects, or null when it selects none
 * (before UNTIL and year 2200). RFC 5545 leaves a DTSTART its rule does not select undefined and
 * calendar apps disagree on it (ical.js and dateutil leave it out, others keep it), so a series is
 * saved starting here: then the API, the iCalendar feed and every client expand it alike.
 */
export function firstSelectedStart(rule: RecurrenceRule, start: Date, timeZone: string): Date | null {
  const wall = toWallTime(start.getTime(), timeZone);
  const startDn = dayNumber(wall.year, wall.month, wall.day);
  const until = rule.until?.getTime() ?? Number.POSITIVE_INFINITY;
  for (let k = 0; ; k += 1) {
    const days = periodDays(rule, wall, k);
    for (const dn of days) {
      if (dn < startDn) continue;
      if (fromDayNumber(dn).year > LAST_YEAR) return null;
      // the start's own day is the start itself (its wall time may be ambiguous at a DST change)
      const t = dn === startDn ? start.getTime() : fromWallTime({ ...fromDayNumber(dn), hour: wall.hour, minute: wall.minute, second: wall.second }, timeZone);
      return t > until ? null : new Date(t);
    }
    const probe = days[0] ?? periodDays({ ...rule, byDay: undefined, byMonthDay: undefined, byMonth: undefined }, wall, k)[0];
    if (probe !== undefined && fromDayNumber(probe).year > LAST_YEAR) return null;
  }
}

/**
 * The rule for a series moved from `from` to `to` as a whole: a weekly rule's days move with it (a
 * Monday-and-Wednesday series dragged to Tuesday repeats Tuesdays and Thursdays), as calendar apps do.
 */
export function shiftRule(rule: RecurrenceRule, from: Date, to: Date, timeZone: string): RecurrenceRule {
  if (rule.freq !== 'WEEKLY' || !rule.byDay?.length) return rule;
  const a = toWallTime(from.getTime(), timeZone);
  const b = toWallTime(to.getTime(), timeZone);
  const days = dayNumber(b.year, b.month, b.day) - dayNumber(a.year, a.month, a.day);
  if (days % 7 === 0) return rule;
  return { ...rule, byDay: rule.byDay.map((d) => ({ weekday: ((((d.weekday - 1 + days) % 7) + 7) % 7) + 1 })) };
}

/** The end of a series' last occurrence, or null when it repeats for ever (no COUNT, no UNTIL). */
export function seriesEnd(rule: RecurrenceRule, start: Date, durationMs: number, timeZone: string, exdates: readonly Date[] = []): Date | null {
  if (rule.until) return new Date(Math.max(rule.until.getTime(), start.getTime()) + durationMs);
  if (rule.count === undefined) return null;
  const all = expandRecurrence({ rule, start, durationMs, timeZone, exdates, max: MAX_COUNT });
  const last = all.at(-1) ?? start;
  return new Date(last.getTime() + durationMs);
}
