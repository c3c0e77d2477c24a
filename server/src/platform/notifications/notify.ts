import { type Kysely, sql } from 'kysely';
import type { AppConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Trx } from '../audit/record-change.ts';
import { newId } from '../ids.ts';
import { enqueue, type JobHandler } from '../jobs/queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import { type Channels, notificationKind } from './kinds.ts';
import { normalizePhone, type SmsGateway } from './sms.ts';

export const NOTIFY_CHANNEL = 'kontakt_notification';
export const NOTIFICATION_DELIVERY_QUEUE = 'notification.deliver';

export interface NewNotification {
  workspaceId: string;
  userId: string;
  /** What it is about (access_changed, record_shared, task_due …); users choose channels per kind. */
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

/** The channels a user chose for a kind, else the kind's defaults (in the app only for unknown kinds). */
export async function channelsFor(db: Kysely<DB>, userId: string, kind: string): Promise<Channels> {
  const chosen = await db.selectFrom('notificationPreference').select(['inApp', 'email', 'sms']).where('userId', '=', userId).where('kind', '=', kind).executeTakeFirst();
  return chosen ?? notificationKind(kind)?.defaults ?? { inApp: true, email: false, sms: false };
}

/**
 * Stores a notification in the caller's transaction and announces it with NOTIFY, which PostgreSQL
 * (and PGlite) deliver only when that transaction commits — to every server process listening.
 * E-mail and SMS, when the user chose them for this kind, go through one job enqueued in the same
 * transaction (sent once, retried with backoff).
 */
export async function notify(trx: Trx, n: NewNotification): Promise<string> {
  const id = newId();
  const channels = await channelsFor(trx, n.userId, n.kind);
  const names = [...(channels.inApp ? ['in_app'] : []), ...(channels.email ? ['email'] : []), ...(channels.sms ? ['sms'] : [])];
  await trx
    .insertInto('notification')
    .values({
      id,
      workspaceId: n.workspaceId,
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      inApp: channels.inApp,
      channels: sql`${names}::text[]`,
    })
    .execute();
  if (channels.inApp) await sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ id, userId: n.userId })})`.execute(trx);
  if (channels.email || channels.sms) {
    await enqueue(trx, { queue: NOTIFICATION_DELIVERY_QUEUE, workspaceId: n.workspaceId, payload: { notificationId: id }, dedupeKey: `notification:${id}` });
  }
  return id;
}

/**
 * Delivers a notification by e-mail (through the mail outbox, once per notification) and SMS
 * (through the gateway, recorded in sms_message once). A user without an address or a mobile
 * number simply gets nothing on that channel.
 */
export function notificationDeliveryJob(deps: { db: Kysely<DB>; mailer: Mailer; sms: SmsGateway; config: Pick<AppConfig, 'publicUrl'> }): JobHandler {
  return async (job) => {
    const { notificationId } = job.payload as { notificationId: string };
    const n = await deps.db
      .selectFrom('notification')
      .innerJoin('users', 'users.id', 'notification.userId')
      .select(['notification.id', 'notification.workspaceId', 'notification.title', 'notification.body', 'notification.link', 'notification.channels', 'users.email', 'users.phone'])
      .where('notification.id', '=', notificationId)
      .executeTakeFirst();
    if (!n) return { skipped: 'gone' };
    const link = n.link ? `${deps.config.publicUrl}${n.link.startsWith('/') ? '' : '/'}${n.link}` : null;
    const text = [n.body, link].filter(Boolean).join('\n\n') || n.title;
    const done: Record<string, string> = {};
    if (n.channels.includes('email') && n.email) {
      const sent = await deps.mailer.send({ workspaceId: n.workspaceId, to: n.email, subject: n.title, text, dedupeKey: `notification:${n.id}` });
      done.email = sent.id;
    }
    const phone = normalizePhone(n.phone);
    if (n.channels.includes('sms') && phone) {
      const existing = await deps.db.selectFrom('smsMessage').select(['id', 'status']).where('notificationId', '=', n.id).executeTakeFirst();
      if (existing?.status !== 'sent') {
        const smsId = existing?.id ?? newId();
        const body = `${n.title}${link ? ` ${link}` : ''}`.slice(0, 480);
        if (!existing) {
          await deps.db.insertInto('smsMessage').values({ id: smsId, workspaceId: n.workspaceId, toPhone: phone, body, gateway: deps.sms.name, notificationId: n.id }).execute();
        }
        try {
          const result = await deps.sms.send({ to: phone, text: body });
          await deps.db.updateTable('smsMessage').set({ status: 'sent', gatewayId: result.id, sentAt: new Date(), error: null }).where('id', '=', smsId).execute();
        } catch (error) {
          await deps.db.updateTable('smsMessage').set({ error: (error as Error).message.slice(0, 500) }).where('id', '=', smsId).execute();
          throw error;
        }
        done.sms = smsId;
      }
    }
    return done;
  };
}
