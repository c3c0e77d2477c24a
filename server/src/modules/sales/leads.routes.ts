import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { contractEntity } from './contracts.ts';
import { campaignEntity, competitorEntity } from './leads.entity.ts';
import { assignLeads, competitorsOf, convertToOpportunity, leadRotation, setCompetitors } from './leads.service.ts';

/** Campaigns, competitors, lead assignment (manual and round-robin), lead → prospect + opportunity. */
export async function leadRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;
  await registerEntityRoutes(root, campaignEntity);
  await registerEntityRoutes(root, competitorEntity);
  await registerEntityRoutes(root, contractEntity);

  api.post(
    '/leads/assign',
    {
      schema: {
        tags: ['sales'],
        summary: 'Give leads to one salesperson (manual) or in turn among people or a group (round-robin)',
        body: z.strictObject({
          partnerIds: z.array(z.uuid()).min(1).max(500),
          mode: z.enum(['manual', 'roundRobin']),
          userId: z.uuid().optional(),
          userIds: z.array(z.uuid()).max(100).optional(),
          groupId: z.uuid().optional(),
        }),
        response: { 200: z.object({ data: z.array(z.object({ userId: z.string(), count: z.number() })) }) },
      },
    },
    async (request) => ({ data: await assignLeads(db, requireActor(request), request.body) }),
  );

  api.get(
    '/leads/rotation',
    {
      schema: {
        tags: ['sales'],
        summary: 'A round-robin pool (chosen people or a group) in turn order, the leads each holds, and who gets the next lead',
        querystring: z.object({
          userIds: z
            .string()
            .max(100 * 40)
            .transform((s) => s.split(',').filter(Boolean))
            .pipe(z.array(z.uuid()).max(100))
            .optional()
            .describe('People of the rotation, comma-separated'),
          groupId: z.uuid().optional(),
        }),
        response: {
          200: z.object({
            members: z.array(z.object({ id: z.string(), name: z.string(), leads: z.number() })),
            lastUserId: z.string().nullable(),
            nextUserId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => leadRotation(db, requireActor(request), request.query),
  );

  api.post(
    '/leads/:id/convert',
    {
      schema: {
        tags: ['sales'],
        summary: 'Convert a lead into a prospect with its first opportunity, in one step',
        params: z.object({ id: z.uuid() }),
        body: z.strictObject({
          name: z.string().trim().min(1).max(300).optional(),
          amount: z.string().regex(/^\d{1,15}(\.\d{1,2})?$/).optional(),
          currency: z.string().regex(/^[A-Z]{3}$/).optional(),
          expectedClose: z.iso.date().optional(),
          pipelineId: z.uuid().optional(),
        }),
      },
    },
    async (request, reply) => reply.code(201).send(await convertToOpportunity(db, requireActor(request), request.params.id, request.body)),
  );

  for (const entity of ['partner', 'opportunity'] as const) {
    const base = entity === 'partner' ? '/partners' : '/opportunities';
    const competitor = z.object({ id: z.string(), name: z.string(), website: z.string().nullable() });
    api.get(
      `${base}/:id/competitors`,
      { schema: { tags: ['sales'], summary: `Competitors of a ${entity}`, params: z.object({ id: z.uuid() }), response: { 200: z.object({ data: z.array(competitor) }) } } },
      async (request) => ({ data: await competitorsOf(db, requireActor(request), entity, request.params.id) }),
    );
    api.put(
      `${base}/:id/competitors`,
      {
        schema: {
          tags: ['sales'],
          summary: `Set the competitors of a ${entity}`,
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({ competitorIds: z.array(z.uuid()).max(50) }),
          response: { 200: z.object({ data: z.array(competitor) }) },
        },
      },
      async (request) => ({ data: await setCompetitors(db, requireActor(request), entity, request.params.id, request.body.competitorIds) }),
    );
  }
}
