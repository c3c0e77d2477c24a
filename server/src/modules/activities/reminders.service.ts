import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requireAdmin } from '../../platform/access/guard.ts';
import type { Trx } from '../../platform/audit/record-change.ts';
import { validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { registerNotificationKind } from '../../platform/notifications/kinds.ts';
import { notify } from '../../platform/notifications/notify.ts';
import type { RecordRow } from '../../platform/records/descriptor.ts';
import { DEFAULT_TIME_ZONE } from '../../platform/records/relative-dates.ts';

registerNotificationKind({ kind: 'reminder', labelKey: 'notificationKinds.reminder', defaults: { inApp: true, email: true, sms: false } });

export const REMINDER_UNITS = ['minutes', 'hours', 'days'] as const;
const UNIT_MINUTES: Record<(typeof REMINDER_UNITS)[number], number> = { minutes: 1, hours: 60, days: 1440 };
const MAX_OFFSET_MINUTES = 366 * 1440;

export interface ReminderOffset {
  amount: number;
  unit: (typeof REMINDER_UNITS)[number];
}

export const offsetMinutes = (r: ReminderOffset) => r.amount * UNIT_MINUTES[r.unit];

/** A task's reminders: how long before its deadline, at most ten, none twice, at most a year. */
export const reminderListSchema = z
  .array(
    z.strictObject({
      amount: z.number().int().min(0, 'validation.notNegative').max(527_040),
      unit: z.enum(REMINDER_UNITS),
    }),
  )
  .max(10)
  .refine((list) => list.every((r) => offsetMinutes(r) <= MAX_OFFSET_MINUTES), 'validation.reminderTooEarly')
  .refine((list) => new Set(list.map(offsetMinutes)).size === list.length, 'validation.reminderTwice');

// ---------------------------------------------------------------------------------------------
// Workspace defaults (X5 "reminder constants"): applied to a new task that names none.

export async function reminderDefaults(db: Kysely<DB>, workspaceId: string): Promise<ReminderOffset[]> {
  const row = await db.selectFrom('workspace').select('settings').where('id', '=', workspaceId).executeTakeFirst();
  const parsed = reminderListSchema.safeParse((row?.settings as { reminderDefaults?: unknown } | undefined)?.reminderDefaults);
  return parsed.success ? parsed.data : [];
}

export async function setReminderDefaults(db: Kysely<DB>, actor: Actor, input: unknown): Promise<ReminderOffset[]> {
  requireAdmin(actor);
  const parsed = reminderListSchema.safeParse(input);
  if (!parsed.success) throw validation(parsed.error.issues.map((i) => ({ path: ['reminders', ...i.path].join('.'), message: i.message })));
  await sql`update workspace set settings = settings || jsonb_build_object('reminderDefaults', ${JSON.stringify(parsed.data)}::jsonb), updated_at = now()
    where id = ${actor.workspaceId}::uuid`.execute(db);
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Scheduling: one reminder row per (task, offset), per callback, per (contract, end date).

/**
 * Brings a task's reminder rows in line with the task: one per offset at deadline − offset, for its
 * assignee. A done, deleted or undated task has none pending; a moved deadline moves the pending ones
 * (and makes a sent one due again for the new deadline); a time more than five minutes past is not scheduled.
 */
export async function syncTaskReminders(trx: Trx, workspaceId: string, task: RecordRow): Promise<void> {
  const parsed = reminderListSchema.safeParse(task.reminders ?? []);
  const offsets = parsed.success ? parsed.data.map(offsetMinutes) : [];
  const dueAt = typeof task.dueAt === 'string' ? task.dueAt : null;
  const live = dueAt && !task.completedAt && !task.deletedAt;
  await sql`update reminder set status = 'cancelled', updated_at = now()
    where task_id = ${task.id}::uuid and kind = 'task' and status = 'pending'
      and (${!live} or not (offset_minutes = any(${offsets}::int[])))`.execute(trx);
  if (!live || !offsets.length) return;
  const ids = offsets.map(() => newId());
  await sql`insert into reminder (id, workspace_id, kind, user_id, task_id, offset_minutes, remind_at, status)
    select o.id, ${workspaceId}::uuid, 'task', ${(task.assigneeId as string | null) ?? null}::uuid, ${task.id}::uuid, o.minutes,
      ${dueAt}::timestamptz - make_interval(mins => o.minutes),
      -- a time that just came (a deadline set exactly a reminder away) still fires; older ones are not scheduled
      case when ${dueAt}::timestamptz - make_interval(mins => o.minutes) > now() - interval '5 minutes' then 'pending' else 'cancelled' end
    from unnest(${ids}::uuid[], ${offsets}::int[]) as o(id, minutes)
    on conflict (task_id, offset_minutes) where kind = 'task' do update set
      user_id = excluded.user_id,
      remind_at = excluded.remind_at,
      status = case when reminder.status = 'sent' and reminder.remind_at = excluded.remind_at then 'sent' else excluded.status end,
      updated_at = now()`.execute(trx);
}

/** A callback's reminder at its time, for its person; done or deleted callbacks have none pending. */
export async function syncCallbackReminder(trx: Trx, workspaceId: string, callback: RecordRow): Promise<void> {
  const live = typeof callback.callAt === 'string' && !callback.doneAt && !callback.deletedAt;
  if (!live) {
    await sql`update reminder set status = 'cancelled', updated_at = now() where callback_id = ${callback.id}::uuid and kind = 'callback' and status = 'pending'`.execute(trx);
    return;
  }
  await sql`insert into reminder (id, workspace_id, kind, user_id, callback_id, remind_at, status)
    values (${newId()}::uuid, ${workspaceId}::uuid, 'callback', ${(callback.userId as string | null) ?? null}::uuid, ${callback.id}::uuid,
      ${callback.callAt as string}::timestamptz, 'pending')
    on conflict (callback_id) where kind = 'callback' do update set
      user_id = excluded.user_id,
      remind_at = excluded.remind_at,
      status = case when reminder.status = 'sent' and reminder.remind_at = excluded.remind_at then 'sent' else 'pending' end,
      updated_at = now()`.execute(trx);
}

export interface ContractReminder {
  workspaceId: string;
  contractId: string;
  endsOn: string;
  userId: string | null;
  title: string;
  link: string;
  remindAt?: Date;
}

/** Schedules a contract's expiry reminder: one per contract and end date, ever. True when new. */
export async function scheduleContractReminder(trx: Trx, r: ContractReminder): Promise<boolean> {
  const { rows } = await sql`insert into reminder (id, workspace_id, kind, notify_kind, user_id, contract_id, ends_on, title, link, remind_at)
    values (${newId()}::uuid, ${r.workspaceId}::uuid, 'contract', 'contract_expiring', ${r.userId}::uuid, ${r.contractId}::uuid, ${r.endsOn}::date,
      ${r.title}, ${r.link}, ${r.remindAt ?? new Date()})
    on conflict (contract_id, ends_on) where kind = 'contract' do nothing
    returning id`.execute(trx);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Firing

type Texts = {
  task: (title: string, due: string) => string;
  callback: (who: string, at: string) => string;
};

const TEXTS: Record<string, Texts> = {
  en: { task: (t, d) => `Reminder: "${t}" is due ${d}`, callback: (w, a) => `Call back ${w} at ${a}` },
  ro: { task: (t, d) => `Memento: „${t}” are termen ${d}`, callback: (w, a) => `Sunați înapoi ${w} la ${a}` },
  pl: { task: (t, d) => `Przypomnienie: termin „${t}” mija ${d}`, callback: (w, a) => `Oddzwoń: ${w}, ${a}` },
  hu: { task: (t, d) => `Emlékeztető: „${t}” határideje ${d}`, callback: (w, a) => `Visszahívás: ${w}, ${a}` },
  uk: { task: (t, d) => `Нагадування: «${t}» — термін ${d}`, callback: (w, a) => `Передзвонити: ${w}, ${a}` },
};

function when(at: Date, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
  } catch {
    return at.toISOString();
  }
}

interface Claimed {
  id: string;
  workspaceId: string;
  kind: string;
  notifyKind: string;
  userId: string | null;
  title: string | null;
  link: string | null;
  taskId: string | null;
  taskTitle: string | null;
  dueAt: Date | null;
  callbackId: string | null;
  callAt: Date | null;
  note: string | null;
  partnerName: string | null;
  contactName: string | null;
  locale: string | null;
  timeZone: string | null;
  gone: boolean;
}

/**
 * The every-minute scan: claims due pending reminders (oldest first, SKIP LOCKED, so concurrent scans
 * of several processes never take the same one) and, in the same transaction, marks them sent and
 * writes their notifications. A crash before the commit leaves them pending; after it they are sent:
 * each fires exactly once. Reads only the partial index on pending due times.
 */
export async function fireDueReminders(db: Kysely<DB>, limit = 200): Promise<{ fired: number; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<Claimed>`
      with due as (
        select id from reminder where status = 'pending' and remind_at <= now()
        order by remind_at limit ${limit} for update skip locked
      ), claimed as (
        update reminder r set status = 'sent', sent_at = now(), updated_at = now() from due where r.id = due.id
        returning r.*
      )
      select c.id, c.workspace_id as "workspaceId", c.kind, c.notify_kind as "notifyKind", c.user_id as "userId", c.title, c.link,
        c.task_id as "taskId", t.title as "taskTitle", t.due_at as "dueAt",
        c.callback_id as "callbackId", cb.call_at as "callAt", cb.note,
        coalesce(tp.name, cp.name) as "partnerName", cc.full_name as "contactName",
        u.locale, w.settings->>'timeZone' as "timeZone",
        (u.id is null or not u.active or u.deleted_at is not null
          or (c.task_id is not null and (t.deleted_at is not null or t.completed_at is not null))
          or (c.callback_id is not null and (cb.deleted_at is not null or cb.done_at is not null))) as gone
      from claimed c
      join workspace w on w.id = c.workspace_id
      left join users u on u.id = c.user_id
      left join task t on t.id = c.task_id
      left join partner tp on tp.id = t.partner_id
      left join callback cb on cb.id = c.callback_id
      left join partner cp on cp.id = cb.partner_id
      left join contact cc on cc.id = cb.contact_id`.execute(trx);
    let fired = 0;
    for (const r of rows) {
      if (r.gone || !r.userId) continue;
      const texts = TEXTS[r.locale ?? 'en'] ?? TEXTS.en!;
      const zone = r.timeZone || DEFAULT_TIME_ZONE;
      let title = r.title;
      let body: string | null = null;
      let link = r.link;
      if (r.kind === 'task' && r.dueAt) {
        title = texts.task(r.taskTitle ?? '', when(new Date(r.dueAt), r.locale ?? 'en', zone));
        body = r.partnerName;
        link = `/r/tasks/${r.taskId}`;
      } else if (r.kind === 'callback' && r.callAt) {
        const who = [r.contactName, r.partnerName].filter(Boolean).join(', ');
        title = texts.callback(who, when(new Date(r.callAt), r.locale ?? 'en', zone));
        body = r.note;
        link = `/r/callbacks/${r.callbackId}`;
      }
      const notificationId = await notify(trx, { workspaceId: r.workspaceId, userId: r.userId, kind: r.notifyKind, title: (title ?? '').slice(0, 500), body, link });
      await sql`update reminder set notification_id = ${notificationId}::uuid where id = ${r.id}::uuid`.execute(trx);
      fired++;
    }
    return { fired, skipped: rows.length - fired };
  });
}

/** The job: fires due reminders in batches (one transaction each) until none is left due. */
export async function fireAllDueReminders(db: Kysely<DB>, batch = 200): Promise<{ fired: number; skipped: number }> {
  const total = { fired: 0, skipped: 0 };
  for (;;) {
    const done = await fireDueReminders(db, batch);
    total.fired += done.fired;
    total.skipped += done.skipped;
    if (done.fired + done.skipped < batch) return total;
  }
}

/** A task's reminder rows (when, status) for whoever may read the task. */
export async function reminderRowsOfTask(db: Kysely<DB>, workspaceId: string, taskId: string) {
  return db.selectFrom('reminder').select(['id', 'offsetMinutes', 'remindAt', 'status', 'sentAt', 'userId'])
    .where('workspaceId', '=', workspaceId).where('taskId', '=', taskId).where('kind', '=', 'task')
    .orderBy('remindAt').execute();
}
