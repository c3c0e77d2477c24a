import { type Kysely, sql } from 'kysely';
import type { DB, JsonValue } from '../../db/schema.ts';
import { enqueue, claimJobs, completeJob, failJob, type JobHandler } from './queue.ts';
import { dispatchOutbox, type OutboxConsumer } from './outbox.ts';

export interface WorkerOptions {
  /** How long a claimed job is leased before another worker may take it over. */
  leaseMs?: number;
  batchSize?: number;
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
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
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(db: Kysely<DB>, options: WorkerOptions = {}) {
    this.#db = db;
    this.#options = {
      leaseMs: options.leaseMs ?? 5 * 60_000,
      batchSize: options.batchSize ?? 10,
      pollMs: options.pollMs ?? 1000,
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

  /** One pass: schedules, outbox, then due jobs. Returns how much work was done. */
  async runOnce(): Promise<{ scheduled: number; events: number; jobs: number }> {
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
    tick();
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => {});
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
    const jobs = await claimJobs(this.#db, [...this.#handlers.keys()], this.#options.batchSize, this.#options.leaseMs);
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
