import { sql } from 'kysely';
import type { Trx } from '../audit/record-change.ts';
import { newId } from '../ids.ts';

export const NOTIFY_CHANNEL = 'kontakt_notification';

export interface NewNotification {
  workspaceId: string;
  userId: string;
  /** What it is about (access_changed, record_shared, task_due …); users choose channels per kind. */
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

/**
 * Stores a notification in the caller's transaction and announces it with NOTIFY, which PostgreSQL
 * (and PGlite) deliver only when that transaction commits — to every server process listening.
 */
export async function notify(trx: Trx, n: NewNotification): Promise<string> {
  const id = newId();
  await trx
    .insertInto('notification')
    .values({ id, workspaceId: n.workspaceId, userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null })
    .execute();
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ id, userId: n.userId })})`.execute(trx);
  return id;
}
