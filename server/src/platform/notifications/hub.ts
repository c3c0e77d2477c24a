import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Database } from '../../db/database.ts';
import { NOTIFY_CHANNEL } from './notify.ts';

export interface NotificationSignal {
  id: string;
  userId: string;
}

/**
 * This process's ear on the notification channel: PGlite's own listener, or one LISTEN connection to
 * PostgreSQL (so notifications written by any process reach users connected to this one). Streams
 * subscribe per user.
 */
export class NotificationHub {
  readonly #database: Database;
  readonly #events = new EventEmitter();
  #stop: (() => Promise<void>) | undefined;
  #starting: Promise<void> | undefined;

  constructor(database: Database) {
    this.#database = database;
    this.#events.setMaxListeners(0);
  }

  #dispatch = (payload: string) => {
    try {
      const signal = JSON.parse(payload) as NotificationSignal;
      this.#events.emit(signal.userId, signal);
    } catch {
      // not ours
    }
  };

  /** Starts listening (idempotent). */
  start(): Promise<void> {
    this.#starting ??= this.#listen();
    return this.#starting;
  }

  async #listen(): Promise<void> {
    if (this.#database.pglite) {
      const unlisten = await this.#database.pglite.listen(NOTIFY_CHANNEL, this.#dispatch);
      this.#stop = () => unlisten();
      return;
    }
    const options = this.#database.pool!.options;
    let client: pg.Client | undefined;
    let stopped = false;
    const connect = async (): Promise<void> => {
      client = new pg.Client(options);
      client.on('notification', (message) => message.payload && this.#dispatch(message.payload));
      client.on('error', () => {
        // reconnect after a dropped connection; notifications sent meanwhile are still in the table
        if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000);
      });
      await client.connect();
      await client.query(`listen ${NOTIFY_CHANNEL}`);
    };
    await connect();
    this.#stop = async () => {
      stopped = true;
      await client?.end().catch(() => {});
    };
  }

  subscribe(userId: string, listener: (signal: NotificationSignal) => void): () => void {
    this.#events.on(userId, listener);
    return () => this.#events.off(userId, listener);
  }

  async stop(): Promise<void> {
    await this.#starting?.catch(() => {});
    await this.#stop?.();
    this.#starting = undefined;
    this.#stop = undefined;
  }
}
