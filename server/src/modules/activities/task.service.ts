import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange, type Trx } from '../../platform/audit/record-change.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { registerNotificationKind } from '../../platform/notifications/kinds.ts';
import { notify } from '../../platform/notifications/notify.ts';
import { accessWhere, requireEntityPermission } from '../../platform/records/access.ts';
import type { EntityDescriptor, EntityHooks, RecordRow, RecordValues } from '../../platform/records/descriptor.ts';
import { findRecord } from '../../platform/records/query.ts';
import { createRecord, inTransaction, updateRecord } from '../../platform/records/write.ts';
import { advanceChain, stampChainStep } from './chains.service.ts';
import { linkContactToPartner, requireOrder } from './links.ts';
import { reminderDefaults, syncTaskReminders } from './reminders.service.ts';

registerNotificationKind({ kind: 'task_assigned', labelKey: 'notificationKinds.task_assigned', defaults: { inApp: true, email: true, sms: false } });
registerNotificationKind({ kind: 'task_comment', labelKey: 'notificationKinds.task_comment', defaults: { inApp: true, email: false, sms: false } });

/** The status the rule gives a task now (kontakt_task_status, the one definition, in the database). */
async function statusOf(trx: Trx, task: RecordValues): Promise<string> {
  const at = (v: unknown) => (typeof v === 'string' ? v : null);
  const { rows } = await sql<{ status: string }>`select kontakt_task_status(${at(task.completedAt)}::timestamptz,
    ${at(task.startsAt)}::timestamptz, ${at(task.dueAt)}::timestamptz, now()) as status`.execute(trx);
  return rows[0]!.status;
}

// The dispatch a task is being created for, by transaction: the hook stamps each copy with it.
const dispatching = new WeakMap<Trx, string>();

const changedAny = (patch: RecordValues, names: string[]) => names.some((n) => patch[n] !== undefined);

async function announceAssignment(trx: Trx, actor: Actor, task: RecordRow): Promise<void> {
  const assignee = task.assigneeId;
  if (typeof assignee !== 'string' || assignee === actor.userId) return;
  await notify(trx, {
    workspaceId: actor.workspaceId,
    userId: assignee,
    kind: 'task_assigned',
    title: `${actor.name}: ${String(task.title)}`,
    body: typeof task.dueAt === 'string' ? task.dueAt : null,
    link: `/r/tasks/${task.id}`,
  });
}

export const taskHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    requireOrder(values.startsAt, values.dueAt, 'dueAt', 'validation.dueBeforeStart');
    if (values.assigneeId === undefined || values.assigneeId === null) values.assigneeId = actor.userId;
    await linkContactToPartner(trx, actor.workspaceId, values, values);
    const dispatchId = dispatching.get(trx);
    if (dispatchId) values.dispatchId = dispatchId;
    stampChainStep(trx, values);
    // none named: the workspace's default reminders (an empty list means none)
    if (values.reminders === undefined || values.reminders === null) values.reminders = await reminderDefaults(trx, actor.workspaceId);
    values.status = await statusOf(trx, values);
  },
  async beforeUpdate({ trx, actor }, { before, patch }) {
    const merged = { ...before, ...patch };
    if (changedAny(patch, ['startsAt', 'dueAt'])) requireOrder(merged.startsAt, merged.dueAt, 'dueAt', 'validation.dueBeforeStart');
    if (patch.assigneeId === null) throw validation([{ path: 'assigneeId', message: 'validation.required' }]);
    // all reminders removed
    if (patch.reminders === null) patch.reminders = [];
    await linkContactToPartner(trx, actor.workspaceId, patch, merged);
    if (changedAny(patch, ['startsAt', 'dueAt', 'completedAt'])) patch.status = await statusOf(trx, merged);
  },
  async afterWrite({ trx, actor }, { action, before, after }) {
    if (action === 'created' || (action === 'updated' && before?.assigneeId !== after.assigneeId)) await announceAssignment(trx, actor, after);
    // A3: reminders follow the deadline, the assignee, completion and the trash
    const moved = ['dueAt', 'completedAt', 'assigneeId', 'deletedAt'].some((f) => before?.[f] !== after[f]);
    if (action !== 'updated' || moved || JSON.stringify(before?.reminders) !== JSON.stringify(after.reminders)) {
      await syncTaskReminders(trx, actor.workspaceId, after);
    }
    // A7: completing a step of a chain creates the next one
    if (action === 'updated' && !before?.completedAt && after.completedAt && typeof after.chainId === 'string') await advanceChain(trx, actor, after);
  },
};

/**
 * Every minute: unfinished tasks whose start or deadline has come move on (open → in progress →
 * overdue). Only the computed status changes — not the version, so nobody editing the task gets a
 * conflict for it, and no audit row, as nobody changed the task. Writes recompute it themselves.
 */
export async function refreshTaskStatuses(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number }>`with moved as (
      update task set status = kontakt_task_status(completed_at, starts_at, due_at, now())
      where ((status in ('open', 'in_progress') and due_at < now()) or (status = 'open' and starts_at <= now()))
      returning 1
    ) select count(*)::int as n from moved`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Marks a task done now (with the version the client saw, or the current one). */
export async function completeTask(db: Kysely<DB>, actor: Actor, task: EntityDescriptor, id: string, version?: number) {
  return inTransaction(db, async (trx) => {
    const row = await findRecord(trx, actor, task, id, { action: 'update', forUpdate: true });
    if (row.completedAt) throw new AppError('RULE', 'The task is already done', { errors: [{ path: 'completedAt', message: 'validation.taskAlreadyDone' }] });
    return updateRecord(trx, actor, task, id, { completedAt: new Date().toISOString() }, version ?? 'current');
  });
}

/** Opens a done task again; its status follows its dates. */
export async function reopenTask(db: Kysely<DB>, actor: Actor, task: EntityDescriptor, id: string, version?: number) {
  return inTransaction(db, async (trx) => {
    const row = await findRecord(trx, actor, task, id, { action: 'update', forUpdate: true });
    if (!row.completedAt) throw new AppError('RULE', 'The task is not done', { errors: [{ path: 'completedAt', message: 'validation.taskNotDone' }] });
    return updateRecord(trx, actor, task, id, { completedAt: null }, version ?? 'current');
  });
}

export interface DispatchInput {
  assigneeIds: string[];
  groupIds: string[];
  fields: Record<string, unknown>;
}

/**
 * One task sent to several people at once (A2): a copy for each distinct user named or member of a
 * named group, all in one transaction and sharing a dispatch id; nobody to send it to writes nothing.
 */
export async function dispatchTask(db: Kysely<DB>, actor: Actor, task: EntityDescriptor, input: DispatchInput) {
  requireEntityPermission(actor, task, 'create');
  if ('assigneeId' in input.fields) throw validation([{ path: 'assigneeId', message: 'Use assigneeIds and groupIds to dispatch' }]);
  const assigneeIds = [...new Set(input.assigneeIds)];
  const groupIds = [...new Set(input.groupIds)];
  if (!assigneeIds.length && !groupIds.length) throw validation([{ path: 'assigneeIds', message: 'validation.noAssignees' }], 'Name at least one person or group');
  return inTransaction(db, async (trx) => {
    const people = new Set<string>();
    if (assigneeIds.length) {
      const found = await trx.selectFrom('users').select('id').where('workspaceId', '=', actor.workspaceId).where('id', 'in', assigneeIds)
        .where('active', '=', true).where('canSignIn', '=', true).where('deletedAt', 'is', null).execute();
      if (found.length !== assigneeIds.length) throw validation([{ path: 'assigneeIds', message: 'No such active user in this workspace' }]);
      for (const u of found) people.add(u.id);
    }
    if (groupIds.length) {
      const groups = await trx.selectFrom('userGroup').select('id').where('workspaceId', '=', actor.workspaceId).where('id', 'in', groupIds).where('deletedAt', 'is', null).execute();
      if (groups.length !== groupIds.length) throw validation([{ path: 'groupIds', message: 'No such group in this workspace' }]);
      const members = await trx.selectFrom('userGroupMember as m').innerJoin('users as u', 'u.id', 'm.userId')
        .select(['m.groupId', 'u.id']).where('m.groupId', 'in', groupIds).where('u.workspaceId', '=', actor.workspaceId)
        .where('u.active', '=', true).where('u.canSignIn', '=', true).where('u.deletedAt', 'is', null).execute();
      const empty = groupIds.filter((g) => !members.some((m) => m.groupId === g));
      if (empty.length) throw validation([{ path: 'groupIds', message: 'validation.emptyGroup' }], 'A group has no active members');
      for (const m of members) people.add(m.id);
    }
    const dispatchId = newId();
    dispatching.set(trx, dispatchId);
    try {
      const tasks: RecordRow[] = [];
      for (const assigneeId of people) tasks.push(await createRecord(trx, actor, task, { ...input.fields, assigneeId }));
      return { dispatchId, data: tasks };
    } finally {
      dispatching.delete(trx);
    }
  });
}

export interface TaskComment {
  id: string;
  taskId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: Date;
}

// plain text: control characters other than line breaks and tabs are dropped
const plainText = (text: string) =>
  [...text.replace(/\r\n?/g, '\n')]
    .filter((c) => {
      const code = c.charCodeAt(0);
      return c === '\n' || c === '\t' || (code >= 0x20 && code !== 0x7f);
    })
    .join('')
    .trim();

const commentColumns = ['c.id', 'c.taskId', 'c.authorId', 'u.name as authorName', 'c.body', 'c.createdAt'] as const;

/** The replies on a task, oldest first (for whoever may read the task). */
export async function taskComments(db: Kysely<DB>, actor: Actor, task: EntityDescriptor, taskId: string): Promise<TaskComment[]> {
  await findRecord(db, actor, task, taskId);
  return db.selectFrom('taskComment as c').leftJoin('users as u', 'u.id', 'c.authorId').select(commentColumns)
    .where('c.workspaceId', '=', actor.workspaceId).where('c.taskId', '=', taskId)
    .orderBy('c.createdAt').orderBy('c.id').execute();
}

/**
 * The replies on every copy of a dispatch the actor may read (its author sees them all), oldest first,
 * with the copy's assignee.
 */
export async function dispatchComments(db: Kysely<DB>, actor: Actor, task: EntityDescriptor, dispatchId: string) {
  requireEntityPermission(actor, task, 'read');
  return db.selectFrom('taskComment as c').innerJoin('task as t', 't.id', 'c.taskId').leftJoin('users as u', 'u.id', 'c.authorId')
    .select([...commentColumns, 't.assigneeId'])
    .where('t.dispatchId', '=', dispatchId).where('t.deletedAt', 'is', null).where('c.workspaceId', '=', actor.workspaceId)
    .where(accessWhere(actor, task, 'read', 't'))
    .orderBy('c.createdAt').orderBy('c.id').execute();
}

/** A reply on a task: by anyone who may read it; its author and assignee hear of it; on the partner's timeline. */
export async function addTaskComment(db: Kysely<DB>, actor: Actor, task: EntityDescriptor, taskId: string, text: string): Promise<TaskComment> {
  const body = plainText(text);
  if (!body) throw validation([{ path: 'body', message: 'validation.required' }]);
  return inTransaction(db, async (trx) => {
    const row = await findRecord(trx, actor, task, taskId);
    const id = newId();
    const created = await trx.insertInto('taskComment').values({ id, workspaceId: actor.workspaceId, taskId, authorId: actor.userId, body })
      .returning(['createdAt']).executeTakeFirstOrThrow();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'task',
      recordId: taskId,
      action: 'commented',
      actorId: actor.userId,
      payload: { title: String(row.title), comment: body.slice(0, 500), ...(typeof row.partnerId === 'string' ? { partnerId: row.partnerId } : {}) },
    });
    const others = new Set([row.createdBy, row.assigneeId].filter((u): u is string => typeof u === 'string' && u !== actor.userId));
    for (const userId of others) {
      await notify(trx, { workspaceId: actor.workspaceId, userId, kind: 'task_comment', title: `${actor.name}: ${String(row.title)}`, body: body.slice(0, 500), link: `/r/tasks/${taskId}` });
    }
    return { id, taskId, authorId: actor.userId, authorName: actor.name, body, createdAt: created.createdAt };
  });
}
