import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { loadActor } from '../../platform/access/load-actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { escapeText, serialize, utcStamp, vtimezone, zonedStamp } from '../../platform/calendar/icalendar.ts';
import { formatRRule, parseRRule } from '../../platform/calendar/rrule.ts';
import { findCalendarEvents, findCalendarTasks } from './calendar.repository.ts';
import { workspaceCalendar } from './calendar.service.ts';

/**
 * B3: a personal iCalendar feed a phone or mail client subscribes to without a session. The URL holds
 * a random secret; only its SHA-256 is stored, so a leaked database does not leak working URLs, and
 * rotating the token makes the old URL answer 404 at once.
 */

export const FEED_PAST_DAYS = 92;
export const FEED_FUTURE_DAYS = 366;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/ical/${token}.ics`;

/** Whether the actor has a feed, and since when. */
export async function feedStatus(db: Kysely<DB>, actor: Actor) {
  const row = await db.selectFrom('calendarSetting').select(['feedTokenHash', 'feedTokenCreatedAt']).where('userId', '=', actor.userId).executeTakeFirst();
  return { active: Boolean(row?.feedTokenHash), createdAt: row?.feedTokenCreatedAt?.toISOString() ?? null };
}

/** Makes a new secret feed token for the actor (replacing any earlier one); the token is shown once. */
export async function rotateFeedToken(db: Kysely<DB>, actor: Actor, publicUrl: string) {
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    const had = await trx.selectFrom('calendarSetting').select('feedTokenHash').where('userId', '=', actor.userId).executeTakeFirst();
    await trx
      .insertInto('calendarSetting')
      .values({ userId: actor.userId, workspaceId: actor.workspaceId, feedTokenHash: hashToken(token), feedTokenCreatedAt: new Date() })
      .onConflict((oc) => oc.column('userId').doUpdateSet({ feedTokenHash: hashToken(token), feedTokenCreatedAt: new Date(), updatedAt: new Date() }))
      .execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'calendarFeed',
      recordId: actor.userId,
      action: had?.feedTokenHash ? 'rotated' : 'created',
      actorId: actor.userId,
    });
  });
  return { token, url: feedUrl(publicUrl, token), active: true };
}

/** Turns the actor's feed off: the URL stops working. */
export async function revokeFeedToken(db: Kysely<DB>, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('calendarSetting')
      .set({ feedTokenHash: null, feedTokenCreatedAt: null, updatedAt: new Date() })
      .where('userId', '=', actor.userId)
      .where('feedTokenHash', 'is not', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) {
      await recordChange(trx, { workspaceId: actor.workspaceId, entity: 'calendarFeed', recordId: actor.userId, action: 'revoked', actorId: actor.userId });
    }
  });
}

/** The owner of a feed token, acting with their own access; null for an unknown token or a user who may no longer sign in. */
export async function feedOwner(db: Kysely<DB>, token: string): Promise<Actor | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.selectFrom('calendarSetting').select('userId').where('feedTokenHash', '=', hashToken(token)).executeTakeFirst();
  return row ? loadActor(db, row.userId, 'session') : null;
}

/**
 * The feed as iCalendar text: the person's events (recurring ones as one VEVENT with RRULE and EXDATE
 * in their zone) and tasks with a deadline (as events at the deadline, since phone calendars ignore
 * VTODO in subscriptions), from FEED_PAST_DAYS ago to FEED_FUTURE_DAYS ahead.
 */
export async function renderFeed(db: Kysely<DB>, actor: Actor, now = new Date()): Promise<string> {
  const from = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000).toISOString();
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * 86_400_000).toISOString();
  const range = { from, to };
  const [events, tasks, workspace, ws] = await Promise.all([
    findCalendarEvents(db, actor, [actor.userId], range, { details: true }),
    findCalendarTasks(db, actor, [actor.userId], range, { details: true }),
    workspaceCalendar(db, actor.workspaceId),
    sql<{ name: string }>`select name from workspace where id = ${actor.workspaceId}`.execute(db),
  ]);
  const host = 'kontakt-crm';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kontakt CRM//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${actor.name} — ${ws.rows[0]?.name ?? 'Kontakt'}`)}`,
    `X-WR-TIMEZONE:${workspace.timeZone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT30M',
  ];
  const zones = new Set<string>();
  const body: string[] = [];
  const stamp = utcStamp(now);
  for (const e of events) {
    if (!e.readable) continue;
    body.push('BEGIN:VEVENT', `UID:${e.id}@${host}`, `DTSTAMP:${stamp}`, `SEQUENCE:${Math.max(0, e.version - 1)}`);
    if (e.updatedAt) body.push(`LAST-MODIFIED:${utcStamp(e.updatedAt)}`);
    const end = e.endsAt ?? e.startsAt;
    if (e.rrule) {
      const zone = e.timeZone ?? workspace.timeZone;
      zones.add(zone);
      body.push(`DTSTART;TZID=${zone}:${zonedStamp(e.startsAt, zone)}`, `DTEND;TZID=${zone}:${zonedStamp(end, zone)}`);
      body.push(`RRULE:${formatRRule(parseRRule(e.rrule))}`);
      const exdates = Array.isArray(e.exdates) ? (e.exdates as string[]) : [];
      if (exdates.length) body.push(`EXDATE;TZID=${zone}:${exdates.map((d) => zonedStamp(new Date(d), zone)).join(',')}`);
    } else {
      body.push(`DTSTART:${utcStamp(e.startsAt)}`, `DTEND:${utcStamp(end)}`);
    }
    body.push(`SUMMARY:${escapeText(e.subject)}`);
    if (e.location) body.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) body.push(`DESCRIPTION:${escapeText(e.description)}`);
    body.push(`CATEGORIES:${e.kind.toUpperCase()}`, `CLASS:${e.private ? 'PRIVATE' : 'PUBLIC'}`, 'END:VEVENT');
  }
  for (const t of tasks) {
    body.push('BEGIN:VEVENT', `UID:task-${t.id}@${host}`, `DTSTAMP:${stamp}`, `SEQUENCE:${Math.max(0, t.version - 1)}`);
    if (t.updatedAt) body.push(`LAST-MODIFIED:${utcStamp(t.updatedAt)}`);
    body.push(`DTSTART:${utcStamp(t.dueAt)}`, `DTEND:${utcStamp(t.dueAt)}`, `SUMMARY:${escapeText(t.title)}`);
    if (t.description) body.push(`DESCRIPTION:${escapeText(t.description)}`);
    body.push('CATEGORIES:TASK', `X-KONTAKT-TASK-STATUS:${t.status.toUpperCase()}`, 'TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  const year = now.getUTCFullYear();
  // zone definitions from the earliest series start shown to the end of the window
  const earliest = Math.min(year - 1, ...events.filter((e) => e.rrule).map((e) => e.startsAt.getUTCFullYear()));
  for (const zone of zones) lines.push(...vtimezone(zone, Math.max(earliest, year - 20), year + 2));
  lines.push(...body, 'END:VCALENDAR');
  return serialize(lines);
}
