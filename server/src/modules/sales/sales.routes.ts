import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { requireEntityPermission, accessWhere } from '../../platform/records/access.ts';
import { findRecord } from '../../platform/records/query.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { updateRecord } from '../../platform/records/write.ts';
import { BOARD_CLOSED_DAYS, pipelineBoard } from './board.service.ts';
import { opportunityEntity } from './opportunity.entity.ts';
import { pipelineEntity } from './pipeline.entity.ts';
import { ensureDefaultPipeline, pipelineStages, REQUIRABLE_FIELDS, replaceStages } from './pipeline.service.ts';

const stage = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  probability: z.number(),
  outcome: z.enum(['open', 'won', 'lost']),
  requiredFields: z.array(z.string()),
  allowsDocuments: z.array(z.string()).optional(),
});
const stageInput = z.strictObject({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(100),
  probability: z.number().int().min(0).max(100),
  outcome: z.enum(['open', 'won', 'lost']),
  requiredFields: z.array(z.enum(REQUIRABLE_FIELDS)).max(REQUIRABLE_FIELDS.length).default([]),
  allowsDocuments: z.array(z.enum(['offer', 'order'])).max(2).default([]),
});
const idParams = z.object({ id: z.uuid() });
const amounts = z.array(z.object({ currency: z.string().nullable(), amount: z.string() }));

/** Pipelines with their stages, opportunities, the kanban board, stage moves and history, the funnel. */
export async function salesRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  // before the generated /pipelines/:id route, so "default" is not read as an id
  api.get(
    '/pipelines/default',
    { schema: { tags: ['sales'], summary: 'The default pipeline with its stages (created on first use)', response: { 200: z.object({ id: z.string(), stages: z.array(stage) }) } } },
    async (request) => {
      const actor = requireActor(request);
      requireEntityPermission(actor, opportunityEntity, 'read');
      const id = await ensureDefaultPipeline(db, actor.workspaceId, actor.userId);
      return { id, stages: await pipelineStages(db, actor.workspaceId, id) };
    },
  );
  await registerEntityRoutes(root, pipelineEntity);
  await registerEntityRoutes(root, opportunityEntity);

  api.get(
    '/pipelines/:id/stages',
    { schema: { tags: ['sales'], summary: 'Stages of a pipeline, in order', params: idParams, response: { 200: z.object({ data: z.array(stage) }) } } },
    async (request) => ({ data: await pipelineStages(db, requireActor(request).workspaceId, request.params.id) }),
  );

  api.put(
    '/pipelines/:id/stages',
    {
      schema: {
        tags: ['sales'],
        summary: 'Replace the stages of a pipeline (administrators): order, probability, outcome, required fields',
        params: idParams,
        body: z.strictObject({ stages: z.array(stageInput).min(3).max(30) }),
        response: { 200: z.object({ data: z.array(stage) }) },
      },
    },
    async (request) => ({ data: await replaceStages(db, requireActor(request), request.params.id, request.body.stages) }),
  );

  api.get(
    '/pipelines/:id/board',
    {
      schema: {
        tags: ['sales'],
        summary:
          'Kanban board: per stage the count, the amounts by currency and the first opportunities (page on with /opportunities?filter=stageId…&cursor=…); won and lost columns hold what closed in the last `closedDays` days',
        params: idParams,
        querystring: z.object({
          perColumn: z.coerce.number().int().min(1).max(100).default(20),
          closedDays: z.coerce.number().int().min(1).max(3660).default(BOARD_CLOSED_DAYS),
        }),
        response: {
          200: z.object({
            closedSince: z.string(),
            data: z.array(stage.extend({ count: z.number(), amounts, items: z.array(z.record(z.string(), z.unknown())), nextCursor: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => pipelineBoard(db, requireActor(request), request.params.id, request.query),
  );

  api.get(
    '/pipelines/:id/funnel',
    {
      schema: {
        tags: ['sales'],
        summary: 'Funnel: how many opportunities reached each stage (from the stage history), and how many are there now',
        params: idParams,
        response: { 200: z.object({ data: z.array(stage.extend({ reached: z.number(), current: z.number() })) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireEntityPermission(actor, opportunityEntity, 'read');
      const stages = await pipelineStages(db, actor.workspaceId, request.params.id);
      const visible = accessWhere(actor, opportunityEntity, 'read', 'o');
      const { rows } = await sql<{ stageId: string; reached: string; current: string }>`
        select h.stage_id as "stageId", count(distinct h.opportunity_id) as reached,
          count(distinct case when o.stage_id = h.stage_id then o.id end) as current
        from opportunity_stage_history h join opportunity o on o.id = h.opportunity_id
        where o.workspace_id = ${actor.workspaceId} and o.pipeline_id = ${request.params.id}::uuid and o.deleted_at is null and ${visible}
        group by h.stage_id`.execute(db);
      // an opportunity that reached a later open stage passed the earlier ones
      const reachedAt = new Map(rows.map((r) => [r.stageId, Number(r.reached)]));
      const open = stages.filter((s) => s.outcome === 'open');
      return {
        data: stages.map((s) => {
          const later = s.outcome === 'open' ? open.filter((o) => o.position > s.position) : [];
          const passed = later.reduce((n, o) => Math.max(n, reachedAt.get(o.id) ?? 0), 0);
          return { ...s, reached: Math.max(reachedAt.get(s.id) ?? 0, passed), current: Number(rows.find((r) => r.stageId === s.id)?.current ?? 0) };
        }),
      };
    },
  );

  api.post(
    '/opportunities/:id/move',
    {
      schema: {
        tags: ['sales'],
        summary: 'Move an opportunity to another stage (kanban); the stage\'s required fields are checked',
        params: idParams,
        body: z.strictObject({ stageId: z.uuid(), version: z.number().int().min(1) }),
      },
    },
    async (request) => updateRecord(db, requireActor(request), opportunityEntity, request.params.id, { stageId: request.body.stageId }, request.body.version),
  );

  api.get(
    '/opportunities/:id/stage-history',
    {
      schema: {
        tags: ['sales'],
        summary: 'The stages an opportunity went through, with the time spent in each',
        params: idParams,
        response: {
          200: z.object({
            data: z.array(z.object({ stageId: z.string(), stageName: z.string(), enteredAt: z.date(), leftAt: z.date().nullable(), seconds: z.number(), actorId: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await findRecord(db, actor, opportunityEntity, request.params.id);
      const rows = await db
        .selectFrom('opportunityStageHistory as h')
        .innerJoin('pipelineStage as s', 's.id', 'h.stageId')
        .select(['h.stageId', 's.name as stageName', 'h.enteredAt', 'h.leftAt', 'h.actorId'])
        .where('h.opportunityId', '=', request.params.id)
        .orderBy('h.enteredAt')
        .execute();
      const now = Date.now();
      return { data: rows.map((r) => ({ ...r, seconds: Math.round(((r.leftAt?.getTime() ?? now) - r.enteredAt.getTime()) / 1000) })) };
    },
  );
}
