import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime } from './format.ts';
import { fromZonedInput, toZonedInput } from './time-zone.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const machineZone = process.env.TZ;
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('date-times in the user’s time zone', () => {
  it('shows an instant as wall-clock time in the given zone (winter, summer, across the date line)', () => {
    // a task due 10:00 in Bucharest is stored as 08:00 UTC in winter, 07:00 UTC in summer
    expect(toZonedInput('2026-01-15T08:00:00.000Z', 'Europe/Bucharest')).toBe('2026-01-15T10:00');
    expect(toZonedInput('2026-07-15T07:00:00.000Z', 'Europe/Bucharest')).toBe('2026-07-15T10:00');
    expect(toZonedInput('2026-12-31T21:30:00.000Z', 'Europe/Bucharest')).toBe('2026-12-31T23:30');
    expect(toZonedInput('2026-12-31T10:30:00.000Z', 'Pacific/Kiritimati')).toBe('2027-01-01T00:30');
    expect(toZonedInput('2028-02-29T13:20:00.000Z', 'Europe/Warsaw')).toBe('2028-02-29T14:20');
    expect(toZonedInput('2026-03-02T09:00:00Z', 'UTC')).toBe('2026-03-02T09:00');
    expect(toZonedInput(null, 'Europe/Bucharest')).toBe('');
    expect(toZonedInput('not a date', 'Europe/Bucharest')).toBe('');
  });

  it('reads what the user typed as wall-clock time in the given zone', () => {
    expect(fromZonedInput('2026-01-15T10:00', 'Europe/Bucharest')).toBe('2026-01-15T08:00:00.000Z');
    expect(fromZonedInput('2026-07-15T15:20', 'Europe/Bucharest')).toBe('2026-07-15T12:20:00.000Z');
    expect(fromZonedInput('2027-01-01T00:30', 'Pacific/Kiritimati')).toBe('2026-12-31T10:30:00.000Z');
    expect(fromZonedInput('2026-07-15T10:00', 'America/New_York')).toBe('2026-07-15T14:00:00.000Z');
    expect(fromZonedInput('2026-03-02T09:00', 'UTC')).toBe('2026-03-02T09:00:00.000Z');
    expect(fromZonedInput('', 'Europe/Bucharest')).toBeNull();
    expect(fromZonedInput('15:20', 'Europe/Bucharest')).toBeNull();
  });

  it('across daylight saving changes: a skipped time moves on by the gap, a repeated time is its first occurrence', () => {
    // Bucharest, last Sunday of March 2026: 03:00 → 04:00 (01:00 UTC)
    expect(fromZonedInput('2026-03-29T02:59', 'Europe/Bucharest')).toBe('2026-03-29T00:59:00.000Z');
    expect(fromZonedInput('2026-03-29T03:30', 'Europe/Bucharest')).toBe('2026-03-29T01:30:00.000Z');
    expect(toZonedInput('2026-03-29T01:30:00.000Z', 'Europe/Bucharest')).toBe('2026-03-29T04:30');
    expect(fromZonedInput('2026-03-29T04:00', 'Europe/Bucharest')).toBe('2026-03-29T01:00:00.000Z');
    // last Sunday of October 2026: 04:00 → 03:00 (01:00 UTC); 03:30 happens at 00:30 and at 01:30 UTC
    expect(fromZonedInput('2026-10-25T03:30', 'Europe/Bucharest')).toBe('2026-10-25T00:30:00.000Z');
    expect(toZonedInput('2026-10-25T01:30:00.000Z', 'Europe/Bucharest')).toBe('2026-10-25T03:30');
    expect(fromZonedInput('2026-10-25T04:00', 'Europe/Bucharest')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('gives back what was typed, all through a year with both changes (Lord Howe moves by half an hour)', () => {
    for (const zone of ['Europe/Bucharest', 'Australia/Lord_Howe']) {
      // a step of 2 h 11 min lands on every hour of the day and many minutes
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 131 * 60_000) {
        const typed = toZonedInput(new Date(t), zone);
        expect(toZonedInput(fromZonedInput(typed, zone), zone), `${zone} ${typed}`).toBe(typed);
      }
    }
  });

  it('does not depend on the zone of the machine it runs on', () => {
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
      process.env.TZ = tz;
      expect(toZonedInput('2026-01-15T08:00:00.000Z', 'Europe/Bucharest')).toBe('2026-01-15T10:00');
      expect(fromZonedInput('2026-01-15T10:00', 'Europe/Bucharest')).toBe('2026-01-15T08:00:00.000Z');
      expect(nbsp(formatDateTime('2026-07-15T12:20:00.000Z', 'en', 'Europe/Bucharest'))).toBe('15 Jul 2026, 15:20');
      expect(nbsp(formatDateTime('2026-07-15T12:20:00.000Z', 'ro', 'Europe/Bucharest'))).toBe('15 iul. 2026, 15:20');
    }
  });
});
