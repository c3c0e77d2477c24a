import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireAdmin } from '../../platform/access/guard.ts';
import { LOCALES } from '../../platform/auth/auth.routes.ts';
import { forbidden, validation } from '../../platform/errors.ts';
import { findRecord, publicRow } from '../../platform/records/query.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { entitySchemas } from '../../platform/records/schemas.ts';
import { versionFromIfMatch } from '../../platform/records/write.ts';
import { setUserGroups, setUserRoles, userAccess } from './membership.service.ts';
import { userEntity } from './user.entity.ts';
import {
  createUser,
  redactUserRows,
  refusePrivateQuery,
  resolveManager,
  seesPrivateUserFields,
  setOrgUnitHead,
  setUserActive,
} from './user.service.ts';

const idParams = z.object({ id: z.uuid() });
const ids = (name: string) => z.strictObject({ [name]: z.array(z.uuid()).max(1000) });
const ifMatch = z.looseObject({ 'if-match': z.string().max(50).optional() });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * The directory's generated routes (list, query, get, update, delete, history, export, bulk) in their
 * own plugin scope, so that members who are not administrators get the rows without private fields
 * and cannot filter, sort or read history by them.
 */
async function userDirectoryRoutes(scope: FastifyInstance): Promise<void> {
  scope.addHook('preHandler', async (request) => {
    const actor = request.actor;
    if (!actor || seesPrivateUserFields(actor)) return;
    const params = request.params as { id?: string };
    if (request.routeOptions.url?.endsWith('/history') && params.id !== actor.userId) {
      throw forbidden('Only administrators see the history of other users');
    }
    refusePrivateQuery((request.query ?? {}) as { filter?: unknown; sort?: unknown });
    if (request.method === 'POST') refusePrivateQuery((request.body ?? {}) as { filter?: unknown; sort?: unknown });
  });
  scope.addHook('preSerialization', async (request, _reply, payload) =>
    request.actor && !seesPrivateUserFields(request.actor) ? redactUserRows(payload, request.actor.userId) : payload,
  );
  await registerEntityRoutes(scope, userEntity, { create: false });
}

/** Users: the directory, adding users (password or invitation), activation, roles, groups, "my manager". */
export async function userRoutes(root: FastifyInstance): Promise<void> {
  await root.register(userDirectoryRoutes);
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;
  const record = entitySchemas(userEntity).record;

  api.post(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a user who signs in with e-mail and password (or receives an invitation link), or staff without a login (login: false)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          email: z.email().max(320).optional(),
          login: z.boolean().default(true).describe('false: staff in the directory who never sign in (no password, e-mail optional)'),
          password: z.string().min(8).max(128).optional(),
          invite: z.boolean().optional().describe('E-mail a link to choose a password instead of setting one'),
          locale: z.enum(LOCALES).default('en'),
          orgUnitId: z.uuid().nullable().optional(),
          managerId: z.uuid().nullable().optional(),
          position: optionalText(200),
          phone: optionalText(50),
          birthday: z.iso.date().nullable().optional(),
          isAdmin: z.boolean().default(false),
          roleIds: z.array(z.uuid()).max(100).default([]),
          groupIds: z.array(z.uuid()).max(100).default([]),
        }),
        response: { 201: record },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const body = request.body;
      if (body.login) {
        if (!body.email) throw validation([{ path: 'email', message: 'Required for a user who signs in' }]);
        if (!body.password && !body.invite) throw validation([{ path: 'password', message: 'Give a password or send an invitation' }]);
      } else if (body.password || body.invite) {
        throw validation([{ path: body.password ? 'password' : 'invite', message: 'Staff without a login have no password or invitation' }]);
      }
      const userId = await createUser(db, actor, body);
      if (body.invite) {
        // after the commit: the link is for a user who exists
        await root.auth.api.requestPasswordReset({ body: { email: body.email!.trim().toLowerCase(), redirectTo: '/reset-password' } });
      }
      return reply.code(201).send(publicRow(userEntity, await findRecord(db, actor, userEntity, userId)));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    api.post(
      `/users/:id/${action}`,
      {
        schema: {
          tags: ['admin'],
          summary: active
            ? 'Let a deactivated user sign in again'
            : 'Deactivate a user: signed out everywhere, no sign-in, API keys stop (not the last administrator)',
          params: idParams,
          headers: ifMatch,
          response: { 200: record },
        },
      },
      async (request) =>
        setUserActive(db, requireActor(request), request.params.id, active, versionFromIfMatch(request.headers['if-match'])),
    );
  }

  api.get(
    '/users/:id/access',
    {
      schema: {
        tags: ['admin'],
        summary: 'Roles and groups of a user',
        params: idParams,
        response: { 200: z.object({ roleIds: z.array(z.string()), groupIds: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireAdmin(actor, 'read');
      return userAccess(db, actor, request.params.id);
    },
  );

  api.put(
    '/users/:id/roles',
    { schema: { tags: ['admin'], summary: 'Set the roles of a user', params: idParams, body: ids('roleIds'), response: { 200: z.object({ roleIds: z.array(z.string()) }) } } },
    async (request) => ({ roleIds: await setUserRoles(db, requireActor(request), request.params.id, request.body.roleIds as string[]) }),
  );

  api.put(
    '/users/:id/groups',
    { schema: { tags: ['admin'], summary: 'Set the groups of a user', params: idParams, body: ids('groupIds'), response: { 200: z.object({ groupIds: z.array(z.string()) }) } } },
    async (request) => ({ groupIds: await setUserGroups(db, requireActor(request), request.params.id, request.body.groupIds as string[]) }),
  );

  api.get(
    '/users/:id/manager',
    {
      schema: {
        tags: ['admin'],
        summary: 'The manager of a user ("my manager" in workflows): the explicit manager, else the head of their org unit or of the nearest unit above',
        params: idParams,
        response: { 200: z.object({ managerId: z.string().nullable(), source: z.enum(['manager', 'orgUnitHead']).nullable() }) },
      },
    },
    async (request) => resolveManager(db, requireActor(request), request.params.id),
  );

  api.put(
    '/org-units/:id/head',
    {
      schema: {
        tags: ['admin'],
        summary: 'Name the head of an org unit (the manager of its members without an explicit manager), or null',
        params: idParams,
        body: z.strictObject({ userId: z.uuid().nullable() }),
        response: { 200: z.object({ headUserId: z.string().nullable() }) },
      },
    },
    async (request) => setOrgUnitHead(db, requireActor(request), request.params.id, request.body.userId),
  );
}
