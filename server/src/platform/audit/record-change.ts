import { sql, type Transaction } from 'kysely';
import type { DB, JsonValue } from '../../db/schema.ts';

export type Trx = Transaction<DB>;

export interface ChangeRecord {
  workspaceId: string;
  entity: string;
  recordId: string;
  /** created | updated | deleted | restored | merged | … */
  action: string;
  actorId: string | null;
  /** Field diff: { field: [before, after] } (before is null on create, after null on delete). */
  changes?: Record<string, [JsonValue | undefined, JsonValue | undefined]>;
  /** Extra data for outbox consumers (timeline title, linked partner …). */
  payload?: Record<string, JsonValue>;
}

/**
 * Appends the audit row and the domain event for a change. Call it inside the transaction that
 * makes the change, so the change, its audit and its event are committed (or lost) together.
 */
export async function recordChange(trx: Trx, change: ChangeRecord): Promise<void> {
  const changes = JSON.stringify(change.changes ?? {});
  await trx
    .insertInto('auditLog')
    .values({
      workspaceId: change.workspaceId,
      entity: change.entity,
      recordId: change.recordId,
      action: change.action,
      actorId: change.actorId,
      changes,
    })
    .execute();
  await trx
    .insertInto('outboxEvent')
    .values({
      workspaceId: change.workspaceId,
      type: `${change.entity}.${change.action}`,
      entity: change.entity,
      recordId: change.recordId,
      actorId: change.actorId,
      payload: JSON.stringify({ ...(change.payload ?? {}), changes: change.changes ?? {} }),
      // the insert's own time (not the transaction's start): the dispatcher ages id gaps by it
      createdAt: sql<Date>`clock_timestamp()`,
    })
    .execute();
}

/** Field diff of two plain objects over the given keys; unchanged fields are left out. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  keys: readonly string[],
): Record<string, [JsonValue | undefined, JsonValue | undefined]> {
  const out: Record<string, [JsonValue | undefined, JsonValue | undefined]> = {};
  for (const key of keys) {
    const a = normalise(before?.[key]);
    const b = normalise(after?.[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a ?? null, b ?? null];
  }
  return out;
}

function normalise(value: unknown): JsonValue | undefined {
  if (value instanceof Date) return value.toISOString();
  return value as JsonValue | undefined;
}

/** The audit rows and events of many changes made in one transaction, with one INSERT each. */
export async function recordChanges(trx: Trx, changes: ChangeRecord[]): Promise<void> {
  if (!changes.length) return;
  await trx
    .insertInto('auditLog')
    .values(
      changes.map((change) => ({
        workspaceId: change.workspaceId,
        entity: change.entity,
        recordId: change.recordId,
        action: change.action,
        actorId: change.actorId,
        changes: JSON.stringify(change.changes ?? {}),
      })),
    )
    .execute();
  await trx
    .insertInto('outboxEvent')
    .values(
      changes.map((change) => ({
        workspaceId: change.workspaceId,
        type: `${change.entity}.${change.action}`,
        entity: change.entity,
        recordId: change.recordId,
        actorId: change.actorId,
        payload: JSON.stringify({ ...(change.payload ?? {}), changes: change.changes ?? {} }),
        createdAt: sql<Date>`clock_timestamp()`,
      })),
    )
    .execute();
}
