import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../platform/auth/workspace-setup.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

// Issue 12, defect 2: `kontakt user add` / `seed --demo` against the DATA_DIR of a running server
// printed success, the server never saw the change, and the embedded database was lost.
const repoRoot = resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'kontakt-lock-'));
const lockFile = join(dataDir, 'pglite.lock');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `node server/src/cli.ts …` as its own process against dataDir. */
function kontakt(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['server/src/cli.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SECRET: 'lock-test-secret-long-enough-for-signing' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

const deadPid = () =>
  new Promise<number>((done) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('close', () => done(child.pid!));
  });

const userAdd = (email: string) =>
  kontakt(['user', 'add', '--workspace', 'firma-lacat', '--email', email, '--password', 'o parolă bună', '--name', 'Ioana Lăcătuș']);

describe('the embedded database belongs to one process', () => {
  it('refuses a second process while the first holds it, writing nothing; takes over a lock left by a dead process', { timeout: 300_000 }, async () => {
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    await migrate(database);
    await createWorkspace(database.db, { workspaceName: 'Firma Lacăt', name: 'Ana Admin', email: 'ana@lacat.ro', password: 'o parolă bună', locale: 'ro' });

    for (const args of [
      ['user', 'add', '--workspace', 'firma-lacat', '--email', 'ioana@lacat.ro', '--password', 'o parolă bună', '--name', 'Ioana'],
      ['seed', '--demo'],
    ]) {
      const refused = await kontakt(args);
      expect(refused.code, refused.out).not.toBe(0);
      expect(refused.err).toContain(`The CRM is running (pid ${process.pid})`);
      expect(refused.err).toContain('stop it or use the web app / API');
      expect(refused.out).not.toMatch(/added|demo data/);
    }
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    // the holder's database is untouched and still works
    const users = await database.db.selectFrom('users').select('email').execute();
    expect(users.map((u) => u.email)).toEqual(['ana@lacat.ro']);
    expect(await database.db.selectFrom('partner').select('id').execute()).toEqual([]);
    await database.close();
    expect(existsSync(lockFile)).toBe(false);

    // kill -9 leaves the lock behind: the next process sees its owner is gone and goes on
    writeFileSync(lockFile, `${await deadPid()}\n`);
    const added = await userAdd('ioana@lacat.ro');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('ioana@lacat.ro');
    expect(existsSync(lockFile)).toBe(false);

    const reopened = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const after = await reopened.db.selectFrom('users').select('email').orderBy('email').execute();
      expect(after.map((u) => u.email)).toEqual(['ana@lacat.ro', 'ioana@lacat.ro']);
      // and within one process the same files are not opened twice either
      await expect(openDatabase({ dataDir: join(dataDir, 'pglite') })).rejects.toThrow(/already open in this process/);
    } finally {
      await reopened.close();
    }
  });
});
