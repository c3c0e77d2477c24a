import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { groupEntity } from './group.entity.ts';
import { groupLinks, groupMembers, setGroupMembers, setGroupRoles } from './membership.service.ts';

const idParams = z.object({ id: z.uuid() });
const ids = (name: string) => z.strictObject({ [name]: z.array(z.uuid()).max(1000) });
const member = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  position: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  active: z.boolean(),
});

/** Groups: CRUD from the records engine, their members and the roles they hand to their members. */
export async function groupRoutes(root: FastifyInstance): Promise<void> {
  await registerEntityRoutes(root, groupEntity);
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  api.get(
    '/groups/:id/members',
    {
      schema: {
        tags: ['admin'],
        summary: 'Members of a group (directory fields; every member of the workspace may read them)',
        params: idParams,
        response: { 200: z.object({ data: z.array(member) }) },
      },
    },
    async (request) => ({ data: await groupMembers(db, requireActor(request), request.params.id) }),
  );

  api.get(
    '/groups/:id/links',
    {
      schema: {
        tags: ['admin'],
        summary: 'Member and role ids of a group',
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
}
