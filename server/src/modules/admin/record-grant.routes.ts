import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { addRecordGrant, listRecordGrants, removeRecordGrant } from './record-grant.service.ts';

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
const onRecord = z.object({ entity: z.string().min(1).max(50), recordId: z.uuid() });

/** Sharing single records with a user, group or org unit (confidential projects, document folders). */
export async function recordGrantRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

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
    { schema: { tags: ['admin'], summary: 'Stop sharing a record with someone', params: z.object({ id: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeRecordGrant(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
