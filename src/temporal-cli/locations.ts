import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { TEMPORAL_CLI_VERSION } from './version';

/**
 * Finds the root of this package: the nearest folder at or above this file that contains a
 * `package.json`. The walk gives the same result from `src/temporal-cli` and from the compiled
 * `dist/src/temporal-cli`.
 */
export function findPackageRoot(start: string = __dirname): string {
  let folder = start;
  for (;;) {
    if (existsSync(join(folder, 'package.json'))) {
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`No package.json found at or above ${start}. Pass toolsDir explicitly.`);
    }
    folder = parent;
  }
}

/**
 * Path of the per-user copy of the pinned CLI:
 * `${XDG_CACHE_HOME:-~/.cache}/ductape-temporal/temporal-v<version>/temporal`. A relative
 * `XDG_CACHE_HOME` is ignored, as the XDG Base Directory specification requires.
 */
export function userCacheBinaryPath(env: NodeJS.ProcessEnv): string {
  const xdgCacheHome = env.XDG_CACHE_HOME;
  const cacheHome =
    xdgCacheHome !== undefined && isAbsolute(xdgCacheHome)
      ? xdgCacheHome
      : join(env.HOME ?? homedir(), '.cache');
  return join(cacheHome, 'ductape-temporal', `temporal-v${TEMPORAL_CLI_VERSION}`, 'temporal');
}
