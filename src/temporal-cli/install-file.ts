import { randomUUID } from 'node:crypto';
import { chmod, copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Places an executable copy of `source` at `target`, replacing any file there. It hard-links when
 * both are on one file system and copies otherwise. The file is prepared under a temporary name and
 * renamed into place, so a concurrent reader sees either the old file or the complete new one.
 */
export async function installFile(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${process.pid}-${randomUUID()}`;

  try {
    try {
      await link(source, temporary);
    } catch {
      // Hard links fail across devices (EXDEV) and on some file systems, but a copy always works.
      await copyFile(source, temporary);
      await chmod(temporary, 0o755);
    }
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}
