import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { notFound } from '../errors.ts';

/** Status and progress of a background job (imports, exports …) for the UI's progress bars. */
export async function jobRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'A background job: status, attempts, progress and result',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            id: z.string(),
            queue: z.string(),
            status: z.string(),
            attempts: z.number(),
            maxAttempts: z.number(),
            progress: z.unknown(), // any JSON, null included
            result: z.unknown(), // any JSON, null included
            lastError: z.string().nullable(),
            runAt: z.date(),
            createdAt: z.date(),
            updatedAt: z.date(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const job = await root.ctx.db
        .selectFrom('job')
        .select(['id', 'queue', 'status', 'attempts', 'maxAttempts', 'progress', 'result', 'lastError', 'runAt', 'createdAt', 'updatedAt', 'payload'])
        .where('id', '=', request.params.id)
        .where('workspaceId', '=', actor.workspaceId)
        .executeTakeFirst();
      // a job belongs to whoever started it (payload.actorId); administrators see all of the workspace's
      const owner = (job?.payload as { actorId?: string } | undefined)?.actorId;
      if (!job || (!actor.isAdmin && owner !== actor.userId)) throw notFound('Job');
      const { payload: _payload, ...rest } = job;
      return rest;
    },
  );
}
