import { parseArgs } from 'node:util';

/** Scenarios of a benchmark run, in the order they run and are reported. */
export const SCENARIO_IDS = ['direct-http', 'temporal-floor', 'handwritten', 'package'] as const;

/** Identifier of a scenario. */
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Settings of one `npm run bench`, from its command line. */
export interface BenchOptions {
  readonly mode: 'compare' | 'soak';
  /** True for the short CI run, whose numbers mean nothing. */
  readonly smoke: boolean;
  readonly scenarios: readonly ScenarioId[];
  /** Sequential runs before measuring, per scenario. */
  readonly warmupRuns: number;
  /** Sequential runs with one caller whose latencies are measured, per scenario. */
  readonly latencyRuns: number;
  /** Numbers of concurrent callers of the throughput phases. */
  readonly concurrency: readonly number[];
  /** Length of each throughput phase, in milliseconds. */
  readonly throughputMs: number;
  /** Length of the soak, in milliseconds. */
  readonly soakMs: number;
  /** Time at the start of the soak whose memory samples the slope leaves out, in milliseconds. */
  readonly soakWarmupMs: number;
  /** Time between memory samples of the soak, in milliseconds. */
  readonly soakSampleMs: number;
  /** Turns on the server's eager activity dispatch (`system.enableActivityEagerExecution`). */
  readonly eagerActivities: boolean;
  /** Temporal worker options applied to every worker, such as `maxCachedWorkflows`. */
  readonly workerOptions: Readonly<Record<string, number | boolean>>;
  /** Writes a V8 CPU profile of each worker process beside the results. */
  readonly profile: boolean;
  /** Log level of the workers, whose logs go to a file beside the results. */
  readonly logLevel: string;
  /** Results file. @default `bench/results/<mode>-<time>.json` */
  readonly out?: string;
}

export const USAGE = `Usage: npm run bench -- [options]

Compares direct HTTP, Temporal's floor, a hand-written activity and this package on a local Temporal
dev server, or with --soak, runs one scenario under load and reports whether worker memory grows.

Options:
  --smoke                   a few runs with 1 and 4 callers, to check that the benchmark works
  --scenarios LIST          comma-separated: ${SCENARIO_IDS.join(', ')} (default: all)
  --warmup-runs N           sequential runs before measuring, per scenario (default 100)
  --latency-runs N          sequential single-caller runs measured, per scenario (default 500)
  --concurrency LIST        comma-separated numbers of concurrent callers (default 1,16,64)
  --throughput-seconds S    length of each throughput phase in seconds (default 10)
  --soak                    soak the first scenario of --scenarios (default package) instead
  --duration S              soak length in seconds (default 600)
  --soak-warmup S           seconds at the start of the soak left out of the slope (default 60)
  --sample-seconds S        seconds between memory samples of the soak (default 10)
  --eager-activities        enable the dev server's eager activity dispatch
  --worker-option K=V       Temporal worker option for every worker, repeatable (numbers, true, false)
  --profile                 write a V8 CPU profile (.cpuprofile) of each worker beside the results
  --log-level LEVEL         worker log level (default INFO, the production default)
  --out FILE                results file (default bench/results/<mode>-<time>.json)
  --help                    print this help
`;

/**
 * Reads the benchmark's options from its arguments.
 *
 * @throws Error naming the option and the rule it broke.
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      smoke: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      'warmup-runs': { type: 'string' },
      'latency-runs': { type: 'string' },
      concurrency: { type: 'string' },
      'throughput-seconds': { type: 'string' },
      soak: { type: 'boolean', default: false },
      duration: { type: 'string' },
      'soak-warmup': { type: 'string' },
      'sample-seconds': { type: 'string' },
      'eager-activities': { type: 'boolean', default: false },
      'worker-option': { type: 'string', multiple: true },
      profile: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'INFO' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';

  const smoke = values.smoke;
  const soak = values.soak;
  const scenarios = values.scenarios === undefined ? defaultScenarios(soak) : readScenarios(values.scenarios);

  return {
    mode: soak ? 'soak' : 'compare',
    smoke,
    scenarios,
    warmupRuns: readCount('--warmup-runs', values['warmup-runs'], smoke ? 3 : 100, 0),
    latencyRuns: readCount('--latency-runs', values['latency-runs'], smoke ? 5 : 500, 1),
    concurrency: readList('--concurrency', values.concurrency, smoke ? [1, 4] : soak ? [16] : [1, 16, 64]),
    throughputMs: readSeconds('--throughput-seconds', values['throughput-seconds'], smoke ? 1 : 10),
    soakMs: readSeconds('--duration', values.duration, smoke ? 6 : 600),
    soakWarmupMs: readSeconds('--soak-warmup', values['soak-warmup'], smoke ? 2 : 60),
    soakSampleMs: readSeconds('--sample-seconds', values['sample-seconds'], smoke ? 1 : 10),
    eagerActivities: values['eager-activities'],
    workerOptions: readWorkerOptions(values['worker-option'] ?? []),
    profile: values.profile,
    logLevel: values['log-level'],
    ...(values.out === undefined ? {} : { out: values.out }),
  };
}

function defaultScenarios(soak: boolean): readonly ScenarioId[] {
  return soak ? ['package'] : SCENARIO_IDS;
}

function readScenarios(value: string): readonly ScenarioId[] {
  const ids = value.split(',').map((id) => id.trim());
  for (const id of ids) {
    if (!(SCENARIO_IDS as readonly string[]).includes(id)) {
      throw new Error(`--scenarios: unknown scenario '${id}'. Known scenarios: ${SCENARIO_IDS.join(', ')}.`);
    }
  }
  return ids as ScenarioId[];
}

function readCount(option: string, value: string | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < minimum) {
    throw new Error(`${option} must be a whole number, ${minimum} or more, not '${value}'.`);
  }
  return count;
}

function readList(option: string, value: string | undefined, fallback: readonly number[]): readonly number[] {
  if (value === undefined) return fallback;
  return value.split(',').map((item) => readCount(option, item.trim(), 1, 1));
}

function readSeconds(option: string, value: string | undefined, fallbackSeconds: number): number {
  if (value === undefined) return fallbackSeconds * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${option} must be a number of seconds above 0, not '${value}'.`);
  }
  return seconds * 1000;
}

function readWorkerOptions(pairs: readonly string[]): Record<string, number | boolean> {
  const options: Record<string, number | boolean> = {};
  for (const pair of pairs) {
    const [key, raw] = pair.split('=', 2);
    if (!key || raw === undefined) throw new Error(`--worker-option must be KEY=VALUE, not '${pair}'.`);
    if (raw === 'true' || raw === 'false') {
      options[key] = raw === 'true';
      continue;
    }
    const number = Number(raw);
    if (!Number.isFinite(number)) {
      throw new Error(`--worker-option ${key} must be a number, true or false, not '${raw}'.`);
    }
    options[key] = number;
  }
  return options;
}
