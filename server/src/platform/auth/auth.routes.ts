import { refuseAbsenceOrder } from '../access/absence.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { recordChange } from '../audit/record-change.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';

export const LOCALES = ['en', 'ro', 'pl', 'hu', 'uk'] as const;

const meResponse = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    locale: z.string(),
    theme: z.string(),
    isAdmin: z.boolean(),
    orgUnitId: z.string().nullable(),
    awayFrom: z.string().nullable(),
    awayUntil: z.string().nullable(),
  }),
  workspace: z.object({ id: z.string(), name: z.string(), slug: z.string(), locale: z.string(), currency: z.string() }),
  grants: z.record(z.string(), z.record(z.string(), z.string())),
  via: z.enum(['session', 'apiKey']),
});

const apiKeyRow = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  userId: z.string(),
  roleId: z.string().nullable(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

/** The signed-in user's own profile and API keys. */
export async function authRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  const loadMe = async (userId: string) =>
    db
      .selectFrom('users')
      .innerJoin('workspace', 'workspace.id', 'users.workspaceId')
      .select([
        'users.id',
        'users.name',
        'users.email',
        'users.locale',
        'users.theme',
        'users.awayFrom',
        'users.awayUntil',
        'users.isAdmin',
        'users.orgUnitId',
        'workspace.id as wsId',
        'workspace.name as wsName',
        'workspace.slug as wsSlug',
        'workspace.locale as wsLocale',
        'workspace.currency as wsCurrency',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();

  const meOf = async (actor: ReturnType<typeof requireActor>) => {
    const row = await loadMe(actor.userId);
    return {
      user: {
        id: row.id,
        name: row.name,
        email: row.email ?? actor.email,
        locale: row.locale,
        theme: row.theme,
        awayFrom: row.awayFrom,
        awayUntil: row.awayUntil,
        isAdmin: actor.isAdmin,
        orgUnitId: row.orgUnitId,
      },
      workspace: { id: row.wsId, name: row.wsName, slug: row.wsSlug, locale: row.wsLocale, currency: row.wsCurrency },
      grants: actor.grants as Record<string, Record<string, string>>,
      via: actor.via,
    };
  };

  api.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, workspace and grants', response: { 200: meResponse } } },
    async (request) => meOf(requireActor(request)),
  );

  api.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Update own name, language, theme or absence (deputies stand in while it lasts)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          locale: z.enum(LOCALES).optional(),
          theme: z.enum(['light', 'dark', 'auto']).optional(),
          awayFrom: z.iso.date().nullable().optional(),
          awayUntil: z.iso.date().nullable().optional(),
        }),
        response: { 200: meResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      await db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('users')
          .select(['name', 'locale', 'theme', 'awayFrom', 'awayUntil'])
          .where('id', '=', actor.userId)
          .executeTakeFirstOrThrow();
        refuseAbsenceOrder({ ...before, ...body });
        await trx
          .updateTable('users')
          .set({ ...body, updatedAt: new Date(), updatedBy: actor.userId, version: (eb) => eb('version', '+', 1) })
          .where('id', '=', actor.userId)
          .execute();
        const changes = Object.fromEntries(
          Object.entries(body)
            .filter(([k, v]) => before[k as keyof typeof before] !== v)
            .map(([k, v]) => [k, [before[k as keyof typeof before], v]]),
        ) as Record<string, [string, string]>;
        await recordChange(trx, {
          workspaceId: actor.workspaceId,
          entity: 'user',
          recordId: actor.userId,
          action: 'updated',
          actorId: actor.userId,
          changes,
        });
      });
      return meOf(actor);
    },
  );

  api.get(
    '/api-keys',
    {
      schema: {
        tags: ['auth'],
        summary: 'API keys: own ones, or every key of the workspace for administrators',
        response: { 200: z.object({ data: z.array(apiKeyRow) }) },
      },
    },
    async (request) => ({ data: await listApiKeys(db, requireActor(request)) }),
  );

  api.post(
    '/api-keys',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API key; the secret is in this response only',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          userId: z.uuid().optional(),
          roleId: z.uuid().nullable().optional(),
          expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
        }),
        response: { 201: apiKeyRow.extend({ key: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(db, requireActor(request), request.body);
      return reply.code(201).send(created);
    },
  );

  api.delete(
    '/api-keys/:id',
    {
      schema: { tags: ['auth'], summary: 'Revoke an API key', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
    },
    async (request, reply) => {
      await revokeApiKey(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
