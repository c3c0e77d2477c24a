import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { search } from './search.ts';

export async function searchRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Global search over every record the actor may read (typo-tolerant, diacritics- and Cyrillic-insensitive)',
        querystring: z.object({
          q: z.string().trim().min(1).max(200),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          entity: z.string().max(50).optional(),
        }),
        response: {
          200: z.object({
            data: z.array(z.object({ entity: z.string(), id: z.string(), title: z.string(), subtitle: z.string().nullable(), rank: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { q, limit, entity } = request.query;
      return { data: await search(root.ctx.db, actor, q, { limit, entity }) };
    },
  );
}
