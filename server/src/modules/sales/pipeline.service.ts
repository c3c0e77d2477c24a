import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requireAdmin } from '../../platform/access/guard.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError, type FieldError, notFound, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/records/write.ts';

type Locale = 'en' | 'ro' | 'pl' | 'hu' | 'uk';
export type Outcome = 'open' | 'won' | 'lost';

export type DocumentKind = 'offer' | 'order';

export interface StageInput {
  id?: string | undefined;
  name: string;
  probability: number;
  outcome: Outcome;
  requiredFields: string[];
  /** Documents an opportunity in this stage may produce (seed 004: offers in Offer, orders in Negotiation). */
  allowsDocuments?: DocumentKind[] | undefined;
}

export interface Stage extends StageInput {
  id: string;
  position: number;
}

/** Opportunity fields a stage may require (the writable ones). */
export const REQUIRABLE_FIELDS = ['partnerId', 'contactId', 'amount', 'currency', 'expectedClose', 'source', 'lostReason', 'nextStep', 'description'] as const;

const NAMES: Record<Locale, { pipeline: string; stages: [string, string, string, string, string] }> = {
  en: { pipeline: 'Sales', stages: ['1 Presentation', '2 Offer', '3 Negotiation', '4 Sale', 'X Lost'] },
  ro: { pipeline: 'Vânzări', stages: ['1 Prezentare', '2 Ofertare', '3 Negociere', '4 Vânzare', 'X Pierdut'] },
  pl: { pipeline: 'Sprzedaż', stages: ['1 Prezentacja', '2 Oferta', '3 Negocjacje', '4 Sprzedaż', 'X Utracona'] },
  hu: { pipeline: 'Értékesítés', stages: ['1 Bemutatás', '2 Ajánlat', '3 Tárgyalás', '4 Eladás', 'X Elveszett'] },
  uk: { pipeline: 'Продажі', stages: ['1 Презентація', '2 Пропозиція', '3 Переговори', '4 Продаж', 'X Втрачено'] },
};

/** The stages of the seed (004): 1 Presentation, 2 Offer, 3 Negotiation, 4 Sale, X Lost. */
function defaultStages(locale: Locale): StageInput[] {
  const [presentation, offer, negotiation, sale, lost] = NAMES[locale].stages;
  return [
    { name: presentation, probability: 10, outcome: 'open', requiredFields: [] },
    { name: offer, probability: 30, outcome: 'open', requiredFields: ['partnerId', 'amount'], allowsDocuments: ['offer'] },
    { name: negotiation, probability: 60, outcome: 'open', requiredFields: ['partnerId', 'amount', 'expectedClose'], allowsDocuments: ['offer', 'order'] },
    { name: sale, probability: 100, outcome: 'won', requiredFields: ['partnerId', 'amount'] },
    { name: lost, probability: 0, outcome: 'lost', requiredFields: ['lostReason'] },
  ];
}

/** The workspace's default pipeline, created with the default stages the first time it is needed. */
export async function ensureDefaultPipeline(db: Kysely<DB>, workspaceId: string, actorId: string | null): Promise<string> {
  const existing = await db.selectFrom('pipeline').select('id').where('workspaceId', '=', workspaceId).where('isDefault', '=', true).where('deletedAt', 'is', null).executeTakeFirst();
  if (existing) return existing.id;
  return inTransaction(db, async (trx) => {
    // one per workspace: the partial unique index settles a race between two first requests
    const ws = await trx.selectFrom('workspace').select('locale').where('id', '=', workspaceId).forUpdate().executeTakeFirstOrThrow();
    const again = await trx.selectFrom('pipeline').select('id').where('workspaceId', '=', workspaceId).where('isDefault', '=', true).where('deletedAt', 'is', null).executeTakeFirst();
    if (again) return again.id;
    const locale = (ws.locale in NAMES ? ws.locale : 'en') as Locale;
    const id = newId();
    await trx.insertInto('pipeline').values({ id, workspaceId, name: NAMES[locale].pipeline, isDefault: true, createdBy: actorId, updatedBy: actorId }).execute();
    await writeStages(trx, workspaceId, id, defaultStages(locale));
    await recordChange(trx, { workspaceId, entity: 'pipeline', recordId: id, action: 'created', actorId, changes: { name: [null, NAMES[locale].pipeline] } });
    return id;
  });
}

async function writeStages(db: Kysely<DB>, workspaceId: string, pipelineId: string, stages: StageInput[]): Promise<Stage[]> {
  const out: Stage[] = [];
  for (const [position, s] of stages.entries()) {
    const id = s.id ?? newId();
    await db
      .insertInto('pipelineStage')
      .values({ id, workspaceId, pipelineId, name: s.name, position, probability: s.probability, outcome: s.outcome, requiredFields: sql`${s.requiredFields}::text[]`, allowsDocuments: sql`${s.allowsDocuments ?? []}::text[]` })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: s.name,
          position,
          probability: s.probability,
          outcome: s.outcome,
          requiredFields: sql`${s.requiredFields}::text[]`,
          allowsDocuments: sql`${s.allowsDocuments ?? []}::text[]`,
          deletedAt: null,
        }),
      )
      .execute();
    out.push({ ...s, allowsDocuments: s.allowsDocuments ?? [], id, position });
  }
  return out;
}

/** A new pipeline starts with the default stages, named in the workspace's language. */
export async function seedStages(db: Kysely<DB>, workspaceId: string, pipelineId: string): Promise<void> {
  const ws = await db.selectFrom('workspace').select('locale').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  await writeStages(db, workspaceId, pipelineId, defaultStages((ws.locale in NAMES ? ws.locale : 'en') as Locale));
}

/** The live stages of a pipeline of the workspace, in order. */
export async function pipelineStages(db: Kysely<DB>, workspaceId: string, pipelineId: string): Promise<Stage[]> {
  const pipeline = await db.selectFrom('pipeline').select('id').where('id', '=', pipelineId).where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!pipeline) throw notFound('Pipeline');
  const rows = await db
    .selectFrom('pipelineStage')
    .select(['id', 'name', 'position', 'probability', 'outcome', 'requiredFields', 'allowsDocuments'])
    .where('pipelineId', '=', pipelineId)
    .where('deletedAt', 'is', null)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ...r, outcome: r.outcome as Outcome, allowsDocuments: r.allowsDocuments as DocumentKind[] }));
}

/**
 * Replaces a pipeline's stages (administrators): names unique, probabilities 0–100, at least one
 * open, one won and one lost stage, required fields among the opportunity's fields. A stage that
 * still holds opportunities cannot be removed. One transaction, audited.
 */
export async function replaceStages(db: Kysely<DB>, actor: Actor, pipelineId: string, stages: StageInput[]): Promise<Stage[]> {
  requireAdmin(actor, 'update');
  const errors: FieldError[] = [];
  const names = new Set<string>();
  stages.forEach((s, i) => {
    if (names.has(s.name.trim().toLowerCase())) errors.push({ path: `stages.${i}.name`, message: 'Another stage has this name' });
    names.add(s.name.trim().toLowerCase());
    s.requiredFields.forEach((f, j) => {
      if (!(REQUIRABLE_FIELDS as readonly string[]).includes(f)) errors.push({ path: `stages.${i}.requiredFields.${j}`, message: `Not a field a stage can require: ${f}` });
    });
  });
  for (const outcome of ['open', 'won', 'lost'] as const) {
    if (!stages.some((s) => s.outcome === outcome)) errors.push({ path: 'stages', message: `validation.pipeline.needs.${outcome}` });
  }
  if (errors.length) throw validation(errors, 'The stages are not valid');
  return inTransaction(db, async (trx) => {
    const before = await pipelineStages(trx, actor.workspaceId, pipelineId);
    const known = new Set(before.map((s) => s.id));
    for (const [i, s] of stages.entries()) {
      if (s.id && !known.has(s.id)) throw validation([{ path: `stages.${i}.id`, message: 'Not a stage of this pipeline' }]);
    }
    const removed = before.filter((s) => !stages.some((n) => n.id === s.id));
    if (removed.length) {
      const used = await trx
        .selectFrom('opportunity')
        .select(['stageId', (eb) => eb.fn.countAll<string>().as('n')])
        .where('stageId', 'in', removed.map((s) => s.id))
        .where('deletedAt', 'is', null)
        .groupBy('stageId')
        .execute();
      if (used.length) {
        const stage = removed.find((s) => s.id === used[0]!.stageId)!;
        throw new AppError('CONFLICT', `${used[0]!.n} opportunities are in the stage "${stage.name}"; move them before removing it`, {
          errors: [{ path: 'stages', message: 'validation.pipeline.stageInUse' }],
        });
      }
      await trx.updateTable('pipelineStage').set({ deletedAt: new Date() }).where('id', 'in', removed.map((s) => s.id)).execute();
    }
    const after = await writeStages(trx, actor.workspaceId, pipelineId, stages);
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'pipeline',
      recordId: pipelineId,
      action: 'updated',
      actorId: actor.userId,
      changes: { stages: [before.map((s) => s.name), after.map((s) => s.name)] },
    });
    return after;
  });
}
