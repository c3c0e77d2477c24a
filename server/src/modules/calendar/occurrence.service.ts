import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { expandRecurrence, formatRRule, parseRRule, shiftRule } from '../../platform/calendar/rrule.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { findRecord } from '../../platform/records/query.ts';
import { createRecord, deleteRecord, inTransaction, updateRecord } from '../../platform/records/write.ts';
import { eventEntity } from '../activities/event.entity.ts';
import { workspaceTimeZone } from '../activities/recurrence.ts';

/**
 * Changing one occurrence of a recurring event (A4). What we chose, as most calendars do:
 * - `this`: the occurrence leaves the series (its start becomes an EXDATE of the series); unless it
 *   is deleted, a changed copy becomes an event of its own that remembers its series (seriesId);
 * - `following`: the series ends before this occurrence (UNTIL; a COUNT becomes the UNTIL) and a new
 *   series with the changes starts here, with the occurrences that were left (seriesId = the old one);
 *   from the first occurrence it is the same as `series`;
 * - `series`: the whole series changes; a moved occurrence moves every occurrence by the same time.
 * Every step goes through the records engine in one transaction: version checked (409 on a stale
 * one), audit rows and outbox events as for any edit.
 */
export type OccurrenceScope = 'this' | 'following' | 'series';

export interface OccurrenceChange {
  occurrenceStart: string;
  scope: OccurrenceScope;
  version: number;
  delete?: boolean;
  changes?: Partial<Record<'startsAt' | 'endsAt' | 'subject' | 'location' | 'description' | 'kind' | 'private' | 'ownerId', unknown>>;
}

const COPIED = ['subject', 'kind', 'location', 'description', 'partnerId', 'contactId', 'opportunityId', 'ownerId', 'private', 'timeZone'] as const;

export async function changeOccurrence(db: Kysely<DB>, actor: Actor, seriesId: string, input: OccurrenceChange) {
  if (input.delete && input.scope !== 'this') {
    // deleting from the first occurrence on is deleting the series (the engine's own transaction)
    const found = await findRecord(db, actor, eventEntity, seriesId, { action: 'update' });
    if (input.scope === 'series' || new Date(String(found.startsAt)).getTime() === new Date(input.occurrenceStart).getTime()) {
      return { series: await deleteRecord(db, actor, eventEntity, seriesId, input.version), occurrence: null };
    }
  }
  return inTransaction(db, async (trx) => {
    const series = await findRecord(trx, actor, eventEntity, seriesId, { action: 'update' });
    if (typeof series.rrule !== 'string') throw new AppError('RULE', 'This event does not repeat', { errors: [{ path: 'occurrenceStart', message: 'Not a recurring event' }] });
    if (series.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', 'The record was changed by someone else; reload it and try again', { details: { currentVersion: series.version } });
    }
    const rule = parseRRule(series.rrule);
    const seriesStart = new Date(String(series.startsAt));
    const durationMs = series.endsAt ? new Date(String(series.endsAt)).getTime() - seriesStart.getTime() : 0;
    const timeZone = typeof series.timeZone === 'string' ? series.timeZone : await workspaceTimeZone(trx, actor.workspaceId);
    const occurrence = new Date(input.occurrenceStart);
    const exdates = Array.isArray(series.exdates) ? (series.exdates as string[]) : [];
    const isOccurrence =
      !Number.isNaN(occurrence.getTime()) &&
      expandRecurrence({ rule, start: seriesStart, durationMs: 0, timeZone, exdates: exdates.map((d) => new Date(d)), from: occurrence, to: new Date(occurrence.getTime() + 1) })
        .some((d) => d.getTime() === occurrence.getTime());
    if (!isOccurrence) throw validation([{ path: 'occurrenceStart', message: 'The series has no occurrence starting then' }]);

    const changes = { ...(input.changes ?? {}) };
    const newStart = changes.startsAt !== undefined ? new Date(String(changes.startsAt)) : occurrence;
    const newEnd = changes.endsAt !== undefined ? new Date(String(changes.endsAt)) : new Date(newStart.getTime() + durationMs);
    const copy = Object.fromEntries(COPIED.map((f) => [f, series[f]]).filter(([, v]) => v !== null && v !== undefined));
    const scope = input.scope === 'following' && occurrence.getTime() === seriesStart.getTime() ? 'series' : input.scope;

    if (scope === 'series') {
      // the occurrence's move, applied to the series' first one
      const shift = newStart.getTime() - occurrence.getTime();
      const startsAt = new Date(seriesStart.getTime() + shift);
      const endsAt = new Date(startsAt.getTime() + (newEnd.getTime() - newStart.getTime()));
      const { startsAt: _s, endsAt: _e, ...rest } = changes;
      const patch: Record<string, unknown> = { ...rest, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
      if (shift !== 0) {
        patch.exdates = exdates.map((d) => new Date(new Date(d).getTime() + shift).toISOString());
        const moved = shiftRule(rule, occurrence, newStart, timeZone);
        if (moved !== rule) patch.rrule = formatRRule(moved);
      }
      return { series: await updateRecord(trx, actor, eventEntity, seriesId, patch, input.version), occurrence: null };
    }

    if (scope === 'this') {
      const updated = await updateRecord(trx, actor, eventEntity, seriesId, { exdates: [...exdates, occurrence.toISOString()] }, input.version);
      if (input.delete) return { series: updated, occurrence: null };
      const single = await createRecord(trx, actor, eventEntity, {
        ...copy,
        ...changes,
        startsAt: newStart.toISOString(),
        endsAt: newEnd.toISOString(),
        seriesId,
      });
      return { series: updated, occurrence: single };
    }

    // following: the old series stops just before this occurrence; a new one carries on from here
    const before = expandRecurrence({ rule, start: seriesStart, durationMs: 0, timeZone, from: seriesStart, to: occurrence });
    const ended = formatRRule({ ...rule, count: undefined, until: new Date(occurrence.getTime() - 1000) });
    const updated = await updateRecord(
      trx,
      actor,
      eventEntity,
      seriesId,
      { rrule: ended, exdates: exdates.filter((d) => new Date(d) < occurrence) },
      input.version,
    );
    if (input.delete) return { series: updated, occurrence: null };
    const shift = newStart.getTime() - occurrence.getTime();
    const rest: Record<string, unknown> = {
      ...copy,
      ...changes,
      startsAt: newStart.toISOString(),
      endsAt: newEnd.toISOString(),
      rrule: formatRRule({ ...rule, count: rule.count === undefined ? undefined : rule.count - before.length }),
      exdates: exdates.filter((d) => new Date(d) > occurrence).map((d) => new Date(new Date(d).getTime() + shift).toISOString()),
      seriesId,
    };
    return { series: updated, occurrence: await createRecord(trx, actor, eventEntity, rest) };
  });
}
