import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { errorHandler } from './problem.ts';

// Two writes racing past a service's own uniqueness check meet the database's unique index: the
// loser is told of a conflict (409 problem+json), not of a server failure.
let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe(`database errors as problems (${testDatabaseKind})`, () => {
  it('answers 409 problem+json for a unique violation raised by the database, naming nothing of the other row', async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    app.post('/twice', async () => {
      await sql`create table if not exists unique_probe (tax_id text unique)`.execute(db.db);
      await sql`insert into unique_probe values ('RO30540177')`.execute(db.db);
      await sql`insert into unique_probe values ('RO30540177')`.execute(db.db);
      return { ok: true };
    });
    const res = await app.inject({ method: 'POST', url: '/twice' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(res.body).not.toContain('RO30540177');
    await app.close();
  });
});
