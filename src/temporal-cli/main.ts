/**
 * Command-line entry of `npm run setup`: provisions the pinned Temporal CLI and prints its absolute
 * path on stdout. Progress goes to stderr, so `$(node dist/src/temporal-cli/main.js)` captures
 * only the path.
 */
import { ensureTemporalCli } from './provision';

async function main(): Promise<void> {
  const path = await ensureTemporalCli();
  process.stdout.write(`${path}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Temporal CLI setup failed: ${message}\n`);
  process.exitCode = 1;
});
