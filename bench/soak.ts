import { randomBytes } from 'node:crypto';
import { startWorker } from './compare';
import type { BenchEnvironment } from './environment';
import type { ChildUsage } from './measure';
import type { BenchOptions, ScenarioId } from './options';
import { mebibytes } from './report';
import { createScenario } from './scenarios';
import { fitLine, round } from './stats';

/** One memory sample of the soak, taken right after a full garbage collection in the worker. */
export interface MemorySample {
  /** Time since the soak started, in milliseconds. */
  readonly elapsedMs: number;
  /** Runs completed so far. */
  readonly runs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

/** Fitted growth of one memory measure over the samples after the warm-up. */
export interface Growth {
  /** Fitted slope, in bytes per minute. */
  readonly bytesPerMinute: number;
  /** Fitted growth from the first to the last sample after the warm-up, in bytes. */
  readonly windowBytes: number;
  /** Fitted growth divided by the number of runs in the window, in bytes. */
  readonly bytesPerRun: number;
  /** Mean of the samples after the warm-up, in bytes. */
  readonly meanBytes: number;
}

/** Result of a soak. */
export interface SoakResult {
  readonly scenario: ScenarioId;
  readonly callers: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly runs: number;
  readonly failures: number;
  readonly firstFailure: string | null;
  readonly runsPerSecond: number;
  /** Whether the worker exposed `gc()`, so that samples were taken after a full collection. */
  readonly gcExposed: boolean;
  readonly rss: Growth;
  readonly heapUsed: Growth;
  /** True when fitted RSS and heap growth over the window both stay under {@link FLAT_FRACTION} of their mean. */
  readonly flat: boolean;
  readonly samples: readonly MemorySample[];
}

/** Largest fitted growth over the window, as a fraction of the mean, that still counts as flat. */
export const FLAT_FRACTION = 0.05;

/**
 * Runs one scenario with `options.concurrency[0]` callers for `options.soakMs`, samples the worker's
 * memory after a forced garbage collection every `options.soakSampleMs`, and fits a line through the
 * samples taken after the warm-up.
 */
export async function runSoak(
  env: BenchEnvironment,
  options: BenchOptions,
  scriptDir: string,
  progress: (line: string) => void,
): Promise<SoakResult> {
  const id = options.scenarios[0]!;
  const callers = options.concurrency[0]!;
  const taskQueue = `bench-soak-${id}-${randomBytes(4).toString('hex')}`;
  const scenario = createScenario(id, env, taskQueue);
  const started =
    scenario.workerKind === undefined
      ? undefined
      : await startWorker(scenario, env, options, scriptDir, taskQueue);
  if (started === undefined)
    throw new Error(`Scenario '${id}' has no worker whose memory a soak could watch.`);

  let runs = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const samples: MemorySample[] = [];
  let gcExposed = true;

  try {
    const startedAt = performance.now();
    const deadline = startedAt + options.soakMs;
    const caller = async (): Promise<void> => {
      while (performance.now() < deadline) {
        try {
          await scenario.runOnce();
          runs++;
        } catch (error) {
          failures++;
          firstFailure ??= error instanceof Error ? error.message : String(error);
        }
      }
    };
    const sampler = async (): Promise<void> => {
      while (performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, options.soakSampleMs));
        const usage = await started.child.request<ChildUsage & { collected: boolean }>('gc');
        gcExposed &&= usage.collected;
        const sample = {
          elapsedMs: round(performance.now() - startedAt),
          runs,
          rssBytes: usage.rssBytes,
          heapUsedBytes: usage.heapUsedBytes,
        };
        samples.push(sample);
        progress(
          `soak: ${(sample.elapsedMs / 1000).toFixed(0)} s, ${runs} runs, RSS ${mebibytes(sample.rssBytes)} MiB, heap ${mebibytes(sample.heapUsedBytes)} MiB`,
        );
      }
    };
    await Promise.all([sampler(), ...Array.from({ length: callers }, caller)]);
    const durationMs = performance.now() - startedAt;

    const measured = samples.filter((sample) => sample.elapsedMs >= options.soakWarmupMs);
    if (measured.length < 2) {
      throw new Error(
        `Only ${measured.length} memory samples after the warm-up: make --duration longer than --soak-warmup by at least two --sample-seconds.`,
      );
    }
    const rss = growth(measured, (sample) => sample.rssBytes);
    const heapUsed = growth(measured, (sample) => sample.heapUsedBytes);

    return {
      scenario: id,
      callers,
      durationMs: round(durationMs),
      warmupMs: options.soakWarmupMs,
      runs,
      failures,
      firstFailure,
      runsPerSecond: round((runs * 1000) / durationMs),
      gcExposed,
      rss,
      heapUsed,
      flat:
        rss.windowBytes < FLAT_FRACTION * rss.meanBytes &&
        heapUsed.windowBytes < FLAT_FRACTION * heapUsed.meanBytes,
      samples,
    };
  } finally {
    await scenario.close();
    await started.child.stop();
  }
}

function growth(samples: readonly MemorySample[], measure: (sample: MemorySample) => number): Growth {
  const minutes = samples.map((sample) => sample.elapsedMs / 60_000);
  const values = samples.map(measure);
  const { slope } = fitLine(minutes, values);
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const windowBytes = slope * (minutes[minutes.length - 1]! - minutes[0]!);
  const windowRuns = last.runs - first.runs;

  return {
    bytesPerMinute: Math.round(slope),
    windowBytes: Math.round(windowBytes),
    bytesPerRun: windowRuns === 0 ? 0 : round(windowBytes / windowRuns),
    meanBytes: Math.round(values.reduce((sum, value) => sum + value, 0) / values.length),
  };
}

/** Formats a soak result as a few lines of text. */
export function formatSoak(result: SoakResult): string {
  const describe = (name: string, value: Growth): string =>
    `${name.padEnd(10)} mean ${mebibytes(value.meanBytes)} MiB, slope ${(value.bytesPerMinute / 1024).toFixed(1)} KiB/min, ` +
    `growth over the window ${(value.windowBytes / 1024).toFixed(0)} KiB (${value.bytesPerRun.toFixed(1)} B/run)`;
  return [
    `soak of ${result.scenario}: ${result.callers} callers for ${(result.durationMs / 1000).toFixed(0)} s, ${result.runs} runs (${result.runsPerSecond.toFixed(1)}/s), ${result.failures} failures`,
    describe('RSS', result.rss),
    describe('heap used', result.heapUsed),
    `memory ${result.flat ? 'flat' : 'GROWS'}: fitted growth after the ${(result.warmupMs / 1000).toFixed(0)} s warm-up is ${result.flat ? 'under' : 'not under'} ${FLAT_FRACTION * 100}% of the mean${result.gcExposed ? '' : ' (gc() was not exposed, so samples include garbage)'}`,
  ].join('\n');
}
