import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { accessWhere, requireEntityPermission } from '../../platform/records/access.ts';
import { listRecords } from '../../platform/records/query.ts';
import { opportunityEntity } from './opportunity.entity.ts';
import { pipelineStages } from './pipeline.service.ts';

/** Days back the won and lost columns of the board reach. */
export const BOARD_CLOSED_DAYS = 90;

/**
 * The kanban board of a pipeline: per stage the count and amounts by currency of the opportunities
 * the actor may read, and the first `perColumn` of them (newest change first; the column pages on
 * through the list API with its cursor). Won and lost pile up over the years: their columns hold what
 * closed in the last `closedDays` days, so the board costs what is open, not the whole history.
 */
export async function pipelineBoard(db: Kysely<DB>, actor: Actor, pipelineId: string, options: { perColumn: number; closedDays: number }) {
  requireEntityPermission(actor, opportunityEntity, 'read');
  const stages = await pipelineStages(db, actor.workspaceId, pipelineId);
  const visible = accessWhere(actor, opportunityEntity, 'read', 'o');
  const closedSince = new Date(Date.now() - options.closedDays * 86_400_000).toISOString();
  const open = stages.filter((s) => s.outcome === 'open').map((s) => s.id);
  const closed = stages.filter((s) => s.outcome !== 'open').map((s) => s.id);
  const { rows: totals } = await sql<{ stageId: string; currency: string | null; n: string; amount: string }>`
    select o.stage_id as "stageId", o.currency, count(*) as n, coalesce(sum(o.amount), 0)::text as amount
    from opportunity o
    where o.workspace_id = ${actor.workspaceId} and o.pipeline_id = ${pipelineId}::uuid and o.deleted_at is null and ${visible}
      and (o.stage_id = any(${open}::uuid[]) or (o.stage_id = any(${closed}::uuid[]) and o.closed_at >= ${closedSince}::timestamptz))
    group by o.stage_id, o.currency`.execute(db);
  const columns = await Promise.all(
    stages.map(async (s) => {
      const inStage = { field: 'stageId', op: 'eq', value: s.id };
      const page = await listRecords(db, actor, opportunityEntity, {
        filter: s.outcome === 'open' ? inStage : { and: [inStage, { field: 'closedAt', op: 'gte', value: closedSince }] },
        sort: '-updatedAt',
        limit: options.perColumn,
      });
      const mine = totals.filter((t) => t.stageId === s.id);
      return {
        ...s,
        count: mine.reduce((n, t) => n + Number(t.n), 0),
        amounts: mine.filter((t) => t.currency !== null || t.amount !== '0').map((t) => ({ currency: t.currency, amount: t.amount })),
        items: page.data,
        nextCursor: page.nextCursor,
      };
    }),
  );
  return { closedSince, data: columns };
}
