/**
 * `npm run bench`: measures this package against direct HTTP, Temporal's floor and a hand-written
 * activity on a local Temporal dev server, or soaks one scenario and reports whether worker memory
 * grows. It prints a table and writes the results as JSON under `bench/results/`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findPackageRoot } from '../src/temporal-cli/locations';
import { TEMPORAL_CLI_VERSION } from '../src/temporal-cli/version';
import { runComparison } from './compare';
import { startBenchEnvironment } from './environment';
import { readMachineFacts } from './machine';
import { parseBenchOptions, USAGE } from './options';
import { computeRatios, formatComparison } from './report';
import { formatSoak, runSoak } from './soak';

/** Version of the results file's layout; it changes when a field changes meaning. */
export const RESULTS_FORMAT_VERSION = 1;

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }

  const root = findPackageRoot(__dirname);
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(
    options.out ?? path.join(root, 'bench', 'results', `${options.mode}-${stamp}.json`),
  );
  const logDir = path.join(path.dirname(out), `logs-${stamp}`);
  const machine = readMachineFacts();
  const progress = (line: string): void => {
    process.stderr.write(`[bench] ${line}\n`);
  };

  progress(
    `${machine.cpuModel}, ${machine.cpus} CPUs, Node ${machine.node}, load ${machine.loadAverageStart.join(' ')}`,
  );
  const env = await startBenchEnvironment({
    scriptDir: __dirname,
    logDir,
    eagerActivities: options.eagerActivities,
  });
  // Ctrl-C or SIGTERM stops the dev server and the children too, instead of leaving them running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress(`${signal}: stopping`);
      env.close().finally(() => process.exit(130));
    });
  }
  let results: Record<string, unknown>;
  let text: string;
  try {
    if (options.mode === 'soak') {
      const soak = await runSoak(env, options, __dirname, progress);
      results = { soak };
      text = formatSoak(soak);
    } else {
      const scenarios = await runComparison(env, options, __dirname, progress);
      const ratios = computeRatios(scenarios);
      results = { scenarios, ratios };
      text = formatComparison(scenarios, ratios);
    }
  } finally {
    await env.close();
  }

  const document = {
    formatVersion: RESULTS_FORMAT_VERSION,
    mode: options.mode,
    smoke: options.smoke,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
    temporal: { cliVersion: TEMPORAL_CLI_VERSION, eagerActivities: options.eagerActivities },
    options,
    ...results,
  };
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);

  process.stdout.write(`${text}\n\nResults: ${out}\nLogs: ${logDir}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
