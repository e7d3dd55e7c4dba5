import { join, resolve } from 'node:path';
import { TemporalCliNotFoundError, TemporalCliPathError } from './errors';
import { checkExecutable, findExecutableOnPath, readTemporalCliVersion } from './executable';
import { buildTemporalCli } from './go-build';
import { DEFAULT_GO_LOCATIONS, findGo, isGoVersionSupported, readGoVersion } from './go-toolchain';
import { installFile } from './install-file';
import { findPackageRoot, userCacheBinaryPath } from './locations';
import { TEMPORAL_CLI_VERSION } from './version';

/** Options of {@link ensureTemporalCli}. */
export interface EnsureTemporalCliOptions {
  /**
   * Folder of the project-local copy, `<toolsDir>/temporal`. It is git-ignored.
   *
   * @default `<package root>/.tools`
   */
  toolsDir?: string;
  /**
   * Environment that supplies `TEMPORAL_CLI_PATH`, `XDG_CACHE_HOME`, `HOME` and `PATH`, and that
   * `go install` runs with.
   *
   * @default process.env
   */
  env?: NodeJS.ProcessEnv;
  /**
   * Go binaries to try after `go` on `PATH`, or `false` to never build and fail with
   * {@link TemporalCliNotFoundError} instead.
   *
   * @default ['/usr/local/go/bin/go']
   */
  goLocations?: readonly string[] | false;
  /**
   * Receives progress and warnings, one line each.
   *
   * @default writes each line to stderr
   */
  log?: (message: string) => void;
}

/** Lookup step of {@link resolveTemporalCli} that found the binary. */
export type TemporalCliSource = 'env' | 'tools' | 'cache' | 'path' | 'built';

/** A Temporal CLI binary ready to run. */
export interface TemporalCliLocation {
  /** Absolute path of the binary. */
  path: string;
  source: TemporalCliSource;
}

/**
 * Returns the absolute path of a working Temporal CLI, pinned to {@link TEMPORAL_CLI_VERSION},
 * building it with Go when no copy exists yet. See {@link resolveTemporalCli} for the lookup order.
 *
 * @throws {TemporalCliPathError} when `TEMPORAL_CLI_PATH` does not name an executable file
 * @throws {TemporalCliNotFoundError} when no binary exists and Go is missing or too old
 * @throws {TemporalCliBuildError} when `go install` fails
 */
export async function ensureTemporalCli(options: EnsureTemporalCliOptions = {}): Promise<string> {
  return (await resolveTemporalCli(options)).path;
}

/**
 * Finds or builds the pinned Temporal CLI and reports where it came from. The first match wins:
 *
 * 1. `TEMPORAL_CLI_PATH`, used as given even when its version differs (with a warning);
 * 2. `<toolsDir>/temporal`;
 * 3. the per-user cache `${XDG_CACHE_HOME:-~/.cache}/ductape-temporal/temporal-v1.5.1/temporal`,
 *    linked into `toolsDir`;
 * 4. `temporal` on `PATH`;
 * 5. a fresh `go install` into the per-user cache, linked into `toolsDir`.
 *
 * Steps 2 to 4 accept only a binary whose `--version` reports the pinned release, so a stale copy
 * is replaced rather than used.
 */
export async function resolveTemporalCli(
  options: EnsureTemporalCliOptions = {},
): Promise<TemporalCliLocation> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((message: string) => process.stderr.write(`[temporal-cli] ${message}\n`));
  const toolsBinary = join(options.toolsDir ?? join(findPackageRoot(), '.tools'), 'temporal');
  const cacheBinary = userCacheBinaryPath(env);

  const configured = env.TEMPORAL_CLI_PATH;
  if (configured !== undefined && configured !== '') {
    return { path: await checkConfiguredPath(resolve(configured), log), source: 'env' };
  }

  if (await isPinnedRelease(toolsBinary)) {
    return { path: toolsBinary, source: 'tools' };
  }

  if (await isPinnedRelease(cacheBinary)) {
    return { path: await linkIntoTools(cacheBinary, toolsBinary, log), source: 'cache' };
  }

  const onPath = await findExecutableOnPath('temporal', env.PATH);
  if (onPath !== undefined) {
    const version = await readTemporalCliVersion(onPath);
    if (version === TEMPORAL_CLI_VERSION) {
      return { path: onPath, source: 'path' };
    }
    log(
      `Ignoring ${onPath}: its version is ${version ?? 'unreadable'}, and this project needs ${TEMPORAL_CLI_VERSION}.`,
    );
  }

  const built = await buildIntoCache(cacheBinary, env, options.goLocations ?? DEFAULT_GO_LOCATIONS, log);
  return { path: await linkIntoTools(built, toolsBinary, log), source: 'built' };
}

async function checkConfiguredPath(path: string, log: (message: string) => void): Promise<string> {
  const problem = await checkExecutable(path);
  if (problem === 'missing') {
    throw new TemporalCliPathError(path, 'no file exists there');
  }
  if (problem === 'not-a-file') {
    throw new TemporalCliPathError(path, 'it is not a regular file');
  }
  if (problem === 'not-executable') {
    throw new TemporalCliPathError(path, `it is not executable (run chmod +x ${path})`);
  }

  const version = await readTemporalCliVersion(path);
  if (version !== TEMPORAL_CLI_VERSION) {
    log(
      `TEMPORAL_CLI_PATH points at a Temporal CLI reporting version ${version ?? 'unreadable'}; ` +
        `this project is tested with ${TEMPORAL_CLI_VERSION}. Using it anyway because it was set explicitly.`,
    );
  }
  return path;
}

async function isPinnedRelease(path: string): Promise<boolean> {
  if ((await checkExecutable(path)) !== undefined) {
    return false;
  }
  return (await readTemporalCliVersion(path)) === TEMPORAL_CLI_VERSION;
}

/**
 * Links `source` to the project-local path. A read-only or foreign-owned package folder must not
 * stop tests, so on failure the caller gets the cache path instead.
 */
async function linkIntoTools(
  source: string,
  toolsBinary: string,
  log: (message: string) => void,
): Promise<string> {
  try {
    await installFile(source, toolsBinary);
    return toolsBinary;
  } catch (error) {
    log(
      `Could not place the Temporal CLI at ${toolsBinary} (${(error as Error).message}), so using ${source}.`,
    );
    return source;
  }
}

async function buildIntoCache(
  cacheBinary: string,
  env: NodeJS.ProcessEnv,
  goLocations: readonly string[] | false,
  log: (message: string) => void,
): Promise<string> {
  const goPath = goLocations === false ? undefined : await findGo(env.PATH, goLocations);
  if (goPath === undefined) {
    throw new TemporalCliNotFoundError(
      `No Temporal CLI ${TEMPORAL_CLI_VERSION} was found, and Go is not available to build it. ` +
        `${installAdvice()} Searched TEMPORAL_CLI_PATH, the project's .tools folder, ${cacheBinary}, ` +
        `PATH${goLocations === false ? '' : ` and Go at ${['PATH', ...goLocations].join(', ')}`}.`,
    );
  }

  const goVersion = await readGoVersion(goPath, env);
  if (!isGoVersionSupported(goVersion)) {
    throw new TemporalCliNotFoundError(
      `No Temporal CLI ${TEMPORAL_CLI_VERSION} was found, and ${goPath} is ${goVersion}, too old to build it. ` +
        installAdvice(),
    );
  }

  return buildTemporalCli({
    go: { path: goPath, version: goVersion },
    target: cacheBinary,
    env,
    log,
    reuseExisting: async () => ((await isPinnedRelease(cacheBinary)) ? cacheBinary : undefined),
  });
}

function installAdvice(): string {
  return (
    'Install Go 1.21 or newer from https://go.dev/dl/ (Debian 12 ships Go 1.19 as `golang`, which is too old; ' +
    'Debian 13 ships a newer one), then run `npm run setup`. ' +
    `Or set TEMPORAL_CLI_PATH to a Temporal CLI ${TEMPORAL_CLI_VERSION} binary.`
  );
}
