import { type Kysely, sql } from 'kysely';
import type { DB, JsonValue } from '../../db/schema.ts';
import { newId } from '../ids.ts';

export interface NewJob {
  queue: string;
  workspaceId?: string | null;
  payload?: Record<string, JsonValue>;
  runAt?: Date;
  /** A job with this key is created once; enqueueing it again does nothing (no mail sent twice). */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface JobRow {
  id: string;
  queue: string;
  workspaceId: string | null;
  payload: JsonValue;
  attempts: number;
  maxAttempts: number;
}

export interface JobContext {
  db: Kysely<DB>;
  /** Stores progress (e.g. { done: 120, total: 1000 }) that GET /api/v1/jobs/{id} shows. */
  reportProgress(progress: Record<string, JsonValue>): Promise<void>;
}

/** Runs one job; what it returns (JSON) is kept as the job's result. */
export type JobHandler = (job: JobRow, context: JobContext) => Promise<unknown>;

/**
 * Enqueues a job. Pass the business transaction so the job exists exactly when the change commits.
 * Returns the job id, or null when a job with the same dedupe key already exists.
 */
export async function enqueue(db: Kysely<DB>, job: NewJob): Promise<string | null> {
  const row = await db
    .insertInto('job')
    .values({
      id: newId(),
      queue: job.queue,
      workspaceId: job.workspaceId ?? null,
      payload: JSON.stringify(job.payload ?? {}),
      runAt: job.runAt ?? new Date(),
      dedupeKey: job.dedupeKey ?? null,
      maxAttempts: job.maxAttempts ?? 5,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Exponential backoff with jitter: ~2 s, 4 s, 8 s … capped at one hour. */
export function backoffMs(attempts: number, baseMs = 2000): number {
  const exp = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(exp * (0.75 + Math.random() * 0.5));
}

/**
 * Claims due jobs of the given queues with a lease. SKIP LOCKED lets several workers claim in
 * parallel without taking the same job; a running job whose lease expired (its worker died) is due again.
 */
export async function claimJobs(db: Kysely<DB>, queues: string[], limit: number, leaseMs: number, holder: string | null = null): Promise<JobRow[]> {
  if (queues.length === 0) return [];
  // (on the right-hand side `status` is still the old one: a job claimed while "running" was taken
  // over from a holder that is gone, and says so)
  const { rows } = await sql<JobRow>`
    update job set status = 'running', attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now(),
      locked_by = ${holder}, resumed_at = case when status = 'running' then now() else resumed_at end
    where id in (
      select id from job
      where queue = any(${queues}::text[])
        and ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now()))
      order by run_at
      limit ${limit}
      for update skip locked)
    returning id, queue, workspace_id as "workspaceId", payload, attempts, max_attempts as "maxAttempts"`.execute(
    db.withoutPlugins(),
  );
  return rows;
}

export async function completeJob(db: Kysely<DB>, id: string, result: unknown): Promise<void> {
  await db
    .updateTable('job')
    .set({ status: 'done', result: JSON.stringify(result ?? null), lockedUntil: null, lastError: null, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function failJob(db: Kysely<DB>, job: JobRow, error: unknown): Promise<'retry' | 'failed'> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  await db
    .updateTable('job')
    .set({
      status: final ? 'failed' : 'pending',
      runAt: final ? undefined : new Date(Date.now() + backoffMs(job.attempts)),
      lockedUntil: null,
      lastError: message.slice(0, 2000),
      updatedAt: new Date(),
    })
    .where('id', '=', job.id)
    .execute();
  return final ? 'failed' : 'retry';
}
