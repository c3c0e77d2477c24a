import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIONS, SCOPES } from '../../platform/access/actor.ts';
import { AREAS, areaLabelKey } from '../../platform/access/areas.ts';
import { requireActor } from '../../platform/access/guard.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { roleEntity } from './role.entity.ts';

/** Roles (CRUD with validated grants from the records engine) and the areas a role can grant. */
export async function roleRoutes(root: FastifyInstance): Promise<void> {
  await registerEntityRoutes(root, roleEntity);
  const api = root.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/access/areas',
    {
      schema: {
        tags: ['admin'],
        summary: 'Areas, actions and scopes a role can grant, with the i18n keys of the area labels',
        response: {
          200: z.object({
            areas: z.array(z.string()),
            labelKeys: z.record(z.string(), z.string()).describe('Area (and "*" = every area) → i18n key of its label'),
            actions: z.array(z.string()),
            scopes: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      requireActor(request);
      const labelKeys = Object.fromEntries([...AREAS, '*' as const].map((area) => [area, areaLabelKey(area)]));
      return { areas: [...AREAS], labelKeys, actions: [...ACTIONS], scopes: [...SCOPES] };
    },
  );
}
