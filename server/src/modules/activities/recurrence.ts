import { z } from 'zod';
import type { Trx } from '../../platform/audit/record-change.ts';
import { firstSelectedStart, formatRRule, parseRRule, RecurrenceError, seriesEnd } from '../../platform/calendar/rrule.ts';
import { isTimeZone } from '../../platform/calendar/zoned-time.ts';
import { validation } from '../../platform/errors.ts';
import type { RecordValues } from '../../platform/records/descriptor.ts';
import { DEFAULT_TIME_ZONE } from '../../platform/records/relative-dates.ts';

/** EXDATE: starts of occurrences taken out of a series (UTC instants). */
export const exdatesSchema = z.array(z.iso.datetime({ offset: true })).max(1000);

/** The workspace's time zone (settings.timeZone), in which rules repeat unless the event names one. */
export async function workspaceTimeZone(trx: Trx, workspaceId: string): Promise<string> {
  const row = await trx.selectFrom('workspace').select('settings').where('id', '=', workspaceId).executeTakeFirst();
  const zone = (row?.settings as { timeZone?: unknown } | undefined)?.timeZone;
  return typeof zone === 'string' && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

const RECURRENCE_FIELDS = ['rrule', 'exdates', 'timeZone', 'startsAt', 'endsAt'];

/**
 * Checks and normalises a series when its rule, exceptions, zone or times change: the rule is parsed
 * (a clear 400 names what is wrong), written back canonically, given the workspace's zone when it has
 * none, its start moved to the first instant the rule selects, and the end of its last occurrence is kept (null = for ever) so the calendar can find it.
 */
export async function applyRecurrence(trx: Trx, workspaceId: string, values: RecordValues, before: RecordValues): Promise<void> {
  if (!RECURRENCE_FIELDS.some((f) => values[f] !== undefined)) return;
  if (values.exdates === null) values.exdates = [];
  if (values.rrule === '') values.rrule = null;
  const merged = { ...before, ...values };
  if (typeof merged.timeZone === 'string' && !isTimeZone(merged.timeZone)) {
    throw validation([{ path: 'timeZone', message: `Unknown time zone "${merged.timeZone}"` }]);
  }
  if (typeof merged.rrule !== 'string') {
    if (before.recurrenceEndsAt != null) values.recurrenceEndsAt = null;
    return;
  }
  let rule: ReturnType<typeof parseRRule>;
  try {
    rule = parseRRule(merged.rrule);
  } catch (error) {
    if (error instanceof RecurrenceError) throw validation([{ path: 'rrule', message: error.message }], `The recurrence rule is not valid: ${error.message}`);
    throw error;
  }
  if (values.rrule !== undefined) values.rrule = formatRRule(rule);
  const timeZone = typeof merged.timeZone === 'string' ? merged.timeZone : await workspaceTimeZone(trx, workspaceId);
  if (merged.timeZone == null) values.timeZone = timeZone;
  const given = new Date(String(merged.startsAt));
  const durationMs = merged.endsAt ? Math.max(0, new Date(String(merged.endsAt)).getTime() - given.getTime()) : 0;
  if (rule.until && rule.until < given) throw validation([{ path: 'rrule', message: 'UNTIL is before the first occurrence' }]);
  // the series starts on the first day its rule selects, so every calendar app expands it alike
  const start = firstSelectedStart(rule, given, timeZone);
  if (!start) throw validation([{ path: 'rrule', message: 'The rule selects no day from the start on' }], 'The recurrence rule never repeats from this start');
  if (start.getTime() !== given.getTime()) {
    values.startsAt = start.toISOString();
    if (merged.endsAt) values.endsAt = new Date(start.getTime() + durationMs).toISOString();
  }
  if (Array.isArray(values.exdates)) values.exdates = [...new Set(values.exdates.map((d) => new Date(String(d)).toISOString()))].sort();
  const exdates = ((merged.exdates as string[] | undefined) ?? []).map((d) => new Date(d));
  const end = seriesEnd(rule, start, durationMs, timeZone, exdates);
  values.recurrenceEndsAt = end ? end.toISOString() : null;
}
