import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor, requireAdmin } from '../../platform/access/guard.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { HOLIDAY_COUNTRIES } from '../../platform/calendar/holidays.ts';
import { isTimeZone } from '../../platform/calendar/zoned-time.ts';
import { validation } from '../../platform/errors.ts';
import { entitySchemas } from '../../platform/records/schemas.ts';
import { versionFromIfMatch } from '../../platform/records/write.ts';
import { eventEntity } from '../activities/event.entity.ts';
import { MAX_RANGE_DAYS, readCalendar, workingHoursOf, workspaceCalendar } from './calendar.service.ts';
import { feedOwner, feedStatus, renderFeed, revokeFeedToken, rotateFeedToken } from './feed.service.ts';
import { changeOccurrence } from './occurrence.service.ts';

const tags = ['calendar'];
const MAX_IDS = 50;
const idList = (name: string) =>
  z
    .string()
    .max(MAX_IDS * 37)
    .optional()
    .transform((value, ctx) => {
      const ids = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (ids.length > MAX_IDS) ctx.addIssue({ code: 'custom', message: `At most ${MAX_IDS} ${name}` });
      for (const id of ids) if (!z.uuid().safeParse(id).success) ctx.addIssue({ code: 'custom', message: `"${id}" is not an id` });
      return ids;
    })
    .describe(`Comma-separated ${name} ids (at most ${MAX_IDS})`);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time like 08:00');
const workingHours = z.object({
  workDays: z.array(z.number().int().min(1).max(7)).max(7).describe('ISO weekdays, 1 = Monday … 7 = Sunday'),
  workStart: time,
  workEnd: time,
});
const refineHours = <T extends z.infer<typeof workingHours>>(v: T, ctx: z.RefinementCtx) => {
  if (v.workEnd <= v.workStart) ctx.addIssue({ code: 'custom', path: ['workEnd'], message: 'The working day ends before it starts' });
};

const item = z.object({
  key: z.string().describe('Unique in the answer (record id, plus the occurrence for recurring events)'),
  kind: z.enum(['event', 'task', 'reservation']),
  id: z.string().nullable().describe('null for busy time the caller may not read'),
  userId: z.string().nullable().describe('Whose calendar (owner, assignee, who booked): for colouring'),
  resourceId: z.string().nullable(),
  title: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().describe('Equal to startsAt for tasks (deadline) and events without an end'),
  busy: z.boolean().describe('Someone’s time without details (private or not readable by the caller)'),
  private: z.boolean(),
  version: z.number().int().nullable().describe('For optimistic locking when moving it (PATCH with version)'),
  rrule: z.string().nullable(),
  occurrenceStart: z.string().nullable().describe('Recurring events: this occurrence in its series (for POST /events/{id}/occurrences)'),
  seriesId: z.string().nullable(),
  eventKind: z.string().nullable(),
  status: z.string().nullable().describe('Tasks: open, in_progress, overdue, done'),
  location: z.string().nullable(),
});

const calendarResponse = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  country: z.enum(HOLIDAY_COUNTRIES),
  users: z.array(z.object({ id: z.string(), name: z.string() })),
  resources: z.array(z.object({ id: z.string(), name: z.string(), color: z.string().nullable() })),
  items: z.array(item),
  holidays: z.array(z.object({ date: z.string(), key: z.string(), name: z.string() })),
  truncated: z.boolean().describe('More than 20,000 rows of one kind: ask for a shorter range'),
});

const settingsResponse = workingHours.extend({
  timeZone: z.string(),
  country: z.enum(HOLIDAY_COUNTRIES),
  workspace: workingHours.describe('The workspace default, used when the person has set none'),
  feed: z.object({ active: z.boolean(), createdAt: z.string().nullable() }),
});

/** The calendar (A4, A5), recurring event occurrences, calendar settings and the personal feed (B3). */
export async function calendarRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const db = () => root.ctx.db;

  api.get(
    '/calendar',
    {
      schema: {
        tags,
        summary: 'Calendar items between two times',
        description:
          `Events (recurring ones expanded), tasks by deadline and reservations of the chosen people (default: the caller) and resources, ` +
          `with the public holidays of the workspace's country. Others' private or unreadable events come as busy time without details. ` +
          `The range may span at most ${MAX_RANGE_DAYS} days; items are sorted by start.`,
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).describe('Start of the range (inclusive)'),
          to: z.iso.datetime({ offset: true }).describe(`End of the range (exclusive), at most ${MAX_RANGE_DAYS} days after from`),
          users: idList('users'),
          resources: idList('resources'),
        }),
        response: { 200: calendarResponse },
      },
    },
    async (request) => {
      const { from, to, users, resources } = request.query;
      return readCalendar(db(), requireActor(request), { from, to, users, resources });
    },
  );

  api.post(
    '/events/:id/occurrences',
    {
      schema: {
        tags,
        summary: 'Change or delete one occurrence of a recurring event, the following ones, or the whole series',
        description:
          '`this`: the occurrence leaves the series (EXDATE) and, unless deleted, becomes its own event with the changes. ' +
          '`following`: the series ends before it and a new series with the changes carries on. `series`: the whole series changes ' +
          '(a moved occurrence moves all of them by the same time). `version` is the series version (409 when stale).',
        params: z.object({ id: z.uuid() }),
        headers: z.looseObject({ 'if-match': z.string().max(50).optional() }),
        body: z.strictObject({
          occurrenceStart: z.iso.datetime({ offset: true }),
          scope: z.enum(['this', 'following', 'series']),
          version: z.number().int().positive().optional(),
          delete: z.boolean().optional(),
          changes: z
            .strictObject({
              startsAt: z.iso.datetime({ offset: true }).optional(),
              endsAt: z.iso.datetime({ offset: true }).optional(),
              subject: z.string().min(1).max(300).optional(),
              location: z.string().max(300).nullable().optional(),
              description: z.string().max(20_000).nullable().optional(),
              kind: z.enum(['call', 'meeting', 'visit', 'email', 'letter', 'note']).optional(),
              private: z.boolean().optional(),
              ownerId: z.uuid().optional(),
            })
            .optional(),
        }),
        response: { 200: z.object({ series: entitySchemas(eventEntity).record, occurrence: entitySchemas(eventEntity).record.nullable() }) },
      },
    },
    async (request) => {
      const version = versionFromIfMatch(request.headers['if-match']) ?? request.body.version;
      if (version === undefined) throw validation([{ path: 'version', message: 'Send the version of the series (If-Match header or "version")' }]);
      return changeOccurrence(db(), requireActor(request), request.params.id, { ...request.body, version });
    },
  );

  const settingsOf = async (actor: ReturnType<typeof requireActor>) => {
    const ws = await workspaceCalendar(db(), actor.workspaceId);
    const mine = await workingHoursOf(db(), actor.userId, ws.workingHours);
    return { ...mine, timeZone: ws.timeZone, country: ws.country, workspace: ws.workingHours, feed: await feedStatus(db(), actor) };
  };

  api.get(
    '/calendar/settings',
    { schema: { tags, summary: 'My working hours, the workspace time zone and holiday country, and whether my feed is on', response: { 200: settingsResponse } } },
    async (request) => settingsOf(requireActor(request)),
  );

  api.put(
    '/calendar/settings',
    {
      schema: {
        tags,
        summary: 'Set my working hours (shaded in the calendar)',
        body: workingHours.strict().superRefine(refineHours),
        response: { 200: settingsResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workDays, workStart, workEnd } = request.body;
      const days = JSON.stringify([...new Set(workDays)].sort());
      await db()
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('calendarSetting')
            .values({ userId: actor.userId, workspaceId: actor.workspaceId, workDays: days, workStart, workEnd })
            .onConflict((oc) => oc.column('userId').doUpdateSet({ workDays: days, workStart, workEnd, updatedAt: new Date() }))
            .execute();
          await recordChange(trx, {
            workspaceId: actor.workspaceId,
            entity: 'calendarSetting',
            recordId: actor.userId,
            action: 'updated',
            actorId: actor.userId,
            changes: { workingHours: [null, { workDays: JSON.parse(days), workStart, workEnd }] },
          });
        });
      return settingsOf(actor);
    },
  );

  api.put(
    '/calendar/workspace-settings',
    {
      schema: {
        tags,
        summary: 'Administrators: the workspace’s holiday country, time zone and default working hours',
        body: z.strictObject({
          country: z.enum(HOLIDAY_COUNTRIES).optional(),
          timeZone: z.string().max(64).refine(isTimeZone, 'Unknown time zone').optional(),
          workingHours: workingHours.strict().superRefine(refineHours).optional(),
        }),
        response: { 200: settingsResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireAdmin(actor);
      const patch = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
      await db()
        .transaction()
        .execute(async (trx) => {
          await sql`update workspace set settings = settings || ${JSON.stringify(patch)}::jsonb, updated_at = now()
            where id = ${actor.workspaceId}`.execute(trx);
          await recordChange(trx, {
            workspaceId: actor.workspaceId,
            entity: 'workspace',
            recordId: actor.workspaceId,
            action: 'updated',
            actorId: actor.userId,
            changes: Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, [null, v as never]])),
          });
        });
      return settingsOf(actor);
    },
  );

  api.post(
    '/calendar/feed-token',
    {
      schema: {
        tags,
        summary: 'Make (or replace) my secret iCalendar feed URL; the old URL stops working',
        response: { 201: z.object({ token: z.string(), url: z.string(), active: z.boolean() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await rotateFeedToken(db(), requireActor(request), root.ctx.config.publicUrl)),
  );

  api.delete(
    '/calendar/feed-token',
    { schema: { tags, summary: 'Turn my iCalendar feed off', response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeFeedToken(db(), requireActor(request));
      return reply.code(204).send(null);
    },
  );
}

/** GET /ical/<token>.ics — the personal feed, outside /api and without a session (the token is the key). */
export async function calendarFeedRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/ical/:file',
    {
      schema: {
        tags,
        summary: 'Personal iCalendar feed (text/calendar); the URL comes from POST /api/v1/calendar/feed-token',
        security: [],
        params: z.object({ file: z.string().max(120) }),
      },
    },
    async (request, reply) => {
      const token = request.params.file.replace(/\.ics$/, '');
      const actor = await feedOwner(root.ctx.db, token);
      if (!actor) {
        return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'No such calendar feed', status: 404 });
      }
      const body = await renderFeed(root.ctx.db, actor);
      return reply
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="kontakt.ics"')
        .type('text/calendar; charset=utf-8')
        .send(body);
    },
  );
}
