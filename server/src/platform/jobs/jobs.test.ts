import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { recordChange } from '../audit/record-change.ts';
import { newId } from '../ids.ts';
import { contiguous, GAP_WAIT_MS, type OutboxEvent } from './outbox.ts';
import { enqueue } from './queue.ts';
import { Worker } from './worker.ts';

let database: Database;
const ws = newId();
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insertInto('workspace').values({ id: ws, name: 'W', slug: 'w' }).execute();
});
afterAll(() => database.close());

const jobRow = (id: string) => database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe(`jobs (${testDatabaseKind})`, () => {
  it('enqueues inside a transaction: a rolled-back change leaves no job', async () => {
    const key = `rollback-${newId()}`;
    await database.db
      .transaction()
      .execute(async (trx) => {
        await enqueue(trx, { queue: 'test', dedupeKey: key });
        throw new Error('roll back');
      })
      .catch(() => {});
    const found = await database.db.selectFrom('job').select('id').where('dedupeKey', '=', key).execute();
    expect(found).toEqual([]);
  });

  it('creates a job with a dedupe key once', async () => {
    const key = `mail-${newId()}`;
    const first = await enqueue(database.db, { queue: 'test', dedupeKey: key });
    const second = await enqueue(database.db, { queue: 'test', dedupeKey: key });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
  });

  it('runs a job with progress and result', async () => {
    const worker = new Worker(database.db);
    worker.registerHandler('sum', async (job, { reportProgress }) => {
      const { a, b } = job.payload as { a: number; b: number };
      await reportProgress({ done: 1, total: 1 });
      return { sum: a + b };
    });
    const id = (await enqueue(database.db, { queue: 'sum', payload: { a: 2, b: 3 } }))!;
    await worker.drain();
    const row = await jobRow(id);
    expect(row.status).toBe('done');
    expect(row.result).toEqual({ sum: 5 });
    expect(row.progress).toEqual({ done: 1, total: 1 });
  });

  it('retries a failing job with backoff and gives up after max attempts', async () => {
    const worker = new Worker(database.db);
    let calls = 0;
    worker.registerHandler('flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const id = (await enqueue(database.db, { queue: 'flaky', maxAttempts: 3 }))!;
    await worker.runOnce();
    let row = await jobRow(id);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(row.lastError).toBe('boom 1');
    // make it due again twice
    for (let i = 0; i < 2; i++) {
      await database.db.updateTable('job').set({ runAt: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
      await worker.runOnce();
    }
    row = await jobRow(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(3);
    expect(calls).toBe(3);
  });

  it('takes over a running job whose lease expired (its worker died)', async () => {
    const id = (await enqueue(database.db, { queue: 'lease' }))!;
    await database.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, lockedUntil: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const worker = new Worker(database.db);
    let ran = 0;
    worker.registerHandler('lease', async () => {
      ran++;
    });
    await worker.drain();
    expect(ran).toBe(1);
    expect((await jobRow(id)).status).toBe('done');
  });

  it('never runs the same job twice when two workers race', async () => {
    const runs = new Map<string, number>();
    const make = () => {
      const w = new Worker(database.db, { batchSize: 3 });
      w.registerHandler('race', async (job) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      });
      return w;
    };
    const ids = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueue(database.db, { queue: 'race', payload: { i } }));
    const [a, b] = [make(), make()];
    await Promise.all([a.drain(), b.drain()]);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from job where queue = 'race' and status = 'done'`.execute(database.db);
    expect(rows[0]!.n).toBe(40);
  });

  it('enqueues a due schedule once even with two workers', async () => {
    const a = new Worker(database.db);
    const b = new Worker(database.db);
    let ran = 0;
    for (const w of [a, b]) {
      w.registerHandler('nightly', async () => {
        ran++;
      });
    }
    await a.schedule('nightly-test', 'nightly', 3600);
    await Promise.all([a.runOnce(), b.runOnce()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(ran).toBe(1);
    const schedule = await database.db.selectFrom('jobSchedule').selectAll().where('name', '=', 'nightly-test').executeTakeFirstOrThrow();
    expect(schedule.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
  });
});

describe(`leases of workers that are gone (${testDatabaseKind})`, () => {
  /** A job that a holder claimed with a five-minute lease and was running when it died. */
  async function runningJob(queue: string, holder: string): Promise<string> {
    const id = (await enqueue(database.db, { queue }))!;
    await database.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, lockedBy: holder, lockedUntil: new Date(Date.now() + 5 * 60_000) })
      .where('id', '=', id)
      .execute();
    return id;
  }

  it('resumes at once, on start, the job of a worker process killed with SIGKILL, and says it resumed', async () => {
    // a real process holds the lease, registered as a server's worker registers itself
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    const holder = `holder-${newId()}`;
    await database.db.insertInto('workerInstance').values({ id: holder, hostname: hostname(), pid: child.pid! }).execute();
    const id = await runningJob('lease.killed', holder);
    const ran: string[] = [];
    const handler = async () => {
      ran.push(id);
      return { ok: true };
    };

    // while the holder lives, its lease holds
    const early = new Worker(database.db);
    early.registerHandler('lease.killed', handler);
    expect(await early.takeOverDeadHolders()).toBe(0);
    await early.drain();
    expect(ran).toEqual([]);
    await early.stop();

    child.kill('SIGKILL');
    await once(child, 'exit');
    const worker = new Worker(database.db, { pollMs: 20 });
    worker.registerHandler('lease.killed', handler);
    const started = Date.now();
    worker.start();
    try {
      while ((await jobRow(id)).status !== 'done' && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
    const row = await jobRow(id);
    expect(row.status).toBe('done');
    expect(ran).toEqual([id]);
    expect(row.resumedAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    // the dead holder is forgotten, and so is the worker that stopped
    expect(await database.db.selectFrom('workerInstance').select('id').where('id', 'in', [holder, worker.id]).execute()).toEqual([]);
  });

  it('releases the lease of a holder on another host whose heartbeat is stale, not of one that beats', async () => {
    const stale = `stale-${newId()}`;
    const alive = `alive-${newId()}`;
    await database.db
      .insertInto('workerInstance')
      .values([
        { id: stale, hostname: 'another-host.example', pid: 1, heartbeatAt: new Date(Date.now() - 10 * 60_000) },
        { id: alive, hostname: 'another-host.example', pid: 1, heartbeatAt: new Date() },
      ])
      .execute();
    const staleJob = await runningJob('lease.hosts', stale);
    const aliveJob = await runningJob('lease.hosts', alive);
    const worker = new Worker(database.db);
    worker.registerHandler('lease.hosts', async () => null);
    expect(await worker.takeOverDeadHolders()).toBe(1);
    await worker.drain();
    expect((await jobRow(staleJob)).status).toBe('done');
    expect((await jobRow(aliveJob)).status).toBe('running');
    await worker.stop();
  });
});

describe(`outbox (${testDatabaseKind})`, () => {
  it('hands every committed event to each consumer once, in order, and never a rolled-back one', async () => {
    const seen: Record<string, string[]> = { a: [], b: [] };
    const worker = new Worker(database.db);
    worker.registerConsumer('a', async (events) => {
      seen.a!.push(...events.map((e) => e.type));
    });
    worker.registerConsumer('b', async (events) => {
      seen.b!.push(...events.map((e) => e.type));
    });
    const change = (action: string) =>
      database.db.transaction().execute((trx) =>
        recordChange(trx, { workspaceId: ws, entity: 'thing', recordId: newId(), action, actorId: null }),
      );
    await worker.drain(); // consume events of earlier tests
    seen.a = [];
    seen.b = [];
    await change('one');
    await database.db
      .transaction()
      .execute(async (trx) => {
        await recordChange(trx, { workspaceId: ws, entity: 'thing', recordId: newId(), action: 'lost', actorId: null });
        throw new Error('roll back');
      })
      .catch(() => {});
    await change('two');
    // the rolled-back id leaves a gap; with no transaction in flight it is passed at once
    await worker.drain();
    expect(seen.a).toEqual(['thing.one', 'thing.two']);
    expect(seen.b).toEqual(['thing.one', 'thing.two']);
    await worker.drain();
    expect(seen.a).toEqual(['thing.one', 'thing.two']);
  });

  it('rolls the cursor back with a consumer that fails, so the events come again', async () => {
    const worker = new Worker(database.db);
    let fail = true;
    const got: string[] = [];
    worker.registerConsumer('fragile', async (events) => {
      if (fail) throw new Error('down');
      got.push(...events.map((e) => e.type));
    });
    await database.db.transaction().execute((trx) =>
      recordChange(trx, { workspaceId: ws, entity: 'fragile', recordId: newId(), action: 'x', actorId: null }),
    );
    await expect(worker.runOnce()).resolves.toMatchObject({ events: 0 });
    expect(got).toEqual([]);
    fail = false;
    await worker.drain();
    expect(got).toContain('fragile.x');
  });

  it('waits at a gap while another transaction is still open, and passes it once that one commits', async () => {
    const got: string[] = [];
    const worker = new Worker(database.db);
    worker.registerConsumer('patient', async (events) => {
      got.push(...events.map((e) => e.type));
    });
    await worker.drain();
    got.length = 0;
    if (database.kind === 'pglite') {
      // one connection: no transaction can be open while the dispatcher reads, so gaps are rollbacks only
      await database.db.transaction().execute((trx) => recordChange(trx, { workspaceId: ws, entity: 'late', recordId: newId(), action: 'x', actorId: null }));
      await worker.drain();
      expect(got).toEqual(['late.x']);
      return;
    }
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = database.db.transaction().execute(async (trx) => {
      await recordChange(trx, { workspaceId: ws, entity: 'late', recordId: newId(), action: 'first', actorId: null });
      await gate;
    });
    await new Promise((r) => setTimeout(r, 50));
    await database.db.transaction().execute((trx) => recordChange(trx, { workspaceId: ws, entity: 'late', recordId: newId(), action: 'second', actorId: null }));
    await worker.drain();
    expect(got).toEqual([]);
    release();
    await slow;
    await worker.drain();
    expect(got).toEqual(['late.first', 'late.second']);
  });

  it('does not wait at a rolled-back gap because of a transaction open in another database of the server', async () => {
    const got: string[] = [];
    const worker = new Worker(database.db);
    worker.registerConsumer('neighbourly', async (events) => {
      got.push(...events.map((e) => e.type));
    });
    await worker.drain();
    got.length = 0;
    // a writing transaction left open elsewhere on the same server (PGlite has no elsewhere)
    const other = database.kind === 'postgres' ? new pg.Client({ connectionString: process.env.TEST_DATABASE_URL }) : null;
    await other?.connect();
    try {
      await other?.query('begin');
      await other?.query('select pg_current_xact_id()');
      // a gap: this event's id is taken and rolled back
      await database.db
        .transaction()
        .execute(async (trx) => {
          await recordChange(trx, { workspaceId: ws, entity: 'gone', recordId: newId(), action: 'x', actorId: null });
          throw new Error('roll back');
        })
        .catch(() => {});
      await database.db.transaction().execute((trx) => recordChange(trx, { workspaceId: ws, entity: 'after', recordId: newId(), action: 'x', actorId: null }));
      await worker.drain();
      expect(got).toEqual(['after.x']);
    } finally {
      await other?.query('rollback');
      await other?.end();
    }
  });

  it('stops before a young gap and passes an old one', () => {
    const ev = (id: number, ageMs: number): OutboxEvent => ({
      id: String(id),
      workspaceId: ws,
      type: 't',
      entity: 'e',
      recordId: null,
      actorId: null,
      payload: {},
      createdAt: new Date(1_000_000 - ageMs),
    });
    const now = 1_000_000;
    expect(contiguous(10n, [ev(11, 0), ev(12, 0), ev(14, 0)], now).map((e) => e.id)).toEqual(['11', '12']);
    expect(contiguous(10n, [ev(11, 0), ev(13, GAP_WAIT_MS + 1)], now).map((e) => e.id)).toEqual(['11', '13']);
    expect(contiguous(10n, [ev(12, 5)], now)).toEqual([]);
    expect(contiguous(10n, [ev(12, 5)], now, 0).map((e) => e.id)).toEqual(['12']);
  });
});
