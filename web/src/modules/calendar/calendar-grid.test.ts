import { describe, expect, it } from 'vitest';
import {
  dayKey,
  firstDayOfWeek,
  isWorkingTime,
  itemsOfDay,
  layoutDay,
  monthMatrix,
  snapMinutes,
  stepAnchor,
  viewDays,
  viewRange,
  weekdayOrder,
} from './calendar-grid.ts';

const at = (day: string, time: string) => new Date(`${day}T${time}:00`);
const keys = (days: Date[]) => days.map(dayKey);

describe('week start per locale', () => {
  it('starts weeks on Monday in our languages and on Sunday in the United States', () => {
    for (const tag of ['en-GB', 'ro-RO', 'pl-PL', 'hu-HU', 'uk-UA']) expect(firstDayOfWeek(tag), tag).toBe(1);
    expect(firstDayOfWeek('en-US')).toBe(7);
    expect(firstDayOfWeek('not a locale')).toBe(1);
    expect(weekdayOrder(7)).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });

  it('lays out the week and month around a day by the first weekday', () => {
    // Wednesday 2 December 2026
    const anchor = new Date(2026, 11, 2);
    expect(keys(viewDays('week', anchor, 1))).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(keys(viewDays('week', anchor, 7))[0]).toBe('2026-11-29');
    const month = viewDays('month', anchor, 1);
    expect(month.length % 7).toBe(0);
    expect(dayKey(month[0]!)).toBe('2026-11-30');
    expect(dayKey(month.at(-1)!)).toBe('2027-01-03');
    expect(viewDays('year', anchor, 1)).toHaveLength(365);
    const range = viewRange('week', anchor, 1);
    expect([dayKey(range.from), dayKey(range.to)]).toEqual(['2026-11-30', '2026-12-07']);
    // February 2026 starts on a Sunday: a leading blank week row with Monday start
    const feb = monthMatrix(2026, 1, 1);
    expect(feb[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(dayKey(feb[0]![6]!)).toBe('2026-02-01');
    expect(monthMatrix(2026, 1, 7)[0]![0]!.getDate()).toBe(1);
    expect(dayKey(stepAnchor('month', new Date(2026, 0, 31), 1))).toBe('2026-02-28');
  });
});

describe('day layout', () => {
  const day = new Date(2026, 5, 1);

  it('gives overlapping items equal columns and lets later ones reuse a freed column', () => {
    const items = [
      { key: 'a', start: at('2026-06-01', '09:00'), end: at('2026-06-01', '10:00') },
      { key: 'b', start: at('2026-06-01', '09:30'), end: at('2026-06-01', '11:00') },
      { key: 'c', start: at('2026-06-01', '10:00'), end: at('2026-06-01', '10:30') },
      { key: 'd', start: at('2026-06-01', '12:00'), end: at('2026-06-01', '13:00') },
    ];
    const layout = layoutDay(items, day);
    expect(layout.get('a')).toEqual({ top: 540, height: 60, column: 0, columns: 2 });
    expect(layout.get('b')).toMatchObject({ column: 1, columns: 2 });
    // c starts when a ends: a's column is free again
    expect(layout.get('c')).toMatchObject({ column: 0, columns: 2 });
    expect(layout.get('d')).toEqual({ top: 720, height: 60, column: 0, columns: 1 });
  });

  it('gives a deadline a minimum height, and clips items reaching over midnight', () => {
    const items = [
      { key: 'task', start: at('2026-06-01', '15:00'), end: at('2026-06-01', '15:00') },
      { key: 'meeting', start: at('2026-06-01', '15:15'), end: at('2026-06-01', '16:00') },
      { key: 'night', start: at('2026-05-31', '22:00'), end: at('2026-06-01', '02:00') },
    ];
    const layout = layoutDay(items, day);
    expect(layout.get('task')).toMatchObject({ top: 900, height: 30, columns: 2 });
    expect(layout.get('meeting')).toMatchObject({ column: 1 });
    expect(layout.get('night')).toEqual({ top: 0, height: 120, column: 0, columns: 1 });
    expect(itemsOfDay(items, day).map((i) => i.key)).toEqual(['task', 'meeting', 'night']);
    expect(itemsOfDay(items, new Date(2026, 4, 31)).map((i) => i.key)).toEqual(['night']);
  });

  it('snaps to quarter hours and knows working hours', () => {
    expect(snapMinutes(547)).toBe(540);
    expect(snapMinutes(553)).toBe(555);
    expect(snapMinutes(-20)).toBe(0);
    const hours = { workDays: [1, 2, 3, 4, 5], workStart: '08:00', workEnd: '17:00' };
    expect(isWorkingTime(1, 8 * 60, hours)).toBe(true);
    expect(isWorkingTime(1, 17 * 60, hours)).toBe(false);
    expect(isWorkingTime(6, 10 * 60, hours)).toBe(false);
  });
});
