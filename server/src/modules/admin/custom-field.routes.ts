import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { customFieldCreate, customFieldResponse, customFieldUpdate } from './custom-field.schema.ts';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './custom-field.service.ts';

const tags = ['admin'];
const idParams = z.object({ id: z.uuid() });

/** /api/v1/custom-fields: administrators define extra fields per entity; every member may list them. */
export async function customFieldRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'List custom field definitions',
        querystring: z.object({ entity: z.string().max(100).optional() }),
        response: { 200: z.object({ data: z.array(customFieldResponse) }) },
      },
    },
    async (request) => ({ data: await listCustomFields(api.ctx.db, requireActor(request), request.query.entity) }),
  );
  app.post(
    '/custom-fields',
    { schema: { tags, summary: 'Add a custom field to an entity', body: customFieldCreate, response: { 201: customFieldResponse } } },
    async (request, reply) => reply.code(201).send(await createCustomField(api.ctx.db, requireActor(request), request.body)),
  );
  app.patch(
    '/custom-fields/:id',
    {
      schema: { tags, summary: 'Change a custom field', params: idParams, body: customFieldUpdate, response: { 200: customFieldResponse } },
    },
    async (request) => updateCustomField(api.ctx.db, requireActor(request), request.params.id, request.body),
  );
  app.delete(
    '/custom-fields/:id',
    { schema: { tags, summary: 'Remove a custom field and its values', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteCustomField(api.ctx.db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
