import type { BenchChild, ChildMessage } from './child-process';
import { processCpuMicros } from './process-cpu';
import type { Scenario } from './scenarios';
import { type LatencySummary, round, summariseLatencies } from './stats';

/** CPU time and memory that a bench child reports. */
export interface ChildUsage extends ChildMessage {
  readonly cpuMicros: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

/** The processes whose CPU time a phase measures. */
export interface Probes {
  /** The scenario's worker process, when it has one. */
  readonly worker?: BenchChild;
  readonly target: BenchChild;
  readonly devServerPid?: number;
}

/** CPU time per run of each process, in microseconds; `null` where it could not be read. */
export interface CpuPerRun {
  readonly worker: number | null;
  readonly devServer: number | null;
  readonly targetServer: number | null;
  /** The bench process, which runs the callers and the Temporal client. */
  readonly caller: number;
}

/** Measurements of one phase: sequential latency runs, or callers running concurrently for a time. */
export interface PhaseResult {
  readonly callers: number;
  readonly runs: number;
  readonly elapsedMs: number;
  readonly runsPerSecond: number;
  readonly latency: LatencySummary;
  readonly cpuMicrosPerRun: CpuPerRun;
}

interface CpuSnapshot {
  readonly worker: number | undefined;
  readonly devServer: number | undefined;
  readonly targetServer: number;
  readonly caller: number;
}

/** Runs the scenario `runs` times, one after another, without measuring anything. */
export async function warmUp(scenario: Scenario, runs: number): Promise<void> {
  for (let i = 0; i < runs; i++) await scenario.runOnce();
}

/** Measures `runs` sequential runs with one caller. */
export async function measureLatency(scenario: Scenario, probes: Probes, runs: number): Promise<PhaseResult> {
  const before = await snapshotCpu(probes);
  const startedAt = performance.now();
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) latencies.push(await timeOnce(scenario));
  const elapsedMs = performance.now() - startedAt;

  return phaseResult(1, latencies, elapsedMs, before, await snapshotCpu(probes));
}

/**
 * Measures throughput: `callers` concurrent callers each start a new run as soon as their last one
 * finishes, until `durationMs` has passed. Runs still in flight at the deadline finish and count.
 */
export async function measureThroughput(
  scenario: Scenario,
  probes: Probes,
  callers: number,
  durationMs: number,
): Promise<PhaseResult> {
  const before = await snapshotCpu(probes);
  const startedAt = performance.now();
  const deadline = startedAt + durationMs;
  const latencies: number[] = [];

  const caller = async (): Promise<void> => {
    while (performance.now() < deadline) latencies.push(await timeOnce(scenario));
  };
  await Promise.all(Array.from({ length: callers }, caller));
  const elapsedMs = performance.now() - startedAt;

  return phaseResult(callers, latencies, elapsedMs, before, await snapshotCpu(probes));
}

async function timeOnce(scenario: Scenario): Promise<number> {
  const startedAt = performance.now();
  await scenario.runOnce();
  return performance.now() - startedAt;
}

async function snapshotCpu(probes: Probes): Promise<CpuSnapshot> {
  const [worker, target] = await Promise.all([
    probes.worker?.request<ChildUsage>('usage'),
    probes.target.request<ChildUsage>('usage'),
  ]);
  const caller = process.cpuUsage();

  return {
    worker: worker?.cpuMicros,
    devServer: processCpuMicros(probes.devServerPid),
    targetServer: target.cpuMicros,
    caller: caller.user + caller.system,
  };
}

function phaseResult(
  callers: number,
  latencies: readonly number[],
  elapsedMs: number,
  before: CpuSnapshot,
  after: CpuSnapshot,
): PhaseResult {
  const runs = latencies.length;
  const perRun = (start: number | undefined, end: number | undefined): number | null =>
    start === undefined || end === undefined ? null : round((end - start) / runs);

  return {
    callers,
    runs,
    elapsedMs: round(elapsedMs),
    runsPerSecond: round((runs * 1000) / elapsedMs),
    latency: summariseLatencies(latencies),
    cpuMicrosPerRun: {
      worker: perRun(before.worker, after.worker),
      devServer: perRun(before.devServer, after.devServer),
      targetServer: perRun(before.targetServer, after.targetServer),
      caller: round((after.caller - before.caller) / runs),
    },
  };
}
