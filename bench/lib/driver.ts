// "The same SQL through the driver": the HTTP application is built in process over a Kysely that logs
// every statement; one request of a path is made, its statements (SQL text and parameters, in order)
// are kept, and then replayed through the bare driver (pg pool / PGlite) without the API around them.
// The ratio of the API's time to the replay's is our cost over the database's.
import type { FastifyInstance } from 'fastify';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import type { DB } from '../../server/src/db/schema.ts';
import { registerModuleWork } from '../../server/src/modules/work.ts';
import { registerBackgroundWork } from '../../server/src/platform/background.ts';
import type { AppContext } from '../../server/src/platform/context.ts';
import { DiskBlobStore } from '../../server/src/platform/files/blob-store.ts';
import type { JobHandler } from '../../server/src/platform/jobs/queue.ts';
import { Worker } from '../../server/src/platform/jobs/worker.ts';
import { Mailer } from '../../server/src/platform/mail/mailer.ts';
import { NotificationHub } from '../../server/src/platform/notifications/hub.ts';
import { type Stats, stats } from './stats.ts';

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export interface InProcess {
  app: FastifyInstance;
  /** The job handlers the modules registered, by queue. */
  handlers: Map<string, JobHandler>;
  /** Makes one GET request and returns its status and the statements it ran. */
  capture(url: string, headers: Record<string, string>): Promise<{ statusCode: number; body: string; statements: Statement[] }>;
  close(): Promise<void>;
}

/** The HTTP application in this process over `database`, with statement capture (no background worker). */
export async function inProcessApp(database: Database, dataDir: string): Promise<InProcess> {
  let recording: Statement[] | null = null;
  const dialect = database.kind === 'postgres' ? new PostgresDialect({ pool: database.pool! }) : new PGliteDialect({ pglite: database.pglite! });
  const db = new Kysely<DB>({
    dialect,
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    log: (event) => {
      if (recording && event.level === 'query') recording.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, SECRET: 'bench-secret-that-is-long-enough-for-signing', SMTP_URL: '' });
  const logged: Database = { ...database, db };
  const ctx: AppContext = {
    config,
    database: logged,
    db,
    mailer: new Mailer(config, db),
    blobs: new DiskBlobStore(`${dataDir}/files`),
    worker: new Worker(db),
    notifications: new NotificationHub(logged),
  };
  const handlers = new Map<string, JobHandler>();
  const register = ctx.worker.registerHandler.bind(ctx.worker);
  ctx.worker.registerHandler = (queue, handler) => {
    handlers.set(queue, handler);
    register(queue, handler);
  };
  registerBackgroundWork(ctx);
  await registerModuleWork(ctx);
  const app = await buildApp(ctx);
  return {
    app,
    handlers,
    async capture(url, headers) {
      recording = [];
      try {
        const res = await app.inject({ method: 'GET', url, headers });
        return { statusCode: res.statusCode, body: res.body, statements: recording };
      } finally {
        recording = null;
      }
    },
    // the dialect shares the database's pool / PGlite: closing the app must not close them
    close: async () => {
      await ctx.worker.stop();
      await ctx.notifications.stop();
      await app.close();
    },
  };
}

/** One connection of the bare driver: a pooled pg client or the PGlite instance. */
interface Runner {
  run(statement: Statement): Promise<void>;
  release(): Promise<void>;
}

async function runner(database: Database): Promise<Runner> {
  if (database.kind === 'postgres') {
    // one client for all: a request's BEGIN, its statements and its COMMIT must share a connection
    const client = await database.pool!.connect();
    return {
      run: async (s) => {
        await client.query(s.sql, s.parameters as unknown[]);
      },
      release: async () => {
        // never hand back a connection inside a transaction (a replay cut short by an error)
        await client.query('rollback').catch(() => {});
        client.release();
      },
    };
  }
  const pglite = database.pglite!;
  return {
    run: async (s) => {
      await pglite.query(s.sql, s.parameters as unknown[]);
    },
    release: async () => {
      // outside a transaction ROLLBACK only warns
      await pglite.query('rollback').catch(() => {});
    },
  };
}

/** Runs statements in order through the bare driver, on one connection. */
export async function replay(database: Database, statements: Statement[]): Promise<void> {
  const r = await runner(database);
  try {
    for (const s of statements) await r.run(s);
  } finally {
    await r.release();
  }
}

/** A statement for the report: a long select list is cut to "select … from …". */
function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const from = flat.indexOf(' from ');
  const short = /^select /i.test(flat) && from > 80 ? `select … ${flat.slice(from + 1)}` : flat;
  return short.length > 400 ? `${short.slice(0, 400)} …` : short;
}

export interface DriverResult extends Stats {
  /** Statements per request (the largest over the sampled requests). */
  statements: number;
  /** The statement that took longest on replay (p50) and its share of the request's SQL time. */
  slowest: { sql: string; p50: number } | null;
}

/**
 * Replays the statements of the captured requests round-robin `iterations` times: per request the
 * time of all its statements; also the slowest single statement.
 */
export async function measureDriver(database: Database, requests: Statement[][], iterations: number): Promise<DriverResult> {
  const total: number[] = [];
  const perStatement = new Map<string, number[]>();
  const r = await runner(database);
  try {
    for (const statements of requests) for (const s of statements) await r.run(s); // warm-up
    for (let i = 0; i < iterations; i++) {
      const statements = requests[i % requests.length]!;
      const start = performance.now();
      for (const s of statements) {
        const t0 = performance.now();
        await r.run(s);
        const list = perStatement.get(s.sql) ?? [];
        list.push(performance.now() - t0);
        perStatement.set(s.sql, list);
      }
      total.push(performance.now() - start);
    }
  } finally {
    await r.release();
  }
  let slowest: DriverResult['slowest'] = null;
  for (const [text, samples] of perStatement) {
    const p50 = stats(samples).p50;
    if (!slowest || p50 > slowest.p50) slowest = { sql: shorten(text), p50 };
  }
  return { ...stats(total), statements: Math.max(0, ...requests.map((r) => r.length)), slowest };
}
