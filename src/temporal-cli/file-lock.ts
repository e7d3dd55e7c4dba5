import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /**
   * How long to wait for another holder before giving up, in milliseconds.
   *
   * @default 1_800_000 (30 minutes, several times a cold build of the Temporal CLI)
   */
  timeoutMs?: number;
  /**
   * How often to check whether the lock was released, in milliseconds.
   *
   * @default 500
   */
  pollIntervalMs?: number;
  /** Called once when the lock is held by another live process and this one starts waiting. */
  onWait?: (holderPid: number) => void;
}

/**
 * Runs `task` while holding an exclusive lock file at `lockPath`, so that a second process waits
 * for the first instead of repeating its work. The file contains the holder's process id. A lock
 * whose holder no longer runs is taken over, so a build killed half-way does not block later runs.
 *
 * The lock only saves duplicate work. Two processes that both find the same stale lock can each
 * take it over, so `task` must stay correct when it runs twice at once.
 *
 * NOTE: The liveness check uses process ids, so it cannot see a holder in another PID namespace,
 * such as a container that shares the cache folder. Such a lock is treated as stale.
 */
export async function withFileLock<T>(
  lockPath: string,
  task: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 1_800_000;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const deadline = Date.now() + timeoutMs;
  let reportedWait = false;

  await mkdir(dirname(lockPath), { recursive: true });

  for (;;) {
    if (await tryCreateLock(lockPath)) {
      break;
    }

    const holderPid = await readHolderPid(lockPath);
    if (holderPid === undefined || !isProcessRunning(holderPid)) {
      await rm(lockPath, { force: true });
      continue;
    }

    if (Date.now() >= deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for lock ${lockPath}, held by process ${holderPid}. ` +
          'Wait for that process to finish, or delete the file if it is not running.',
      );
    }
    if (!reportedWait) {
      options.onWait?.(holderPid);
      reportedWait = true;
    }
    await sleep(pollIntervalMs);
  }

  try {
    return await task();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function tryCreateLock(lockPath: string): Promise<boolean> {
  // The process id is written to a private file first and then hard-linked to the lock path. Linking
  // fails with EEXIST when the lock exists, so taking the lock is atomic and a lock file is never
  // seen without its process id.
  const candidate = `${lockPath}.${process.pid}-${randomUUID()}`;
  await writeFile(candidate, String(process.pid));

  try {
    await link(candidate, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  } finally {
    await rm(candidate, { force: true });
  }
}

async function readHolderPid(lockPath: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch {
    // The lock was released after the create attempt, so the next loop iteration retries.
    return undefined;
  }

  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isProcessRunning(pid: number): boolean {
  try {
    // Signal 0 checks existence without delivering anything. EPERM means it exists under another user.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
