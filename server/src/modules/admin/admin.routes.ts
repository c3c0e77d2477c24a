import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIONS, SCOPES } from '../../platform/access/actor.ts';
import { AREAS } from '../../platform/access/areas.ts';
import { requireActor, requireAdmin } from '../../platform/access/guard.ts';
import { LOCALES } from '../../platform/auth/auth.routes.ts';
import { createUserWithPassword } from '../../platform/auth/users.ts';
import { validation } from '../../platform/errors.ts';
import { findRecord, publicRow } from '../../platform/records/query.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { groupEntity } from './group.entity.ts';
import { groupLinks, setGroupMembers, setGroupRoles, setUserGroups, setUserRoles, userAccess } from './membership.service.ts';
import { addRecordGrant, listRecordGrants, removeRecordGrant } from './record-grant.service.ts';
import { roleEntity } from './role.entity.ts';
import { userEntity } from './user.entity.ts';

const idParams = z.object({ id: z.uuid() });
const ids = (name: string) => z.strictObject({ [name]: z.array(z.uuid()).max(1000) });
const grantRow = z.object({
  id: z.string(),
  entity: z.string(),
  recordId: z.string(),
  principalType: z.string(),
  principalId: z.string(),
  access: z.string(),
  createdAt: z.date(),
  createdBy: z.string().nullable(),
});

/** Users, groups, roles and record sharing: the organisation model's administration. */
export async function adminRoutes(root: FastifyInstance): Promise<void> {
  await registerEntityRoutes(root, userEntity, { create: false });
  await registerEntityRoutes(root, groupEntity);
  await registerEntityRoutes(root, roleEntity);
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  api.post(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a user who signs in with e-mail and password (or receives an invitation link)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          email: z.email().max(320),
          password: z.string().min(8).max(128).optional(),
          invite: z.boolean().optional(),
          locale: z.enum(LOCALES).default('en'),
          orgUnitId: z.uuid().nullable().optional(),
          isAdmin: z.boolean().default(false),
          roleIds: z.array(z.uuid()).max(100).default([]),
          groupIds: z.array(z.uuid()).max(100).default([]),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      requireAdmin(actor, 'create');
      const body = request.body;
      if (!body.password && !body.invite) {
        throw validation([{ path: 'password', message: 'Give a password or send an invitation' }]);
      }
      const password = body.password ?? crypto.randomUUID() + crypto.randomUUID();
      const userId = await db.transaction().execute(async (trx) => {
        if (body.orgUnitId) {
          const unit = await trx.selectFrom('orgUnit').select('id').where('id', '=', body.orgUnitId).where('workspaceId', '=', actor.workspaceId).executeTakeFirst();
          if (!unit) throw validation([{ path: 'orgUnitId', message: 'Unknown org unit' }]);
        }
        return createUserWithPassword(
          trx,
          { workspaceId: actor.workspaceId, name: body.name, email: body.email, password, locale: body.locale, isAdmin: body.isAdmin, orgUnitId: body.orgUnitId ?? null },
          actor.userId,
        );
      });
      if (body.roleIds.length) await setUserRoles(db, actor, userId, body.roleIds);
      if (body.groupIds.length) await setUserGroups(db, actor, userId, body.groupIds);
      if (body.invite) {
        await root.auth.api.requestPasswordReset({ body: { email: body.email.toLowerCase(), redirectTo: '/reset-password' } });
      }
      const row = await findRecord(db, actor, userEntity, userId);
      return reply.code(201).send(publicRow(userEntity, row));
    },
  );

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
        summary: 'The manager of a user ("my manager" in workflows)',
        params: idParams,
        response: { 200: z.object({ managerId: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await findRecord(db, actor, userEntity, request.params.id);
      return { managerId: (user.managerId as string | null) ?? null };
    },
  );

  api.get(
    '/groups/:id/links',
    {
      schema: {
        tags: ['admin'],
        summary: 'Members and roles of a group',
        params: idParams,
        response: { 200: z.object({ userIds: z.array(z.string()), roleIds: z.array(z.string()) }) },
      },
    },
    async (request) => groupLinks(db, requireActor(request), request.params.id),
  );

  api.put(
    '/groups/:id/members',
    { schema: { tags: ['admin'], summary: 'Set the members of a group', params: idParams, body: ids('userIds'), response: { 200: z.object({ userIds: z.array(z.string()) }) } } },
    async (request) => ({ userIds: await setGroupMembers(db, requireActor(request), request.params.id, request.body.userIds as string[]) }),
  );

  api.put(
    '/groups/:id/roles',
    { schema: { tags: ['admin'], summary: 'Set the roles of a group (granted to its members)', params: idParams, body: ids('roleIds'), response: { 200: z.object({ roleIds: z.array(z.string()) }) } } },
    async (request) => ({ roleIds: await setGroupRoles(db, requireActor(request), request.params.id, request.body.roleIds as string[]) }),
  );

  api.get(
    '/access/areas',
    {
      schema: {
        tags: ['admin'],
        summary: 'Areas, actions and scopes a role can grant',
        response: { 200: z.object({ areas: z.array(z.string()), actions: z.array(z.string()), scopes: z.array(z.string()) }) },
      },
    },
    async (request) => {
      requireActor(request);
      return { areas: [...AREAS], actions: [...ACTIONS], scopes: [...SCOPES] };
    },
  );

  const onRecord = z.object({ entity: z.string().min(1).max(50), recordId: z.uuid() });
  api.get(
    '/record-grants',
    { schema: { tags: ['admin'], summary: 'Who a record is shared with', querystring: onRecord, response: { 200: z.object({ data: z.array(grantRow) }) } } },
    async (request) => ({ data: await listRecordGrants(db, requireActor(request), request.query.entity, request.query.recordId) }),
  );

  api.post(
    '/record-grants',
    {
      schema: {
        tags: ['admin'],
        summary: 'Share a record with a user, group or org unit (read or write)',
        body: z.strictObject({
          entity: z.string().min(1).max(50),
          recordId: z.uuid(),
          principalType: z.enum(['user', 'group', 'org_unit']),
          principalId: z.uuid(),
          access: z.enum(['read', 'write']),
        }),
        response: { 201: grantRow },
      },
    },
    async (request, reply) => reply.code(201).send(await addRecordGrant(db, requireActor(request), request.body)),
  );

  api.delete(
    '/record-grants/:id',
    { schema: { tags: ['admin'], summary: 'Stop sharing a record with someone', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeRecordGrant(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
