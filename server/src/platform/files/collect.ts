import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from './blob-store.ts';

export const FILES_COLLECT_QUEUE = 'files.collect';

/** A blob younger than this is never collected: its upload may still be on the way to its row. */
export const COLLECT_GRACE_MS = 6 * 60 * 60 * 1000;

const BATCH = 500;

/**
 * Removes stored blobs that no file_blob row references (a refused or interrupted upload, a file
 * whose rows went with a restore --force) and leftovers of interrupted uploads, once they are older
 * than the grace period. Blobs with a row stay, even when only trashed records point at them.
 */
export async function collectUnreferencedBlobs(
  db: Kysely<DB>,
  blobs: BlobStore,
  options: { graceMs?: number; now?: Date } = {},
): Promise<{ blobs: number; partial: number }> {
  // ages by the storage's own clock, which dated the files: a server clock that differs from it (a
  // shared volume, a clock moved) must not make an upload on its way look old
  const before = (options.now ?? (await blobs.now())).getTime() - (options.graceMs ?? COLLECT_GRACE_MS);
  const removed = { blobs: 0, partial: 0 };
  let batch: string[] = [];
  const sweep = async () => {
    if (batch.length === 0) return;
    const { rows } = await sql<{ sha256: string }>`select sha256 from file_blob where sha256 = any(${batch}::text[])`.execute(db);
    const referenced = new Set(rows.map((r) => r.sha256));
    for (const sha256 of batch) {
      if (referenced.has(sha256)) continue;
      await blobs.delete(sha256);
      removed.blobs++;
    }
    batch = [];
  };
  for await (const blob of blobs.list()) {
    if (blob.storedAt.getTime() > before) continue;
    if (blob.partial) {
      await blobs.deletePartial(blob.partial);
      removed.partial++;
    } else if (blob.sha256) {
      batch.push(blob.sha256);
      if (batch.length >= BATCH) await sweep();
    }
  }
  await sweep();
  return removed;
}
