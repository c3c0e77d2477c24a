import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { serialize, vtimezone, zonedStamp } from './icalendar.ts';
import { expandRecurrence, firstSelectedStart, formatRRule, parseRRule, RecurrenceError, seriesEnd, shiftRule } from './rrule.ts';
import { fromWallTime, toWallTime } from './zoned-time.ts';

const BUC = 'Europe/Bucharest';
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const hour = 3_600_000;
const expand = (rule: string, start: string, from: string, to: string, extra: Partial<Parameters<typeof expandRecurrence>[0]> = {}) =>
  expandRecurrence({ rule: parseRRule(rule), start: new Date(start), durationMs: hour, timeZone: BUC, from: new Date(from), to: new Date(to), ...extra });

describe('zoned time', () => {
  it('converts wall-clock time both ways, across daylight saving and its gap', () => {
    expect(new Date(fromWallTime({ year: 2026, month: 1, day: 5, hour: 9, minute: 0, second: 0 }, BUC)).toISOString()).toBe('2026-01-05T07:00:00.000Z');
    expect(new Date(fromWallTime({ year: 2026, month: 7, day: 5, hour: 9, minute: 0, second: 0 }, BUC)).toISOString()).toBe('2026-07-05T06:00:00.000Z');
    // 03:30 does not exist on 29 March 2026 in Bucharest: it becomes 04:30 summer time
    expect(new Date(fromWallTime({ year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 0 }, BUC)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 03:30 happens twice on 25 October 2026: the first one
    expect(new Date(fromWallTime({ year: 2026, month: 10, day: 25, hour: 3, minute: 30, second: 0 }, BUC)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(toWallTime(Date.parse('2026-07-05T06:00:00Z'), BUC)).toMatchObject({ day: 5, hour: 9 });
  });
});

describe('recurrence rules', () => {
  it('parses and writes back the supported subset, refusing the rest by name', () => {
    expect(formatRRule(parseRRule('RRULE:freq=weekly;byday=MO,WE;interval=2;until=20261231T220000Z'))).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T220000Z',
    );
    expect(formatRRule(parseRRule('FREQ=MONTHLY;BYDAY=-1FR;COUNT=12'))).toBe('FREQ=MONTHLY;BYDAY=-1FR;COUNT=12');
    const refused: [string, RegExp][] = [
      ['', /empty/],
      ['INTERVAL=2', /FREQ is required/],
      ['FREQ=HOURLY', /HOURLY is not supported/],
      ['FREQ=DAILY;BYHOUR=9', /BYHOUR is not supported/],
      ['FREQ=DAILY;COUNT=3;UNTIL=20261231', /not both/],
      ['FREQ=DAILY;COUNT=20000', /COUNT must be between/],
      ['FREQ=DAILY;INTERVAL=0', /INTERVAL/],
      ['FREQ=WEEKLY;BYDAY=XX', /invalid day/],
      ['FREQ=WEEKLY;BYDAY=2MO', /needs FREQ=MONTHLY/],
      ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
      ['FREQ=DAILY;UNTIL=20260231', /not a real date/],
      ['FREQ=DAILY;FREQ=WEEKLY', /twice/],
      ['FREQ', /NAME=value/],
    ];
    for (const [text, message] of refused) expect(() => parseRRule(text), text).toThrow(message);
  });

  it('repeats weekly on chosen days in wall-clock time across the change to summer time', () => {
    const starts = expand('FREQ=WEEKLY;BYDAY=MO,TH', '2026-03-23T07:00:00Z', '2026-03-23T00:00:00Z', '2026-04-03T00:00:00Z');
    // 09:00 in Bucharest: UTC+2 before 29 March, UTC+3 after
    expect(iso(starts)).toEqual(['2026-03-23T07:00:00.000Z', '2026-03-26T07:00:00.000Z', '2026-03-30T06:00:00.000Z', '2026-04-02T06:00:00.000Z']);
  });

  it('counts COUNT from the first occurrence, EXDATEs included, and stops at UNTIL inclusive', () => {
    const counted = expand('FREQ=DAILY;COUNT=5', '2026-05-01T07:00:00Z', '2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z', {
      exdates: [new Date('2026-05-02T07:00:00Z')],
    });
    expect(iso(counted)).toEqual(['2026-05-01T07:00:00.000Z', '2026-05-03T07:00:00.000Z', '2026-05-04T07:00:00.000Z', '2026-05-05T07:00:00.000Z']);
    const until = expand('FREQ=DAILY;INTERVAL=2;UNTIL=20260507T070000Z', '2026-05-01T07:00:00Z', '2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z');
    expect(iso(until)).toEqual(['2026-05-01T07:00:00.000Z', '2026-05-03T07:00:00.000Z', '2026-05-05T07:00:00.000Z', '2026-05-07T07:00:00.000Z']);
  });

  it('finds monthly days by number and by position, skipping months without them', () => {
    const last = expand('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31T08:00:00Z', '2026-01-01T00:00:00Z', '2026-08-01T00:00:00Z');
    expect(iso(last).map((s) => s.slice(0, 10))).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31']);
    const lastDay = expand('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31T08:00:00Z', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(iso(lastDay).map((s) => s.slice(0, 10))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    const secondTuesday = expand('FREQ=MONTHLY;BYDAY=2TU', '2026-01-13T08:00:00Z', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(iso(secondTuesday).map((s) => s.slice(0, 10))).toEqual(['2026-01-13', '2026-02-10', '2026-03-10']);
    const lastFriday = expand('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-30T08:00:00Z', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(iso(lastFriday).map((s) => s.slice(0, 10))).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
  });

  it('repeats yearly (a birthday, 29 February only in leap years) and in a range far from the start', () => {
    const leap = expand('FREQ=YEARLY', '2024-02-29T08:00:00Z', '2024-01-01T00:00:00Z', '2033-01-01T00:00:00Z');
    expect(iso(leap).map((s) => s.slice(0, 10))).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
    const thanksgivingLike = expand('FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', '2026-11-26T10:00:00Z', '2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z');
    expect(iso(thanksgivingLike).map((s) => s.slice(0, 10))).toEqual(['2026-11-26', '2027-11-25', '2028-11-23']);
    // a daily rule started years ago, read for one week: only that week
    const week = expand('FREQ=DAILY', '2000-01-03T07:00:00Z', '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z');
    expect(week).toHaveLength(7);
    expect(iso(week)[0]).toBe('2026-06-01T06:00:00.000Z');
  });

  it('returns an occurrence that started before the range and still runs in it', () => {
    const starts = expandRecurrence({
      rule: parseRRule('FREQ=WEEKLY'),
      start: new Date('2026-06-01T22:00:00Z'),
      durationMs: 4 * hour,
      timeZone: 'UTC',
      from: new Date('2026-06-09T00:00:00Z'),
      to: new Date('2026-06-10T00:00:00Z'),
    });
    expect(iso(starts)).toEqual(['2026-06-08T22:00:00.000Z']);
  });

  it('refuses to expand too many occurrences or a never-ending rule without a range', () => {
    expect(() => expand('FREQ=DAILY', '2026-01-01T08:00:00Z', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', { max: 100 })).toThrow(
      expect.objectContaining({ code: 'tooMany' }),
    );
    expect(() => expandRecurrence({ rule: parseRRule('FREQ=DAILY'), start: new Date(), durationMs: 0, timeZone: BUC })).toThrow(RecurrenceError);
    // a rule that never matches ends instead of looping
    expect(expand('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3', '2026-01-01T08:00:00Z', '2026-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toHaveLength(1);
  });

  it('knows where a series ends', () => {
    const rule = parseRRule('FREQ=WEEKLY;COUNT=3');
    expect(seriesEnd(rule, new Date('2026-06-01T08:00:00Z'), hour, 'UTC')?.toISOString()).toBe('2026-06-15T09:00:00.000Z');
    expect(seriesEnd(parseRRule('FREQ=WEEKLY'), new Date('2026-06-01T08:00:00Z'), hour, 'UTC')).toBeNull();
  });
});

describe('a series starts on a day its rule selects', () => {
  // ical.js's own expansion of the series as the iCalendar feed writes it (DTSTART in the zone, RRULE)
  const icalStarts = (rule: string, start: Date): string[] => {
    const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...vtimezone(BUC, 2025, 2028)];
    lines.push('BEGIN:VEVENT', 'UID:x@test', 'DTSTAMP:20260101T000000Z', `DTSTART;TZID=${BUC}:${zonedStamp(start, BUC)}`, `RRULE:${rule}`, 'END:VEVENT', 'END:VCALENDAR');
    const root = new ICAL.Component(ICAL.parse(serialize(lines)));
    for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const it = new ICAL.Event(root.getFirstSubcomponent('vevent')!).iterator();
    const out: string[] = [];
    for (let next = it.next(); next && out.length < 50; next = it.next()) out.push(next.toJSDate().toISOString());
    return out;
  };
  const rules = ['FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=3', 'FREQ=MONTHLY;BYDAY=1FR;COUNT=4', 'FREQ=MONTHLY;BYMONTHDAY=15,-1;COUNT=5', 'FREQ=DAILY;BYDAY=SA,SU;COUNT=4', 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;COUNT=2'];

  for (const [offset, weekday] of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].entries()) {
    it(`moves a series made on a ${weekday} to its first selected day; ours and ical.js's occurrences agree`, () => {
      // 09:30 in Bucharest, in the week of the change to summer time (Monday 23 March 2026)
      const given = new Date(fromWallTime({ year: 2026, month: 3, day: 23 + offset, hour: 9, minute: 30, second: 0 }, BUC));
      for (const text of rules) {
        const rule = parseRRule(text);
        const start = firstSelectedStart(rule, given, BUC)!;
        expect(start.getTime(), text).toBeGreaterThanOrEqual(given.getTime());
        expect(toWallTime(start.getTime(), BUC), text).toMatchObject({ hour: 9, minute: 30 });
        const ours = iso(expandRecurrence({ rule, start, durationMs: hour, timeZone: BUC }));
        // the start is an occurrence by the rule's own days, not only because it is DTSTART
        expect(ours[0], text).toBe(start.toISOString());
        expect(ours.length, text).toBe(rule.count);
        expect(icalStarts(text, start), text).toEqual(ours);
      }
      // a Monday and Wednesday series made on this day starts on the next Monday or Wednesday (or this day)
      const weekly = firstSelectedStart(parseRRule('FREQ=WEEKLY;BYDAY=MO,WE'), given, BUC)!;
      const expectedDay = offset === 0 || offset === 2 ? 23 + offset : offset === 1 ? 25 : 30;
      expect(toWallTime(weekly.getTime(), BUC)).toMatchObject({ month: 3, day: expectedDay, hour: 9, minute: 30 });
    });
  }

  it('keeps a start the rule selects, and finds none when UNTIL comes first or the day never exists', () => {
    const monday = new Date('2026-05-04T06:00:00Z');
    expect(firstSelectedStart(parseRRule('FREQ=DAILY'), monday, BUC)).toEqual(monday);
    expect(firstSelectedStart(parseRRule('FREQ=WEEKLY;BYDAY=MO'), monday, BUC)).toEqual(monday);
    expect(firstSelectedStart(parseRRule('FREQ=WEEKLY;BYDAY=FR;UNTIL=20260506T000000Z'), monday, BUC)).toBeNull();
    expect(firstSelectedStart(parseRRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'), monday, BUC)).toBeNull();
    // 29 February: the next leap year
    expect(firstSelectedStart(parseRRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'), monday, BUC)?.toISOString()).toBe('2028-02-29T07:00:00.000Z');
  });

  it('moves the days of a weekly series with it when the whole series is dragged to another day', () => {
    const rule = parseRRule('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8');
    const moved = shiftRule(rule, new Date('2026-05-04T06:00:00Z'), new Date('2026-05-05T06:00:00Z'), BUC);
    expect(formatRRule(moved)).toBe('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8');
    expect(formatRRule(shiftRule(parseRRule('FREQ=WEEKLY;BYDAY=MO,SU'), new Date('2026-05-04T06:00:00Z'), new Date('2026-05-02T06:00:00Z'), BUC))).toBe('FREQ=WEEKLY;BYDAY=SA,FR');
    expect(shiftRule(rule, new Date('2026-05-04T06:00:00Z'), new Date('2026-05-04T09:00:00Z'), BUC)).toBe(rule);
  });
});
