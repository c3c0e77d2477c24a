import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, JsonValue } from '../../db/schema.ts';

export interface OutboxEvent {
  id: string;
  workspaceId: string;
  type: string;
  entity: string;
  recordId: string | null;
  actorId: string | null;
  payload: JsonValue;
  createdAt: Date;
}

export type OutboxConsumer = (events: OutboxEvent[], trx: Transaction<DB>) => Promise<void>;

/**
 * A missing id below a visible one is a transaction still open (PostgreSQL hands out identity values
 * before commit) or one rolled back. The dispatcher stops before such a gap until the event after it
 * is this old, so an event committed late is not skipped; after that the gap is taken as a rollback.
 */
export const GAP_WAIT_MS = 10_000;
const BATCH = 500;

/**
 * Hands each consumer the events past its cursor, in id order, in one transaction with the cursor
 * update: its database work and the cursor move commit together (at least once, and consumers are
 * idempotent). A consumer's cursor row is locked, so one process at a time feeds it.
 */
export async function dispatchOutbox(
  db: Kysely<DB>,
  consumers: Map<string, OutboxConsumer>,
  onError: (consumer: string, error: unknown) => void = () => {},
): Promise<number> {
  let delivered = 0;
  for (const [name, consume] of consumers) {
    try {
      delivered += await dispatchTo(db, name, consume);
    } catch (error) {
      // one failing consumer must not hold back the others; its events come again next pass
      onError(name, error);
    }
  }
  return delivered;
}

async function dispatchTo(db: Kysely<DB>, name: string, consume: OutboxConsumer): Promise<number> {
  await db.insertInto('outboxCursor').values({ consumer: name }).onConflict((oc) => oc.doNothing()).execute();
    return db.transaction().execute(async (trx) => {
      const cursor = await sql<{ lastEventId: string }>`
        select last_event_id as "lastEventId" from outbox_cursor where consumer = ${name} for update skip locked`.execute(
        trx.withoutPlugins(),
      );
      const row = cursor.rows[0];
      if (!row) return 0;
      const events = await trx
        .selectFrom('outboxEvent')
        .selectAll()
        .where('id', '>', row.lastEventId)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      // With no other writing transaction in progress in this database a gap can only be a rollback:
      // nothing to wait for. Only transactions of our own database that hold a transaction id (they
      // wrote something) can own a missing id; others on the same server (a report, a benchmark, another
      // application) must not hold our events back. Sessions whose details we may not see count as busy.
      const { rows: running } = await sql<{ busy: boolean }>`
        select exists(select 1 from pg_stat_activity a
          where a.datname = current_database() and a.pid <> pg_backend_pid()
            and (a.backend_xid is not null or a.query = '<insufficient privilege>')) as busy`.execute(trx.withoutPlugins());
      const ready = contiguous(BigInt(row.lastEventId), events, Date.now(), running[0]?.busy ? GAP_WAIT_MS : 0);
      if (ready.length === 0) return 0;
      await consume(ready, trx);
      await trx
        .updateTable('outboxCursor')
        .set({ lastEventId: ready.at(-1)!.id, updatedAt: new Date() })
        .where('consumer', '=', name)
        .execute();
      return ready.length;
    });
}

/** The events up to the first gap younger than `gapWaitMs` in the id sequence. */
export function contiguous(last: bigint, events: OutboxEvent[], now: number, gapWaitMs = GAP_WAIT_MS): OutboxEvent[] {
  const out: OutboxEvent[] = [];
  let expected = last + 1n;
  for (const event of events) {
    const id = BigInt(event.id);
    if (id !== expected && now - event.createdAt.getTime() < gapWaitMs) break;
    out.push(event);
    expected = id + 1n;
  }
  return out;
}
