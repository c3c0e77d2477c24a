import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { newId } from '../ids.ts';

export interface Limit {
  /** What is counted (e-mail, address …); stored only as a hash. */
  key: string;
  max: number;
}

/**
 * Counts attempts of one kind per key in a sliding window, in the database (every server process sees
 * the same counts). Past `max` attempts within the window the next is refused until the oldest expires.
 */
export class AttemptLimiter {
  readonly #db: Db;
  readonly #kind: string;
  readonly #windowSeconds: number;

  constructor(db: Db, kind: string, windowMs: number) {
    this.#db = db;
    this.#kind = kind;
    this.#windowSeconds = Math.round(windowMs / 1000);
  }

  #hash(key: string): string {
    return createHash('sha256').update(`${this.#kind}\u0000${key}`).digest('hex');
  }

  #since() {
    return sql<Date>`now() - make_interval(secs => ${this.#windowSeconds})`;
  }

  /** Seconds until the next attempt is allowed under every limit; 0 when allowed now. */
  async retryAfter(limits: Limit[]): Promise<number> {
    let wait = 0;
    for (const { key, max } of limits) {
      const row = await this.#db
        .selectFrom('authAttempt')
        .select((eb) => [
          eb.fn.countAll<string>().as('n'),
          sql<number>`extract(epoch from (min(at) + make_interval(secs => ${this.#windowSeconds}) - now()))`.as('left'),
        ])
        .where('kind', '=', this.#kind)
        .where('key', '=', this.#hash(key))
        .where('at', '>', this.#since())
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= max) wait = Math.max(wait, Math.max(1, Math.ceil(Number(row.left))));
    }
    return wait;
  }

  /** Counts one attempt for each key; forgets attempts that left the window. */
  async record(keys: string[]): Promise<void> {
    await this.#db
      .insertInto('authAttempt')
      .values(keys.map((key) => ({ id: newId(), kind: this.#kind, key: this.#hash(key) })))
      .execute();
    await this.#db.deleteFrom('authAttempt').where('kind', '=', this.#kind).where('at', '<', this.#since()).execute();
  }

  async clear(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.#db
      .deleteFrom('authAttempt')
      .where('kind', '=', this.#kind)
      .where('key', 'in', keys.map((k) => this.#hash(k)))
      .execute();
  }
}
