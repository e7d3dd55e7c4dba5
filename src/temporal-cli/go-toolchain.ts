import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { checkExecutable, findExecutableOnPath } from './executable';
import { MIN_GO_VERSION } from './version';

const execFileAsync = promisify(execFile);

/**
 * Install location of Go's official release archive. Non-login shells and CI jobs often lack it on
 * `PATH`, so it is tried after `PATH`.
 */
export const DEFAULT_GO_LOCATIONS: readonly string[] = ['/usr/local/go/bin/go'];

/** A Go toolchain found on this machine. */
export interface GoToolchain {
  /** Absolute path of the `go` binary. */
  path: string;
  /** Release as `go env GOVERSION` prints it, such as `go1.26.8`. */
  version: string;
}

/**
 * Finds the `go` binary on `PATH`, then in `extraLocations`.
 *
 * @returns the first one found, or `undefined` when there is none
 */
export async function findGo(
  pathValue: string | undefined,
  extraLocations: readonly string[] = DEFAULT_GO_LOCATIONS,
): Promise<string | undefined> {
  const onPath = await findExecutableOnPath('go', pathValue);
  if (onPath !== undefined) {
    return onPath;
  }

  for (const candidate of extraLocations) {
    if ((await checkExecutable(candidate)) === undefined) {
      return candidate;
    }
  }

  return undefined;
}

/** Reads the release of the Go toolchain at `goPath` with `go env GOVERSION`. */
export async function readGoVersion(goPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execFileAsync(goPath, ['env', 'GOVERSION'], { env, timeout: 30_000 });
  return stdout.trim();
}

/**
 * Tells whether a Go release string such as `go1.26.8` or `go1.19` is new enough to build the
 * Temporal CLI. Development builds (`devel ...`) are assumed to be new enough.
 */
export function isGoVersionSupported(version: string): boolean {
  const match = /^go(\d+)\.(\d+)/.exec(version);
  if (match === null) {
    return version.startsWith('devel');
  }

  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > MIN_GO_VERSION.major || (major === MIN_GO_VERSION.major && minor >= MIN_GO_VERSION.minor);
}
