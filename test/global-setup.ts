import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureTemporalCli, TemporalCliNotFoundError } from '../src/temporal-cli';

/**
 * Runs once before the integration tests:
 *
 * 1. Provisions the pinned Temporal CLI. A first build with Go takes minutes, far beyond a hook
 *    timeout, and here it runs outside the test timeouts. Later calls to `ensureTemporalCli()` in test
 *    files find the binary in `.tools` at once.
 * 2. Compiles the package to `dist/`, because tests that start, kill and restart workers or call the
 *    CLI run the shipped `ductape-temporal` command in child processes.
 */
export default async function setup(): Promise<void> {
  try {
    await ensureTemporalCli();
  } catch (error) {
    // Without Go the harness falls back to the SDK's download, which each test environment performs.
    if (!(error instanceof TemporalCliNotFoundError)) throw error;
    process.emitWarning(error.message);
  }

  const root = path.join(__dirname, '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
