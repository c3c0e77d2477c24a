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

  /**
   * Takes one attempt under every limit at once: the attempt is counted first and checked after, so
   * a parallel burst cannot pass the check together (each sees the attempts counted before it).
   * Over a limit, the attempt is taken back and the answer is the seconds to wait; otherwise the
   * counted rows, which `release` takes back when the attempt turns out not to count (a success).
   * A limit with `max: Infinity` is counted but never refuses.
   */
  async take(limits: Limit[]): Promise<{ wait: number; ids: string[] }> {
    if (!limits.length) return { wait: 0, ids: [] };
    const rows = limits.map((l) => ({ id: newId(), kind: this.#kind, key: this.#hash(l.key) }));
    const ids = rows.map((r) => r.id);
    await this.#db.insertInto('authAttempt').values(rows).execute();
    const counts = await this.#db
      .selectFrom('authAttempt')
      .select((eb) => [
        'key',
        eb.fn.countAll<string>().as('n'),
        sql<number>`extract(epoch from (min(at) + make_interval(secs => ${this.#windowSeconds}) - now()))`.as('left'),
      ])
      .where('kind', '=', this.#kind)
      .where('key', 'in', rows.map((r) => r.key))
      .where('at', '>', this.#since())
      .groupBy('key')
      .execute();
    let wait = 0;
    limits.forEach((limit, i) => {
      const row = counts.find((c) => c.key === rows[i]!.key);
      if (row && Number(row.n) > limit.max) wait = Math.max(wait, Math.max(1, Math.ceil(Number(row.left))));
    });
    if (wait > 0) {
      await this.release(ids);
      return { wait, ids: [] };
    }
    return { wait: 0, ids };
  }

  /** Takes back attempts counted by `take`. */
  async release(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.#db.deleteFrom('authAttempt').where('kind', '=', this.#kind).where('id', 'in', ids).execute();
  }

  /** How many attempts of the key are in the window. */
  async count(key: string): Promise<number> {
    const row = await this.#db
      .selectFrom('authAttempt')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', this.#kind)
      .where('key', '=', this.#hash(key))
      .where('at', '>', this.#since())
      .executeTakeFirstOrThrow();
    return Number(row.n);
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

const SIGN_IN_WINDOW_MS = 15 * 60_000;
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

/**
 * The sign-in limits. Failed sign-ins are counted per e-mail and address (5), per address over every
 * e-mail (30: password spraying) and per e-mail from anywhere (20). Past the first two only that
 * address waits. Past the third the account is under attack from many addresses: it stays open from
 * the addresses that signed in to it successfully in the last 30 days, and only new addresses wait,
 * so guessing from forged or rented addresses does not lock the real user out. The address is the
 * socket's, or X-Forwarded-For from a proxy named in TRUST_PROXY (never from anyone else).
 */
export class SignInGuard {
  readonly #failures: AttemptLimiter;
  readonly #known: AttemptLimiter;

  constructor(db: Db) {
    this.#failures = new AttemptLimiter(db, 'sign-in', SIGN_IN_WINDOW_MS);
    this.#known = new AttemptLimiter(db, 'known-address', KNOWN_ADDRESS_MS);
  }

  /** Counts the attempt before it is made (atomically, see AttemptLimiter.take); wait > 0 = refused. */
  async admit(email: string, ip: string): Promise<{ wait: number; ids: string[] }> {
    const known = (await this.#known.count(`${email}|${ip}`)) > 0;
    return this.#failures.take([
      { key: `${email}|${ip}`, max: 5 },
      { key: `ip|${ip}`, max: 30 },
      { key: email, max: known ? Number.POSITIVE_INFINITY : 20 },
    ]);
  }

  /** After the answer: a failure stays counted; a success is not one, clears the address's count and makes it known. */
  async settle(email: string, ip: string, ids: string[], outcome: 'failed' | 'succeeded' | 'neither'): Promise<void> {
    if (outcome === 'failed') return;
    await this.#failures.release(ids);
    if (outcome !== 'succeeded') return;
    await this.#failures.clear([`${email}|${ip}`]);
    await this.#known.clear([`${email}|${ip}`]);
    await this.#known.record([`${email}|${ip}`]);
  }
}
