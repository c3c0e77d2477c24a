import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor, requireAdmin } from '../access/guard.ts';
import { notFound } from '../errors.ts';
import { decodeTimeCursor, timePage } from '../http/time-cursor.ts';

const message = z.object({
  id: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});


/** The outgoing-mail outbox of the workspace, for administrators. */
export async function mailRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  api.get(
    '/admin/mail-outbox',
    {
      schema: {
        tags: ['mail'],
        summary: 'Outgoing mail of the workspace, newest first',
        querystring: z.object({
          status: z.enum(['queued', 'sent', 'failed', 'kept']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: z.object({ data: z.array(message), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireAdmin(actor, 'read');
      const { status, limit, cursor } = request.query;
      const after = cursor ? decodeTimeCursor(cursor) : null;
      const rows = await db
        .selectFrom('mailMessage')
        .select(['id', 'toAddress', 'subject', 'status', 'attempts', 'lastError', 'createdAt', 'sentAt'])
        .where('workspaceId', '=', actor.workspaceId)
        .$if(Boolean(status), (qb) => qb.where('status', '=', status!))
        .$if(Boolean(after), (qb) =>
          qb.where(sql<boolean>`(created_at, id) < (${after![0]}::timestamptz, ${after![1]}::uuid)`),
        )
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return timePage(rows, limit);
    },
  );

  api.get(
    '/admin/mail-settings',
    {
      schema: {
        tags: ['mail'],
        summary: 'How outgoing mail is sent (SMTP_URL and MAIL_FROM; credentials are never shown)',
        response: { 200: z.object({ smtpConfigured: z.boolean(), smtpHost: z.string().nullable(), from: z.string() }) },
      },
    },
    async (request) => {
      requireAdmin(requireActor(request), 'read');
      const url = root.ctx.config.smtpUrl;
      return { smtpConfigured: Boolean(url), smtpHost: url ? new URL(url).host : null, from: root.ctx.config.mailFrom };
    },
  );

  api.get(
    '/admin/mail-outbox/:id',
    {
      schema: {
        tags: ['mail'],
        summary: 'One outgoing message with its body',
        params: z.object({ id: z.uuid() }),
        response: {
          200: message.extend({
            textBody: z.string().nullable(),
            htmlBody: z.string().nullable(),
            attachments: z.array(z.object({ filename: z.string(), contentType: z.string().nullable(), size: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireAdmin(actor, 'read');
      const row = await db
        .selectFrom('mailMessage')
        .select(['id', 'toAddress', 'subject', 'status', 'attempts', 'lastError', 'createdAt', 'sentAt', 'textBody', 'htmlBody', 'attachments'])
        .where('id', '=', request.params.id)
        .where('workspaceId', '=', actor.workspaceId)
        .executeTakeFirst();
      if (!row) throw notFound('Message');
      // names and sizes only: the contents stay in the database
      const stored = (row.attachments ?? []) as { filename: string; contentType: string | null; content: string }[];
      return {
        ...row,
        attachments: stored.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content, 'base64') })),
      };
    },
  );
}
