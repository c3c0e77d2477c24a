import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where file contents live, addressed by their SHA-256; S3-compatible storage can implement it too. */
export interface BlobStore {
  /** Stores content (once per hash); storing content that is already there marks it as new again. */
  put(content: Readable): Promise<{ sha256: string; size: number; head: Buffer }>;
  get(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Every stored blob with when it was last stored, and leftovers of interrupted uploads (`partial`). */
  list(): AsyncIterable<{ sha256: string | null; storedAt: Date; partial?: string }>;
  /** Removes a leftover of an interrupted upload, as named by list(). */
  deletePartial(name: string): Promise<void>;
  /** The storage's own present time, the clock list()'s times come from (it may differ from the server's). */
  now(): Promise<Date>;
}

/** How many first bytes of a file its type is told from (file-type's need). */
export const HEAD_BYTES = 4100;
const SHA = /^[0-9a-f]{64}$/;

/** Blobs on the local disk under root/ab/cd/<sha256>; the same content is stored once. */
export class DiskBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #path(sha256: string): string {
    if (!SHA.test(sha256)) throw new Error('invalid blob address');
    return join(this.#root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Readable): Promise<{ sha256: string; size: number; head: Buffer }> {
    await mkdir(join(this.#root, 'tmp'), { recursive: true });
    const tmp = join(this.#root, 'tmp', randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    const heads: Buffer[] = [];
    let headSize = 0;
    content.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      if (headSize < HEAD_BYTES) {
        heads.push(chunk);
        headSize += chunk.length;
      }
    });
    try {
      await pipeline(content, createWriteStream(tmp));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const target = this.#path(sha256);
    await mkdir(join(target, '..'), { recursive: true });
    if (await this.has(sha256)) {
      await rm(tmp, { force: true });
      // stored again now: the collector of unreferenced blobs must give it its grace period anew,
      // or it could remove it between this upload and the row that will reference it
      const now = new Date();
      await utimes(target, now, now).catch(() => {});
    } else await rename(tmp, target);
    return { sha256, size, head: Buffer.concat(heads).subarray(0, HEAD_BYTES) };
  }

  get(sha256: string): Readable {
    return createReadStream(this.#path(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.#path(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.#path(sha256), { force: true });
  }

  async *list(): AsyncIterable<{ sha256: string | null; storedAt: Date; partial?: string }> {
    const entries = async (dir: string) => readdir(dir).catch(() => [] as string[]);
    for (const name of await entries(join(this.#root, 'tmp'))) {
      const info = await stat(join(this.#root, 'tmp', name)).catch(() => null);
      if (info?.isFile()) yield { sha256: null, storedAt: info.mtime, partial: name };
    }
    for (const a of await entries(this.#root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await entries(join(this.#root, a))) {
        for (const name of await entries(join(this.#root, a, b))) {
          if (!SHA.test(name)) continue;
          const info = await stat(join(this.#root, a, b, name)).catch(() => null);
          if (info) yield { sha256: name, storedAt: info.mtime };
        }
      }
    }
  }

  async now(): Promise<Date> {
    // a file written now, as the file system dates it (named like an upload's leftover: collected if ever left)
    await mkdir(join(this.#root, 'tmp'), { recursive: true });
    const marker = join(this.#root, 'tmp', randomBytes(12).toString('hex'));
    await writeFile(marker, '');
    try {
      return (await stat(marker)).mtime;
    } finally {
      await rm(marker, { force: true });
    }
  }

  async deletePartial(name: string): Promise<void> {
    if (!/^[0-9a-f]+$/.test(name)) throw new Error('invalid partial upload name');
    await rm(join(this.#root, 'tmp', name), { force: true });
  }
}
