// PGlite runs PostgreSQL single-user, without a checkpointer: WAL would pile up until a clean close,
// and a kill -9 would make the next start replay all of it (45 s after a long import). The open
// database checkpoints once more than its bound was written since the last checkpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

const dir = mkdtempSync(join(tmpdir(), 'kontakt-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;

describe('embedded database on disk', () => {
  it('keeps the WAL since the last checkpoint near its bound while writing, so a restart after a kill replays little', async () => {
    const database = await openDatabase({ dataDir: join(dir, 'pglite'), walBound: { bytes: 1 * MB, everyMs: 20 } });
    const { db } = database;
    const sinceCheckpoint = async () =>
      Number((await sql<{ bytes: string }>`select (pg_current_wal_lsn() - (pg_control_checkpoint()).redo_lsn)::text as bytes`.execute(db)).rows[0]!.bytes);
    try {
      await sql`create table filler (id int primary key, body text not null)`.execute(db);
      let most = 0;
      // about 8 MB of rows in batches, with the pauses a real import has between them (it reads its file)
      for (let batch = 0; batch < 20; batch++) {
        await sql`insert into filler select g, repeat(md5(g::text), 12) from generate_series(${batch * 1000 + 1}::int, ${batch * 1000 + 1000}::int) g`.execute(db);
        await new Promise((resolve) => setTimeout(resolve, 25));
        most = Math.max(most, await sinceCheckpoint());
      }
      // without the keeper it grows with everything written (> 8 MB); with it, the bound and a batch or two
      expect(most).toBeLessThan(4 * MB);
    } finally {
      await database.close();
    }
  }, 60_000);
});
