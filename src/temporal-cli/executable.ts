import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Upper bound for `temporal --version`, which returns in milliseconds when the binary works. */
const VERSION_TIMEOUT_MS = 15_000;

/** Reason a path cannot be executed. */
export type ExecutableProblem = 'missing' | 'not-a-file' | 'not-executable';

/**
 * Checks that `path` is a regular file the current user may execute.
 *
 * @returns `undefined` when it is, otherwise what is wrong with it
 */
export async function checkExecutable(path: string): Promise<ExecutableProblem | undefined> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) {
      return 'not-a-file';
    }
  } catch {
    return 'missing';
  }

  try {
    await access(path, constants.X_OK);
  } catch {
    return 'not-executable';
  }

  return undefined;
}

/**
 * Runs `<binary> --version` and extracts the release from output such as
 * `temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)`.
 *
 * @returns the release, or `undefined` when the binary fails to run or prints something else
 */
export async function readTemporalCliVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(binary, ['--version'], { timeout: VERSION_TIMEOUT_MS });
    return /^temporal version (\S+)/m.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Finds an executable named `name` in the folders of a `PATH` value, in order, as a shell would.
 * Relative entries are skipped, because they depend on the working directory of the
 * process that runs the binary later.
 */
export async function findExecutableOnPath(
  name: string,
  pathValue: string | undefined,
): Promise<string | undefined> {
  for (const folder of (pathValue ?? '').split(delimiter)) {
    if (!isAbsolute(folder)) {
      continue;
    }

    const candidate = join(folder, name);
    if ((await checkExecutable(candidate)) === undefined) {
      return candidate;
    }
  }

  return undefined;
}
