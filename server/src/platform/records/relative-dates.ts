export const RELATIVE_RANGES = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'this_year',
  'last_7_days',
  'last_30_days',
  'next_7_days',
  'next_30_days',
] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

export const DEFAULT_TIME_ZONE = 'Europe/Bucharest';

/** A calendar range [from, to) as ISO dates, in the workspace's time zone. */
export interface DateRange {
  from: string;
  to: string;
}

/** Today's calendar date in a time zone (an unknown zone falls back to Europe/Bucharest). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    zone = DEFAULT_TIME_ZONE;
  }
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const parse = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n));
const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1));

/** The [from, to) range of a relative period; weeks start on Monday. */
export function relativeRange(range: RelativeRange, today: string): DateRange {
  const t = parse(today);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const monday = addDays(t, -((t.getUTCDay() + 6) % 7));
  const r = (from: Date, to: Date): DateRange => ({ from: iso(from), to: iso(to) });
  switch (range) {
    case 'today':
      return r(t, addDays(t, 1));
    case 'yesterday':
      return r(addDays(t, -1), t);
    case 'this_week':
      return r(monday, addDays(monday, 7));
    case 'last_week':
      return r(addDays(monday, -7), monday);
    case 'this_month':
      return r(monthStart(y, m), monthStart(y, m + 1));
    case 'last_month':
      return r(monthStart(y, m - 1), monthStart(y, m));
    case 'this_quarter': {
      const q = m - (m % 3);
      return r(monthStart(y, q), monthStart(y, q + 3));
    }
    case 'this_year':
      return r(monthStart(y, 0), monthStart(y + 1, 0));
    case 'last_7_days':
      return r(addDays(t, -6), addDays(t, 1));
    case 'last_30_days':
      return r(addDays(t, -29), addDays(t, 1));
    case 'next_7_days':
      return r(t, addDays(t, 7));
    case 'next_30_days':
      return r(t, addDays(t, 30));
  }
}
