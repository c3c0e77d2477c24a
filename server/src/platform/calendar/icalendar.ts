import { toWallTime, zoneOffset } from './zoned-time.ts';

/**
 * Writing iCalendar (RFC 5545) text: escaping, line folding, UTC and zoned times, and VTIMEZONE
 * definitions computed from the runtime's zone data (every offset change in the years asked for),
 * so a client resolves TZID without knowing IANA names.
 */

/** TEXT value escaping: backslash, semicolon, comma and newlines. */
export const escapeText = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');

const encoder = new TextEncoder();

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 20260302T090000Z */
export const utcStamp = (date: Date): string =>
  `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;

/** The wall-clock time of an instant in a zone, as a local DATE-TIME (20260302T110000). */
export function zonedStamp(date: Date, timeZone: string): string {
  const w = toWallTime(date.getTime(), timeZone);
  return `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

const offsetText = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
};

/** Instants (to the second) where the zone's offset changes between two times. */
function transitions(timeZone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const out: { at: number; before: number; after: number }[] = [];
  // offsets change at most a few times a year; a week apart is fine enough to find each change
  const step = 7 * 86_400_000;
  let previous = zoneOffset(from, timeZone);
  for (let t = from + step; t <= to; t += step) {
    const offset = zoneOffset(t, timeZone);
    if (offset !== previous) {
      let lo = t - step;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (zoneOffset(mid, timeZone) === previous) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, before: previous, after: offset });
      previous = offset;
    }
  }
  return out;
}

/** A VTIMEZONE for the zone with every offset change between two years (inclusive). */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear + 1, 0, 1);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const changes = transitions(timeZone, from, to);
  if (!changes.length) {
    const offset = offsetText(zoneOffset(from, timeZone));
    lines.push('BEGIN:STANDARD', `DTSTART:${fromYear}0101T000000`, `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
  }
  for (const c of changes) {
    const kind = c.after > c.before ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART is the local time just before the change, in the offset that was in force
    const local = new Date(c.at + c.before);
    const stamp = utcStamp(local).slice(0, -1);
    lines.push(`BEGIN:${kind}`, `DTSTART:${stamp}`, `TZOFFSETFROM:${offsetText(c.before)}`, `TZOFFSETTO:${offsetText(c.after)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** Joins content lines into a calendar object: folded, CRLF-terminated. */
export const serialize = (lines: string[]): string => `${lines.map(foldLine).join('\r\n')}\r\n`;
