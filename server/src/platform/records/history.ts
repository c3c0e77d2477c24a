import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { AppError } from '../errors.ts';
import type { EntityDescriptor } from './descriptor.ts';
import { findRecord } from './query.ts';

export interface HistoryEntry {
  id: string;
  action: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  /** { field: [before, after] }; custom fields as `custom.<key>`. */
  changes: Record<string, unknown>;
}

const encode = (id: string) => Buffer.from(`a:${id}`).toString('base64url');
function decode(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^a:(\d{1,19})$/.exec(text);
  if (!match) throw new AppError('VALIDATION', 'Invalid cursor', { errors: [{ path: 'cursor', message: 'Invalid cursor' }] });
  return match[1]!;
}

/** Audit entries of a record the actor may read (trash included), newest first, keyset paged. */
export async function recordHistory(
  db: Kysely<DB>,
  actor: Actor,
  entity: EntityDescriptor,
  id: string,
  params: { cursor?: string; limit?: number } = {},
): Promise<{ data: HistoryEntry[]; nextCursor: string | null }> {
  await findRecord(db, actor, entity, id, { deleted: 'any' });
  const limit = Math.min(Math.max(params.limit ?? 50, 1), 200);
  const rows = await db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'a.actorId').on('u.workspaceId', '=', actor.workspaceId))
    .select(['a.id', 'a.action', 'a.at', 'a.actorId', 'a.changes', 'u.name as actorName'])
    .where('a.workspaceId', '=', actor.workspaceId)
    .where('a.entity', '=', entity.name)
    .where('a.recordId', '=', id)
    .$if(params.cursor !== undefined, (qb) => qb.where('a.id', '<', decode(params.cursor!)))
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    data: page.map((r) => ({
      id: String(r.id),
      action: r.action,
      at: new Date(r.at).toISOString(),
      actorId: r.actorId,
      actorName: r.actorName ?? null,
      changes: (r.changes ?? {}) as Record<string, unknown>,
    })),
    nextCursor: rows.length > limit ? encode(String(page.at(-1)!.id)) : null,
  };
}
