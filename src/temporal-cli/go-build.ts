import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TemporalCliBuildError } from './errors';
import { checkExecutable } from './executable';
import { withFileLock } from './file-lock';
import type { GoToolchain } from './go-toolchain';
import { installFile } from './install-file';
import { TEMPORAL_CLI_GO_PACKAGE, TEMPORAL_CLI_VERSION, TEMPORAL_CLI_VERSION_LDFLAG } from './version';

/** Number of trailing `go install` output lines kept for an error report. */
const OUTPUT_TAIL_LINES = 20;

/** How often a running build reports that it is still busy, in milliseconds. */
const PROGRESS_INTERVAL_MS = 30_000;

/** Inputs of {@link buildTemporalCli}. */
export interface BuildTemporalCliOptions {
  go: GoToolchain;
  /** Path of the finished binary. Its folder also contains the lock file and the private build folders. */
  target: string;
  /** Environment for `go`, so that GOPATH, GOPROXY and caches from the caller apply. */
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
  /** Returns the usable binary at `target` if there is one, so a build finished by another process is reused. */
  reuseExisting: () => Promise<string | undefined>;
}

/**
 * Builds the pinned Temporal CLI with `go install` and places it at `options.target`.
 *
 * A lock file next to the target makes a second process wait for the first build instead of
 * starting its own. Each build writes into a private folder and is renamed into place, so an
 * interrupted or concurrent build never leaves a partial binary at the target.
 *
 * @returns the path from `reuseExisting` when another process finished first, otherwise `options.target`
 */
export async function buildTemporalCli(options: BuildTemporalCliOptions): Promise<string> {
  const { go, target, log } = options;
  const lockPath = `${target}.lock`;

  return withFileLock(
    lockPath,
    async () => {
      const existing = await options.reuseExisting();
      if (existing !== undefined) {
        return existing;
      }

      const buildDir = await mkdtemp(join(dirname(target), `.${basename(target)}-build-`));
      try {
        log(
          `Building Temporal CLI ${TEMPORAL_CLI_VERSION} with ${go.version} (${go.path}). ` +
            'The first build downloads Go modules and takes a few minutes.',
        );
        const startedAt = Date.now();
        await runGoInstall(go.path, { ...options.env, GOBIN: buildDir }, log);

        const built = join(buildDir, 'temporal');
        if ((await checkExecutable(built)) !== undefined) {
          throw new TemporalCliBuildError(`go install finished but wrote no executable at ${built}.`, '');
        }
        await installFile(built, target);
        log(
          `Built Temporal CLI ${TEMPORAL_CLI_VERSION} in ${Math.round((Date.now() - startedAt) / 1000)} s: ${target}`,
        );
        return target;
      } finally {
        await rm(buildDir, { recursive: true, force: true });
      }
    },
    {
      onWait: (pid) =>
        log(`Waiting for process ${pid}, which is building the Temporal CLI (lock ${lockPath}).`),
    },
  );
}

/** Runs `go install` for the pinned CLI, forwarding its output lines to `log` as progress. */
function runGoInstall(goPath: string, env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<void> {
  const args = ['install', '-ldflags', TEMPORAL_CLI_VERSION_LDFLAG, TEMPORAL_CLI_GO_PACKAGE];
  const tail: string[] = [];

  return new Promise((resolve, reject) => {
    const child = spawn(goPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const startedAt = Date.now();
    const progress = setInterval(() => {
      log(`Still building the Temporal CLI (${Math.round((Date.now() - startedAt) / 1000)} s so far).`);
    }, PROGRESS_INTERVAL_MS);

    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') {
          continue;
        }
        log(`go: ${line.replace(/^go: /, '')}`);
        tail.push(line);
        if (tail.length > OUTPUT_TAIL_LINES) {
          tail.shift();
        }
      }
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);

    child.on('error', (error) => {
      clearInterval(progress);
      reject(new TemporalCliBuildError(`Failed to start ${goPath}: ${error.message}`, '', error));
    });
    child.on('close', (code, signal) => {
      clearInterval(progress);
      if (code === 0) {
        resolve();
        return;
      }
      const outcome = signal === null ? `exit code ${code}` : `signal ${signal}`;
      reject(
        new TemporalCliBuildError(`${goPath} ${args.join(' ')} failed with ${outcome}.`, tail.join('\n')),
      );
    });
  });
}
