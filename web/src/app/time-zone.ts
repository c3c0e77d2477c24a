/**
 * Date-times travel as UTC instants (ISO strings); people see and type them as wall-clock time in
 * their time zone. These helpers convert between the two for an explicit IANA zone, whatever zone
 * the machine running them is in.
 */

/** The zone the app shows date-times in: the browser's (profiles have no zone of their own; the
 * workspace's zone is the company's, for recurrence rules and feeds, and the calendar grid draws in
 * the browser's zone too, so everything on screen agrees). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of wallClockFormat(zone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const w = wallClock(instant, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The value of a datetime-local input ("2026-03-02T09:00") showing `value` in `zone`; '' for none. */
export function toZonedInput(value: string | Date | null | undefined, zone: string): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = new Date(value).getTime();
  if (Number.isNaN(instant)) return '';
  const w = wallClock(instant, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * The instant (ISO, UTC) that wall-clock `local` ("2026-03-02T09:00") means in `zone`, or null when
 * it is not a date-time. As calendar apps do: a time skipped when the clocks go forward moves on by
 * the gap (03:30 → 04:30), a time that occurs twice when they go back is its first occurrence.
 */
export function fromZonedInput(local: string, zone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(asUtc)) return null;
  const offsets = [...new Set([-86_400_000, 0, 86_400_000].map((d) => offsetAt(asUtc + d, zone)))];
  const same = (instant: number) => {
    const w = wallClock(instant, zone);
    return w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
  };
  const matching = offsets.map((o) => asUtc - o).filter(same).sort((a, b) => a - b);
  const instant = matching[0] ?? asUtc - Math.min(...offsets);
  return new Date(instant).toISOString();
}
