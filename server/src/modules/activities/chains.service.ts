import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import type { Trx } from '../../platform/audit/record-change.ts';
import { HOLIDAY_COUNTRIES, type HolidayCountry, publicHolidays } from '../../platform/calendar/holidays.ts';
import { AppError, type FieldError, validation } from '../../platform/errors.ts';
import { type EntityHooks, getEntity, type RecordRow, type RecordValues } from '../../platform/records/descriptor.ts';
import { createRecord } from '../../platform/records/write.ts';

// the task types (task.entity.ts imports this module's entity indirectly, so the list is not imported)
const STEP_TYPES = ['call', 'meeting', 'offer', 'follow_up', 'other'] as const;
export const STEP_ASSIGNEES = ['user', 'previous', 'author'] as const;

/** The steps of a chain template, in order. */
export const chainStepsSchema = z
  .array(
    z.strictObject({
      title: z.string().trim().min(1).max(300),
      type: z.enum(STEP_TYPES),
      // a user, the assignee of the previous step, or the author (who started the chain)
      assignee: z.enum(STEP_ASSIGNEES),
      assigneeId: z.uuid().optional().meta({ 'x-reference': 'user' }),
      // deadline: this many days after the previous step is done (the chain started, for step 1)
      offsetDays: z.number().int().min(0, 'validation.notNegative').max(3650),
      workingDays: z.boolean().optional(),
    }),
  )
  .min(1, 'validation.chainEmpty')
  .max(50);

type Step = z.infer<typeof chainStepsSchema>[number];

/** Assignee rules that can be followed: no "previous" on the first step, named users active in the workspace. */
async function checkSteps(trx: Trx, workspaceId: string, steps: Step[]): Promise<void> {
  const errors: FieldError[] = [];
  const named = [...new Set(steps.flatMap((s) => (s.assignee === 'user' && s.assigneeId ? [s.assigneeId] : [])))];
  const found = named.length
    ? new Set((await trx.selectFrom('users').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', named)
      .where('active', '=', true).where('deletedAt', 'is', null).execute()).map((u) => u.id))
    : new Set<string>();
  steps.forEach((s, i) => {
    if (s.assignee === 'previous' && i === 0) errors.push({ path: `steps.${i}.assignee`, message: 'validation.noPreviousStep' });
    if (s.assignee === 'user' && !s.assigneeId) errors.push({ path: `steps.${i}.assigneeId`, message: 'validation.required' });
    if (s.assignee === 'user' && s.assigneeId && !found.has(s.assigneeId)) errors.push({ path: `steps.${i}.assigneeId`, message: 'validation.noSuchUser' });
  });
  if (errors.length) throw validation(errors, 'The steps cannot be followed');
}

// a user named for a step only matters when the step's rule is "a user"
const normalizeSteps = (steps: Step[]) => steps.map(({ assigneeId, ...s }) => (s.assignee === 'user' ? { ...s, assigneeId } : s));

export const chainTemplateHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    const steps = normalizeSteps(values.steps as Step[]);
    await checkSteps(trx, actor.workspaceId, steps);
    values.steps = steps;
  },
  async beforeUpdate({ trx, actor }, { patch }) {
    if (patch.steps === undefined) return;
    const steps = normalizeSteps(patch.steps as Step[]);
    await checkSteps(trx, actor.workspaceId, steps);
    patch.steps = steps;
  },
};

// ---------------------------------------------------------------------------------------------

const LOCALE_COUNTRY: Record<string, HolidayCountry> = { ro: 'RO', pl: 'PL', hu: 'HU', uk: 'UA' };

async function workspaceCountry(trx: Trx, workspaceId: string): Promise<HolidayCountry> {
  const row = await trx.selectFrom('workspace').select(['settings', 'locale']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const country = String((row.settings as { country?: unknown } | null)?.country ?? '');
  return (HOLIDAY_COUNTRIES as readonly string[]).includes(country) ? (country as HolidayCountry) : (LOCALE_COUNTRY[row.locale] ?? 'RO');
}

/**
 * `days` after `from` (same time of day); counting working days skips Saturdays, Sundays and the
 * public holidays of the workspace's country.
 */
export function addDays(from: Date, days: number, workingDays: boolean, country: HolidayCountry): Date {
  if (!workingDays) return new Date(from.getTime() + days * 86_400_000);
  const holidays = new Set<string>();
  let at = new Date(from);
  let left = days;
  while (left > 0) {
    at = new Date(at.getTime() + 86_400_000);
    const year = at.getUTCFullYear();
    if (!holidays.has(`y${year}`)) {
      holidays.add(`y${year}`);
      for (const h of publicHolidays(country, year)) holidays.add(h.date);
    }
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(at.toISOString().slice(0, 10))) left--;
  }
  return at;
}

// the chain and step a task is being created for, by transaction: the task hook stamps it
const creatingStep = new WeakMap<Trx, { chainId: string; step: number }>();

/** Called by the task's beforeCreate: a task created for a chain step carries its chain and step. */
export function stampChainStep(trx: Trx, values: RecordValues): void {
  const step = creatingStep.get(trx);
  if (!step) return;
  values.chainId = step.chainId;
  values.chainStep = step.step;
}

interface ChainRow {
  id: string;
  workspaceId: string;
  createdBy: string | null;
  steps: unknown;
  stepCount: number;
  status: string;
  partnerId: string | null;
  opportunityId: string | null;
}

async function activeUser(trx: Trx, workspaceId: string, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const row = await trx.selectFrom('users').select('id').where('id', '=', id).where('workspaceId', '=', workspaceId)
    .where('active', '=', true).where('deletedAt', 'is', null).executeTakeFirst();
  return row?.id ?? null;
}

/** Creates the task of step `number` (1-based) of a chain, its deadline counted from `base`. */
async function createStepTask(trx: Trx, actor: Actor, chain: ChainRow, number: number, base: Date, previousAssignee: string | null): Promise<RecordRow> {
  const step = (chain.steps as Step[])[number - 1]!;
  const author = chain.createdBy ?? actor.userId;
  const chosen = step.assignee === 'user' ? step.assigneeId : step.assignee === 'previous' ? previousAssignee : author;
  // someone who left meanwhile: the author takes the step
  const assigneeId = (await activeUser(trx, chain.workspaceId, chosen)) ?? author;
  const dueAt = addDays(base, step.offsetDays, step.workingDays === true, await workspaceCountry(trx, chain.workspaceId));
  const task = getEntity('task');
  if (!task) throw new Error('the task entity is not registered');
  creatingStep.set(trx, { chainId: chain.id, step: number });
  try {
    // the chain was allowed when it started: its next steps are the system's doing, whoever completes a
    // step, and its author's (who thus follows the whole chain among the tasks they gave)
    const system: Actor = { ...actor, userId: author, isAdmin: true };
    const created = await createRecord(trx, system, task, {
      title: step.title,
      type: step.type,
      assigneeId,
      dueAt: dueAt.toISOString(),
      ...(chain.partnerId ? { partnerId: chain.partnerId } : {}),
      ...(chain.opportunityId ? { opportunityId: chain.opportunityId } : {}),
    });
    await sql`update task_chain set current_step = ${number} where id = ${chain.id}::uuid`.execute(trx);
    return created;
  } finally {
    creatingStep.delete(trx);
  }
}

/**
 * A task of a chain was completed: the next step's task is created in the same transaction — once:
 * the chain row is locked and a step that already has its task (completed, reopened, completed again)
 * gets none (the unique index on chain and step backs this up). After the last step the chain is done.
 */
export async function advanceChain(trx: Trx, actor: Actor, task: RecordRow): Promise<void> {
  const chain = await trx.selectFrom('taskChain').select(['id', 'workspaceId', 'createdBy', 'steps', 'stepCount', 'status', 'partnerId', 'opportunityId'])
    .where('id', '=', String(task.chainId)).where('workspaceId', '=', actor.workspaceId).where('deletedAt', 'is', null)
    .forUpdate().executeTakeFirst();
  if (!chain) return;
  const next = Number(task.chainStep) + 1;
  if (next > chain.stepCount) {
    if (chain.status !== 'done') await sql`update task_chain set status = 'done' where id = ${chain.id}::uuid`.execute(trx);
    return;
  }
  const exists = await trx.selectFrom('task').select('id').where('chainId', '=', chain.id).where('chainStep', '=', next).executeTakeFirst();
  if (exists) return;
  await createStepTask(trx, actor, chain, next, new Date(String(task.completedAt)), typeof task.assigneeId === 'string' ? task.assigneeId : null);
}

export const chainHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    const template = await trx.selectFrom('taskChainTemplate').select(['name', 'steps', 'active'])
      .where('id', '=', String(values.templateId)).where('workspaceId', '=', actor.workspaceId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!template) throw validation([{ path: 'templateId', message: 'No taskChainTemplate with this id' }]);
    if (!template.active) throw new AppError('RULE', 'The template is not active', { errors: [{ path: 'templateId', message: 'validation.templateInactive' }] });
    const steps = chainStepsSchema.safeParse(template.steps);
    if (!steps.success) throw new AppError('RULE', 'The template has no valid steps', { errors: [{ path: 'templateId', message: 'validation.chainEmpty' }] });
    if (typeof values.opportunityId === 'string' && typeof values.partnerId !== 'string') {
      const opportunity = await trx.selectFrom('opportunity').select('partnerId').where('id', '=', values.opportunityId)
        .where('workspaceId', '=', actor.workspaceId).executeTakeFirst();
      if (opportunity?.partnerId) values.partnerId = opportunity.partnerId;
    }
    if (typeof values.partnerId !== 'string' && typeof values.opportunityId !== 'string') {
      throw validation([{ path: 'partnerId', message: 'validation.chainNeedsRecord' }], 'Start a chain on a partner or an opportunity');
    }
    values.name = template.name;
    values.steps = steps.data;
    values.stepCount = steps.data.length;
    values.currentStep = 1;
    values.status = 'running';
  },
  beforeUpdate(_ctx, { before, patch }) {
    if (patch.templateId !== undefined && patch.templateId !== before.templateId) {
      throw new AppError('RULE', 'A running chain keeps its template', { errors: [{ path: 'templateId', message: 'validation.chainTemplateFixed' }] });
    }
  },
  async afterWrite({ trx, actor }, { action, after }) {
    if (action !== 'created') return;
    const chain: ChainRow = {
      id: after.id,
      workspaceId: actor.workspaceId,
      createdBy: actor.userId,
      steps: after.steps,
      stepCount: Number(after.stepCount),
      status: 'running',
      partnerId: typeof after.partnerId === 'string' ? after.partnerId : null,
      opportunityId: typeof after.opportunityId === 'string' ? after.opportunityId : null,
    };
    await createStepTask(trx, actor, chain, 1, new Date(), null);
  },
};
