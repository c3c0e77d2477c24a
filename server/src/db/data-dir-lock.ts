import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Another live process holds the embedded database. */
export class DatabaseLockedError extends Error {
  readonly pid: number;
  constructor(pid: number, lockFile: string) {
    super(
      `The CRM is running (pid ${pid}) and holds its embedded database; stop it or use the web app / API. ` +
        `Nothing was changed. (Lock: ${lockFile})`,
    );
    this.name = 'DatabaseLockedError';
    this.pid = pid;
  }
}

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock file of an embedded database for this process: PGlite has one writer and no
 * locking of its own, so a second process (a CLI command beside the running server) would write
 * changes the server never sees and leave the files corrupt. The file holds the owner's pid; a lock
 * left by a process that no longer exists (kill -9, a crash) is taken over. Returns the release.
 */
export function lockDataDir(lockFile: string): () => void {
  if (held.has(lockFile)) throw new Error(`The embedded database is already open in this process (${lockFile})`);
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      const owner = readPid(lockFile);
      // our own pid in a lock we do not hold: left by an earlier life of this pid (a container's pid 1)
      if (owner !== null && owner !== process.pid && isAlive(owner)) throw new DatabaseLockedError(owner, lockFile);
      try {
        unlinkSync(lockFile);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  held.add(lockFile);
  const release = () => {
    if (!held.delete(lockFile)) return;
    process.off('exit', release);
    try {
      if (readPid(lockFile) === process.pid) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  // a process that exits without closing the database (process.exit in a command) leaves no lock
  process.on('exit', release);
  return release;
}
