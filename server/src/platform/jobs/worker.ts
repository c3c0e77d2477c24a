import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { DB, JsonValue } from '../../db/schema.ts';
import { newId } from '../ids.ts';
import { enqueue, claimJobs, completeJob, failJob, type JobHandler } from './queue.ts';
import { dispatchOutbox, type OutboxConsumer } from './outbox.ts';

export interface WorkerOptions {
  /** How long a claimed job is leased before another worker may take it over. */
  leaseMs?: number;
  batchSize?: number;
  pollMs?: number;
  /** How often this worker says it is alive (and renews the leases of the jobs it runs). */
  heartbeatMs?: number;
  /** A holder whose heartbeat is older than this is gone, wherever it ran. */
  staleMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Whether a process of this host is alive (EPERM: it is, but belongs to another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs background work for one process: due scheduled jobs are enqueued, outbox events are handed
 * to consumers, and due jobs are run with retries. Several processes may run workers on one database.
 */
export class Worker {
  readonly #db: Kysely<DB>;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #consumers = new Map<string, { consume: OutboxConsumer }>();
  readonly #options: Required<WorkerOptions>;
  /** Who holds the leases this worker takes: recorded in worker_instance, checked by the others. */
  readonly id = newId();
  #registered: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(db: Kysely<DB>, options: WorkerOptions = {}) {
    this.#db = db;
    this.#options = {
      leaseMs: options.leaseMs ?? 5 * 60_000,
      batchSize: options.batchSize ?? 10,
      pollMs: options.pollMs ?? 1000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      staleMs: options.staleMs ?? 90_000,
      log: options.log ?? (() => {}),
    };
  }

  /** The function that runs jobs of a queue; one per queue. */
  registerHandler(queue: string, handler: JobHandler): void {
    this.#handlers.set(queue, handler);
  }

  /** A named outbox consumer: it sees every event once its cursor passes it (see outbox.ts). */
  registerConsumer(name: string, consume: OutboxConsumer): void {
    this.#consumers.set(name, { consume });
  }

  /** Enqueues `queue` every `everySeconds`; several processes never enqueue the same slot twice. */
  async schedule(name: string, queue: string, everySeconds: number, payload: Record<string, JsonValue> = {}): Promise<void> {
    await this.#db
      .insertInto('jobSchedule')
      .values({ name, queue, everySeconds, payload: JSON.stringify(payload) })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ queue, everySeconds, payload: JSON.stringify(payload) }),
      )
      .execute();
  }

  /**
   * Records this worker as a lease holder and releases the leases of holders that are gone: a
   * process of this host that no longer exists (a kill -9, a crash; in a container the new process
   * may even have the dead one's pid), or any holder whose heartbeat is stale. Their jobs are due
   * at once. Runs before the first pass and with every heartbeat.
   */
  async takeOverDeadHolders(): Promise<number> {
    this.#registered ??= this.#db
      .insertInto('workerInstance')
      .values({ id: this.id, hostname: hostname(), pid: process.pid })
      .execute()
      .then(() => {});
    await this.#registered;
    const here = hostname();
    const others = await this.#db.selectFrom('workerInstance').select(['id', 'hostname', 'pid', 'heartbeatAt']).where('id', '<>', this.id).execute();
    const staleBefore = Date.now() - this.#options.staleMs;
    const gone = others
      .filter((o) => (o.hostname === here && (o.pid === process.pid || !processAlive(o.pid))) || o.heartbeatAt.getTime() < staleBefore)
      .map((o) => o.id);
    if (gone.length === 0) return 0;
    const released = await this.#db
      .updateTable('job')
      .set({ lockedUntil: sql<Date>`now() - interval '1 millisecond'` })
      .where('status', '=', 'running')
      .where('lockedBy', 'in', gone)
      .executeTakeFirst();
    await this.#db.deleteFrom('workerInstance').where('id', 'in', gone).execute();
    const count = Number(released.numUpdatedRows);
    if (count) this.#options.log(`released ${count} job lease(s) of ${gone.length} worker(s) that are gone`);
    return count;
  }

  /** Says this worker is alive and renews the leases of the jobs it is running (a long import keeps its lease). */
  async #beat(): Promise<void> {
    await this.#db.updateTable('workerInstance').set({ heartbeatAt: new Date() }).where('id', '=', this.id).execute();
    await sql`update job set locked_until = now() + make_interval(secs => ${this.#options.leaseMs / 1000})
      where status = 'running' and locked_by = ${this.id}`.execute(this.#db);
    await this.takeOverDeadHolders();
  }

  /** One pass: schedules, outbox, then due jobs. Returns how much work was done. */
  async runOnce(): Promise<{ scheduled: number; events: number; jobs: number }> {
    await this.#registered;
    const scheduled = await this.#enqueueDueSchedules();
    const consumers = new Map([...this.#consumers].map(([name, c]) => [name, c.consume]));
    const events = await dispatchOutbox(this.#db, consumers, (name, error) =>
      this.#options.log(`outbox consumer ${name} failed`, error),
    );
    const jobs = await this.#runDueJobs();
    return { scheduled, events, jobs };
  }

  /** Runs passes until nothing is left to do now (tests, CLI). */
  async drain(maxPasses = 50): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      const done = await this.runOnce();
      if (done.scheduled + done.events + done.jobs === 0) return;
    }
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#heartbeat = setInterval(() => {
      this.#beat().catch((error: unknown) => this.#options.log('worker heartbeat failed', error));
    }, this.#options.heartbeatMs);
    this.#heartbeat.unref();
    const first = this.takeOverDeadHolders().catch((error: unknown) => this.#options.log('taking over leases failed', error));
    const tick = () => {
      this.#running = this.runOnce()
        .then((done) => {
          // busy: go again at once; idle: wait for the next poll
          const delay = done.jobs + done.events > 0 ? 0 : this.#options.pollMs;
          if (!this.#stopped) this.#timer = setTimeout(tick, delay);
        })
        .catch((error: unknown) => {
          this.#options.log('worker pass failed', error);
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#options.pollMs * 5);
        });
    };
    this.#running = first.then(tick);
  }

  /** Stops polling, waits for the pass in progress and signs this worker off. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#heartbeat);
    await this.#running?.catch(() => {});
    if (this.#registered) {
      await this.#db
        .deleteFrom('workerInstance')
        .where('id', '=', this.id)
        .execute()
        .catch(() => {});
    }
  }

  async #enqueueDueSchedules(): Promise<number> {
    const due = await this.#db
      .selectFrom('jobSchedule')
      .selectAll()
      .where('nextRunAt', '<=', new Date())
      .execute();
    let count = 0;
    for (const s of due) {
      const slot = Math.floor(s.nextRunAt.getTime() / 1000);
      const id = await enqueue(this.#db, {
        queue: s.queue,
        payload: s.payload as Record<string, JsonValue>,
        dedupeKey: `schedule:${s.name}:${slot}`,
      });
      // the first process to get here moves it into the future; for the others the guard no longer matches
      await sql`update job_schedule
        set next_run_at = greatest(now(), next_run_at) + make_interval(secs => every_seconds)
        where name = ${s.name} and next_run_at <= now()`.execute(this.#db);
      if (id) count++;
    }
    return count;
  }

  async #runDueJobs(): Promise<number> {
    const jobs = await claimJobs(this.#db, [...this.#handlers.keys()], this.#options.batchSize, this.#options.leaseMs, this.#registered ? this.id : null);
    for (const job of jobs) {
      const handler = this.#handlers.get(job.queue)!;
      try {
        const result = await handler(job, {
          db: this.#db,
          reportProgress: async (progress) => {
            await this.#db.updateTable('job').set({ progress: JSON.stringify(progress), updatedAt: new Date() }).where('id', '=', job.id).execute();
          },
        });
        await completeJob(this.#db, job.id, result ?? null);
      } catch (error) {
        const outcome = await failJob(this.#db, job, error);
        this.#options.log(`job ${job.queue}/${job.id} failed (${outcome})`, error);
      }
    }
    return jobs.length;
  }
}
