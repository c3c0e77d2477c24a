import { validation } from '../errors.ts';

/**
 * Keyset cursors for lists ordered newest first by (created_at, id): opaque base64url of both, so a
 * page continues exactly after the last row even when many rows share a timestamp.
 */
export function decodeTimeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw new Error('bad');
    return [at, id];
  } catch {
    throw validation([{ path: 'cursor', message: 'Invalid cursor' }]);
  }
}

/** One page from rows fetched with limit + 1, and the cursor of the next page (or null). */
export function timePage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url') : null;
  return { data, nextCursor };
}
