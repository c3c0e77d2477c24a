import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Trx } from '../../platform/audit/record-change.ts';
import { defineEntity, type EntityHooks, type RecordValues } from '../../platform/records/descriptor.ts';
import { ensureDefaultPipeline, pipelineStages, type Stage } from './pipeline.service.ts';
import './pipeline.entity.ts';

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The stage an opportunity is put in must be a live stage of its pipeline, and the opportunity
 * must have every field that stage requires (a move that skips them is refused, naming them).
 */
async function checkStage(trx: Trx, workspaceId: string, merged: RecordValues): Promise<Stage> {
  const stages = await pipelineStages(trx, workspaceId, String(merged.pipelineId));
  const stage = stages.find((s) => s.id === merged.stageId);
  if (!stage) throw new AppError('VALIDATION', 'The stage is not one of the pipeline', { errors: [{ path: 'stageId', message: 'validation.stageNotInPipeline' }] });
  const missing = stage.requiredFields.filter((f) => empty(merged[f]));
  if (missing.length) {
    throw new AppError('VALIDATION', `The stage "${stage.name}" needs: ${missing.join(', ')}`, {
      errors: missing.map((f) => ({ path: f, message: 'validation.stageRequires' })),
      details: { stage: stage.name, missing },
    });
  }
  return stage;
}

const closedAt = (stage: Stage) => (stage.outcome === 'open' ? null : new Date().toISOString());

async function enterStage(trx: Trx, workspaceId: string, opportunityId: string, stageId: string, actorId: string) {
  const now = new Date();
  await trx.updateTable('opportunityStageHistory').set({ leftAt: now }).where('opportunityId', '=', opportunityId).where('leftAt', 'is', null).execute();
  await trx.insertInto('opportunityStageHistory').values({ id: newId(), workspaceId, opportunityId, stageId, enteredAt: now, actorId }).execute();
}

const hooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    values.pipelineId ??= await ensureDefaultPipeline(trx, actor.workspaceId, actor.userId);
    if (empty(values.stageId)) {
      const stages = await pipelineStages(trx, actor.workspaceId, String(values.pipelineId));
      values.stageId = stages.find((s) => s.outcome === 'open')?.id;
    }
    const stage = await checkStage(trx, actor.workspaceId, values);
    values.stageEnteredAt = new Date().toISOString();
    values.closedAt = closedAt(stage);
    if (empty(values.currency) && !empty(values.amount)) {
      const ws = await trx.selectFrom('workspace').select('currency').where('id', '=', actor.workspaceId).executeTakeFirstOrThrow();
      values.currency = ws.currency;
    }
  },
  async beforeUpdate({ trx, actor }, { before, patch }) {
    if (patch.pipelineId !== undefined && patch.pipelineId !== before.pipelineId && patch.stageId === undefined) {
      throw new AppError('VALIDATION', 'Choose a stage of the new pipeline', { errors: [{ path: 'stageId', message: 'validation.stageNotInPipeline' }] });
    }
    const merged = { ...before, ...patch };
    const stage = await checkStage(trx, actor.workspaceId, merged);
    if (patch.stageId !== undefined && patch.stageId !== before.stageId) {
      patch.stageEnteredAt = new Date().toISOString();
      patch.closedAt = closedAt(stage);
    }
  },
  async afterWrite({ trx, actor }, { action, before, after }) {
    if (!after) return;
    if (action === 'created' || (action === 'updated' && before?.stageId !== after.stageId)) {
      await enterStage(trx, actor.workspaceId, after.id, String(after.stageId), actor.userId);
    }
  },
};

/** Opportunities (S2): a possible sale to a partner moving through the stages of a pipeline. */
export const opportunityEntity = defineEntity({
  name: 'opportunity',
  resource: 'opportunities',
  table: 'opportunity',
  area: 'sales',
  labelKey: 'entities.opportunity',
  scope: { ownerColumns: ['owner_id'], orgUnitColumn: 'org_unit_id' },
  customFields: true,
  defaultSort: '-updatedAt',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 300, filterable: true, sortable: true, searchable: true },
    { name: 'pipelineId', column: 'pipeline_id', type: 'reference', to: 'pipeline', filterable: true },
    { name: 'stageId', column: 'stage_id', type: 'uuid', filterable: true, sortable: true },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', filterable: true },
    { name: 'contactId', column: 'contact_id', type: 'reference', to: 'contact', filterable: true },
    { name: 'amount', column: 'amount', type: 'money', currencyField: 'currency', filterable: true, sortable: true },
    { name: 'currency', column: 'currency', type: 'string', max: 3, filterable: true, refine: (s) => s.refine((v) => v == null || /^[A-Z]{3}$/.test(String(v)), 'An ISO currency like RON') },
    { name: 'expectedClose', column: 'expected_close', type: 'date', filterable: true, sortable: true },
    { name: 'source', column: 'source', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'campaignId', column: 'campaign_id', type: 'reference', to: 'campaign', filterable: true },
    { name: 'lostReason', column: 'lost_reason', type: 'string', max: 300, filterable: true },
    { name: 'nextStep', column: 'next_step', type: 'string', max: 300 },
    { name: 'description', column: 'description', type: 'text', max: 20_000 },
    { name: 'stageEnteredAt', column: 'stage_entered_at', type: 'datetime', readOnly: true, filterable: true, sortable: true },
    { name: 'closedAt', column: 'closed_at', type: 'datetime', readOnly: true, filterable: true, sortable: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'orgUnitId', column: 'org_unit_id', type: 'reference', to: 'orgUnit', filterable: true },
  ],
  relations: [
    { name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' },
    { name: 'owner', entity: 'user', kind: 'belongsTo', column: 'owner_id' },
  ],
  search: { title: ['name'], body: ['description'] },
  hooks,
});
