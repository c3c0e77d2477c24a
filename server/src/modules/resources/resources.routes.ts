import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { validation } from '../../platform/errors.ts';
import { accessWhere } from '../../platform/records/access.ts';
import { findRecord } from '../../platform/records/query.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { reservationEntity, resourceEntity } from './resource.entity.ts';

const MAX_RANGE_DAYS = 92;

/** Resources and reservations (records routes), and when a resource is taken. */
export async function resourceRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;
  await registerEntityRoutes(root, resourceEntity);
  await registerEntityRoutes(root, reservationEntity);

  api.get(
    '/resources/:id/busy',
    {
      schema: {
        tags: ['activities'],
        summary: 'When a resource is taken between two times: every booking, with its title and person when you may read it',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        response: {
          200: z.object({
            data: z.array(
              z.object({ id: z.string().nullable(), startsAt: z.date(), endsAt: z.date(), title: z.string().nullable(), ownerName: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { from, to } = request.query;
      const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (!(span > 0) || span > MAX_RANGE_DAYS) throw validation([{ path: 'to', message: `After "from", at most ${MAX_RANGE_DAYS} days later` }]);
      await findRecord(db, actor, resourceEntity, request.params.id);
      const readable = accessWhere(actor, reservationEntity, 'read', 'r');
      const { rows } = await sql<{ id: string | null; startsAt: Date; endsAt: Date; title: string | null; ownerName: string | null }>`
        select case when ${readable} then r.id end as id, r.starts_at as "startsAt", r.ends_at as "endsAt",
          case when ${readable} then r.title end as title, u.name as "ownerName"
        from reservation r left join users u on u.id = r.owner_id
        where r.workspace_id = ${actor.workspaceId} and r.resource_id = ${request.params.id}::uuid and r.deleted_at is null
          and r.starts_at < ${to}::timestamptz and r.ends_at > ${from}::timestamptz
        order by r.starts_at limit 2000`.execute(db);
      return { data: rows };
    },
  );
}
