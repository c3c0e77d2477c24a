/**
 * Date-grid logic of the calendar, free of React: which days a view shows (weeks starting on the
 * locale's first day), ranges to ask the server for, where an item sits in a day column, and how
 * overlapping items share the column's width. All dates are the browser's local time.
 */

export type CalendarView = 'day' | 'week' | 'month' | 'year';
export const VIEWS: CalendarView[] = ['day', 'week', 'month', 'year'];

const DAY_MS = 86_400_000;

// regions whose week starts on Sunday or Saturday (CLDR), for runtimes without Intl.Locale week info
const SUNDAY_REGIONS = new Set(['US', 'CA', 'MX', 'BR', 'JP', 'KR', 'CN', 'TW', 'HK', 'IL', 'IN', 'PH', 'ZA', 'AU', 'SA', 'PE', 'CO', 'AR']);
const SATURDAY_REGIONS = new Set(['AE', 'AF', 'BH', 'DJ', 'DZ', 'EG', 'IQ', 'IR', 'JO', 'KW', 'LY', 'OM', 'QA', 'SD', 'SY']);

/** First day of the week for a locale tag: 1 = Monday … 7 = Sunday (ISO numbering). */
export function firstDayOfWeek(localeTag: string): number {
  try {
    const locale = new Intl.Locale(localeTag) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    if (info?.firstDay) return info.firstDay;
    const region = locale.maximize().region ?? '';
    if (SUNDAY_REGIONS.has(region)) return 7;
    if (SATURDAY_REGIONS.has(region)) return 6;
  } catch {
    // an unknown tag: Monday, as across our region
  }
  return 1;
}

/** Local midnight of a date. */
export const startOfDay = (d: Date): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate());
/** Adds calendar days (local time; a daylight-saving day is still one day). */
export const addDays = (d: Date, n: number): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, d.getHours(), d.getMinutes());
export const addMonths = (d: Date, n: number): Date => new Date(d.getFullYear(), d.getMonth() + n, 1);
export const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
/** ISO weekday 1 (Monday) … 7 (Sunday). */
export const isoWeekday = (d: Date): number => ((d.getDay() + 6) % 7) + 1;

/** The first day of the week containing `d`. */
export function startOfWeek(d: Date, firstDay: number): Date {
  const back = (isoWeekday(d) - firstDay + 7) % 7;
  return addDays(startOfDay(d), -back);
}

/** 2026-03-02 (local date). */
export const dayKey = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The local date of a yyyy-mm-dd key (today for anything else). */
export function parseDayKey(key: string | null | undefined): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key ?? '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : startOfDay(new Date());
}

/** The days a view shows, in order; month views are whole weeks (6 rows at most), years 1 January … 31 December. */
export function viewDays(view: CalendarView, anchor: Date, firstDay: number): Date[] {
  const day = startOfDay(anchor);
  switch (view) {
    case 'day':
      return [day];
    case 'week': {
      const start = startOfWeek(day, firstDay);
      return Array.from({ length: 7 }, (_, i) => addDays(start, i));
    }
    case 'month': {
      const first = new Date(day.getFullYear(), day.getMonth(), 1);
      const start = startOfWeek(first, firstDay);
      const last = new Date(day.getFullYear(), day.getMonth() + 1, 0);
      const out: Date[] = [];
      for (let d = start; d <= last || out.length % 7 !== 0; d = addDays(d, 1)) out.push(d);
      return out;
    }
    case 'year': {
      const out: Date[] = [];
      for (let d = new Date(day.getFullYear(), 0, 1); d.getFullYear() === day.getFullYear(); d = addDays(d, 1)) out.push(d);
      return out;
    }
  }
}

/** The range [from, to) to ask the server for a view. */
export function viewRange(view: CalendarView, anchor: Date, firstDay: number): { from: Date; to: Date } {
  const days = viewDays(view, anchor, firstDay);
  return { from: days[0]!, to: addDays(days.at(-1)!, 1) };
}

/** The anchor date one step back or forward. */
export function stepAnchor(view: CalendarView, anchor: Date, direction: -1 | 1): Date {
  switch (view) {
    case 'day':
      return addDays(anchor, direction);
    case 'week':
      return addDays(anchor, 7 * direction);
    case 'month':
      return new Date(anchor.getFullYear(), anchor.getMonth() + direction, Math.min(anchor.getDate(), 28));
    case 'year':
      return new Date(anchor.getFullYear() + direction, anchor.getMonth(), Math.min(anchor.getDate(), 28));
  }
}

/** Weeks of one month for a mini-month grid: rows of 7 cells, null outside the month. */
export function monthMatrix(year: number, month: number, firstDay: number): (Date | null)[][] {
  const first = new Date(year, month, 1);
  const lead = (isoWeekday(first) - firstDay + 7) % 7;
  const length = new Date(year, month + 1, 0).getDate();
  const cells: (Date | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length }, (_, i) => new Date(year, month, i + 1))];
  while (cells.length % 7 !== 0) cells.push(null);
  const rows: (Date | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}

/** Weekday numbers (ISO) in display order, starting with the locale's first day. */
export const weekdayOrder = (firstDay: number): number[] => Array.from({ length: 7 }, (_, i) => ((firstDay - 1 + i) % 7) + 1);

export interface Timed {
  key: string;
  start: Date;
  end: Date;
}

/** Minutes since local midnight of `day` (clamped to the day). */
export function minutesInDay(t: Date, day: Date): number {
  const start = startOfDay(day);
  const next = addDays(start, 1);
  if (t <= start) return 0;
  if (t >= next) return 24 * 60;
  return t.getHours() * 60 + t.getMinutes();
}

/** Items longer than a day go to the all-day strip; the others are drawn in the day's time column. */
export const isAllDay = (item: Timed): boolean => item.end.getTime() - item.start.getTime() >= DAY_MS;

/** Items overlapping a local day. A zero-length item (a deadline) belongs to the day it falls on. */
export function itemsOfDay<T extends Timed>(items: T[], day: Date): T[] {
  const start = startOfDay(day).getTime();
  const end = addDays(startOfDay(day), 1).getTime();
  return items.filter((i) => (i.start.getTime() === i.end.getTime() ? i.start.getTime() >= start && i.start.getTime() < end : i.start.getTime() < end && i.end.getTime() > start));
}

export interface Placement {
  /** minutes from midnight */
  top: number;
  /** minutes, at least `minMinutes` so short items stay clickable */
  height: number;
  column: number;
  columns: number;
}

/**
 * Side-by-side layout of a day's timed items: items that overlap (directly or through others) form
 * a cluster; each takes the first free column of its cluster and the cluster's width is shared
 * equally. Short items count as `minMinutes` long so their labels do not collide.
 */
export function layoutDay(items: Timed[], day: Date, minMinutes = 30): Map<string, Placement> {
  const boxes = items
    .map((i) => {
      const top = minutesInDay(i.start, day);
      const bottom = Math.max(minutesInDay(i.end, day), Math.min(top + minMinutes, 24 * 60));
      return { key: i.key, top, bottom: Math.max(bottom, top + 1) };
    })
    .sort((a, b) => a.top - b.top || b.bottom - a.bottom || (a.key < b.key ? -1 : 1));
  const out = new Map<string, Placement>();
  let cluster: { key: string; top: number; bottom: number; column: number }[] = [];
  let clusterEnd = -1;
  const flush = () => {
    const columns = Math.max(0, ...cluster.map((c) => c.column)) + 1;
    for (const c of cluster) out.set(c.key, { top: c.top, height: c.bottom - c.top, column: c.column, columns });
    cluster = [];
  };
  for (const box of boxes) {
    if (cluster.length && box.top >= clusterEnd) flush();
    const taken = new Set(cluster.filter((c) => c.bottom > box.top).map((c) => c.column));
    let column = 0;
    while (taken.has(column)) column += 1;
    cluster.push({ ...box, column });
    clusterEnd = Math.max(clusterEnd, box.bottom);
    if (cluster.length === 1) clusterEnd = box.bottom;
  }
  if (cluster.length) flush();
  return out;
}

/** Rounds minutes to a step (15 by default), within the day. */
export const snapMinutes = (minutes: number, step = 15): number => Math.min(24 * 60, Math.max(0, Math.round(minutes / step) * step));

/** A local time on a day, `minutes` after its midnight. */
export const atMinutes = (day: Date, minutes: number): Date => new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, minutes);

/** Whether a time on a weekday lies inside working hours ("08:00"–"17:00" on the given ISO weekdays). */
export function isWorkingTime(weekday: number, minutes: number, hours: { workDays: number[]; workStart: string; workEnd: string }): boolean {
  if (!hours.workDays.includes(weekday)) return false;
  const toMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return minutes >= toMinutes(hours.workStart) && minutes < toMinutes(hours.workEnd);
}

/** A stable colour for the n-th person shown. */
export const USER_COLORS = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#e03131', '#5f3dc4', '#66a80f', '#c2255c'];
export const colorFor = (index: number): string => USER_COLORS[((index % USER_COLORS.length) + USER_COLORS.length) % USER_COLORS.length]!;
