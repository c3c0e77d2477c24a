import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { notFound } from '../errors.ts';
import { decodeTimeCursor, timePage } from '../http/time-cursor.ts';

const notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
const FIELDS = ['id', 'kind', 'title', 'body', 'link', 'readAt', 'createdAt'] as const;
const HEARTBEAT_MS = 25_000;


/** The signed-in user's own notifications: list, unread count, mark read, and a live stream. */
export async function notificationRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db, notifications: hub } = root.ctx;

  api.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: z.object({ data: z.array(notification), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { unread, limit, cursor } = request.query;
      const after = cursor ? decodeTimeCursor(cursor) : null;
      const rows = await db
        .selectFrom('notification')
        .where('inApp', '=', true)
        .select(FIELDS)
        .where('userId', '=', actor.userId)
        .where('workspaceId', '=', actor.workspaceId)
        .$if(unread === 'true', (qb) => qb.where('readAt', 'is', null))
        .$if(Boolean(after), (qb) => qb.where(sql<boolean>`(created_at, id) < (${after![0]}::timestamptz, ${after![1]}::uuid)`))
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return timePage(rows, limit);
    },
  );

  api.get(
    '/notifications/unread-count',
    { schema: { tags: ['notifications'], summary: 'How many of my notifications are unread', response: { 200: z.object({ count: z.number() }) } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await db
        .selectFrom('notification')
        .where('inApp', '=', true)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('userId', '=', actor.userId)
        .where('workspaceId', '=', actor.workspaceId)
        .where('readAt', 'is', null)
        .executeTakeFirstOrThrow();
      return { count: Number(row.n) };
    },
  );

  api.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: 'Mark one notification read', params: z.object({ id: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await db
        .updateTable('notification')
        .set({ readAt: sql`coalesce(read_at, now())` })
        .where('id', '=', request.params.id)
        .where('userId', '=', actor.userId)
        .executeTakeFirst();
      if (!result.numUpdatedRows) throw notFound('Notification');
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await db.updateTable('notification').set({ readAt: new Date() }).where('userId', '=', actor.userId).where('readAt', 'is', null).execute();
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/notifications/stream',
    { schema: { tags: ['notifications'], summary: 'Server-sent events: each new notification of mine as it is committed' } },
    async (request, reply) => {
      const actor = requireActor(request);
      await hub.start();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = hub.subscribe(actor.userId, (signal) => {
        void db
          .selectFrom('notification')
          .where('inApp', '=', true)
          .select(FIELDS)
          .where('id', '=', signal.id)
          .where('userId', '=', actor.userId)
          .executeTakeFirst()
          .then((row) => {
            if (row) res.write(`event: notification\nid: ${row.id}\ndata: ${JSON.stringify(row)}\n\n`);
          })
          .catch(() => {});
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on('close', close);
      res.on('error', close);
    },
  );
}
