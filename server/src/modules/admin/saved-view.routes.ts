import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { savedViewCreate, savedViewResponse, savedViewUpdate } from './saved-view.schema.ts';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-view.service.ts';

const tags = ['records'];
const idParams = z.object({ id: z.uuid() });

/** /api/v1/saved-views: personal views, and shared views administrators manage for the workspace. */
export async function savedViewRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/saved-views',
    {
      schema: {
        tags,
        summary: 'My views and the shared views',
        querystring: z.object({ entity: z.string().max(100).optional() }),
        response: { 200: z.object({ data: z.array(savedViewResponse) }) },
      },
    },
    async (request) => ({ data: await listSavedViews(api.ctx.db, requireActor(request), request.query.entity) }),
  );
  app.post(
    '/saved-views',
    { schema: { tags, summary: 'Save a view (shared: administrators)', body: savedViewCreate, response: { 201: savedViewResponse } } },
    async (request, reply) => reply.code(201).send(await createSavedView(api.ctx.db, requireActor(request), request.body)),
  );
  app.patch(
    '/saved-views/:id',
    { schema: { tags, summary: 'Change a saved view', params: idParams, body: savedViewUpdate, response: { 200: savedViewResponse } } },
    async (request) => updateSavedView(api.ctx.db, requireActor(request), request.params.id, request.body),
  );
  app.delete(
    '/saved-views/:id',
    { schema: { tags, summary: 'Delete a saved view', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteSavedView(api.ctx.db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
