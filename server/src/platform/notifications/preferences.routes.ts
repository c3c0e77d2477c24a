import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireAdmin } from '../access/guard.ts';
import { validation } from '../errors.ts';
import { notificationKind, notificationKinds } from './kinds.ts';
import { recentSms } from './sms.ts';

const preference = z.object({ kind: z.string(), labelKey: z.string(), inApp: z.boolean(), email: z.boolean(), sms: z.boolean() });

/** Each user's choice of channels per kind of notification; the SMS log for administrators. */
export async function notificationPreferenceRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  const mine = async (userId: string) => {
    const chosen = await db.selectFrom('notificationPreference').select(['kind', 'inApp', 'email', 'sms']).where('userId', '=', userId).execute();
    const byKind = new Map(chosen.map((c) => [c.kind, c]));
    return notificationKinds().map((k) => {
      const c = byKind.get(k.kind) ?? k.defaults;
      return { kind: k.kind, labelKey: k.labelKey, inApp: c.inApp, email: c.email, sms: c.sms };
    });
  };

  api.get(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How each kind of notification reaches me (in the app, e-mail, SMS)',
        response: { 200: z.object({ data: z.array(preference) }) },
      },
    },
    async (request) => ({ data: await mine(requireActor(request).userId) }),
  );

  api.put(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Choose the channels of some kinds of notification (the others keep theirs)',
        body: z.strictObject({
          data: z.array(z.strictObject({ kind: z.string().min(1).max(100), inApp: z.boolean(), email: z.boolean(), sms: z.boolean() })).min(1).max(200),
        }),
        response: { 200: z.object({ data: z.array(preference) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const errors = request.body.data.flatMap((p, i) => (notificationKind(p.kind) ? [] : [{ path: `data.${i}.kind`, message: `Unknown kind ${p.kind}` }]));
      if (errors.length) throw validation(errors);
      await db.transaction().execute(async (trx) => {
        for (const p of request.body.data) {
          await trx
            .insertInto('notificationPreference')
            .values({ workspaceId: actor.workspaceId, userId: actor.userId, kind: p.kind, inApp: p.inApp, email: p.email, sms: p.sms })
            .onConflict((oc) => oc.columns(['userId', 'kind']).doUpdateSet({ inApp: p.inApp, email: p.email, sms: p.sms, updatedAt: new Date() }))
            .execute();
        }
      });
      return { data: await mine(actor.userId) };
    },
  );

  api.get(
    '/sms-messages',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Text messages handed to the SMS gateway (administrators)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.string(),
                toPhone: z.string(),
                body: z.string(),
                status: z.string(),
                gateway: z.string().nullable(),
                error: z.string().nullable(),
                createdAt: z.date(),
                sentAt: z.date().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireAdmin(actor, 'read');
      return { data: await recentSms(db, actor.workspaceId, request.query.limit) };
    },
  );
}
