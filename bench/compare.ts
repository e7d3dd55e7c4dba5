import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type BenchChild, startChild } from './child-process';
import type { BenchEnvironment } from './environment';
import { type ChildUsage, measureLatency, measureThroughput, type PhaseResult, warmUp } from './measure';
import type { BenchOptions, ScenarioId } from './options';
import { createScenario, type Scenario } from './scenarios';
import { round } from './stats';
import type { WorkerProcessSettings } from './worker-process';

/** Start-up time and memory of a scenario's worker process. */
export interface WorkerFacts {
  /** Time that `Worker.create` took, including bundling the workflow code, in milliseconds. */
  readonly createMs: number;
  /** Time from the process's start until its worker was polling, in milliseconds. */
  readonly startupMs: number;
  /** Resident set size when the worker was ready, before any run. */
  readonly rssStartBytes: number;
  /** Resident set size after the last measured run. */
  readonly rssEndBytes: number;
  readonly heapUsedStartBytes: number;
  readonly heapUsedEndBytes: number;
}

/** Everything measured for one scenario. */
export interface ScenarioResult {
  readonly id: ScenarioId;
  readonly label: string;
  readonly worker: WorkerFacts | null;
  /** Sequential runs with one caller. */
  readonly latency: PhaseResult;
  /** One phase per number of concurrent callers. */
  readonly throughput: readonly PhaseResult[];
  /** Worker CPU time per run over the latency and throughput phases, in microseconds. */
  readonly workerCpuMicrosPerRun: number | null;
}

/** Runs every selected scenario in turn, each with a fresh worker process, and returns their results. */
export async function runComparison(
  env: BenchEnvironment,
  options: BenchOptions,
  scriptDir: string,
  progress: (line: string) => void,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const id of options.scenarios) {
    progress(`${id}: starting`);
    results.push(await runScenario(id, env, options, scriptDir, progress));
  }
  return results;
}

async function runScenario(
  id: ScenarioId,
  env: BenchEnvironment,
  options: BenchOptions,
  scriptDir: string,
  progress: (line: string) => void,
): Promise<ScenarioResult> {
  const taskQueue = `bench-${id}-${randomBytes(4).toString('hex')}`;
  const scenario = createScenario(id, env, taskQueue);
  const started =
    scenario.workerKind === undefined
      ? undefined
      : await startWorker(scenario, env, options, scriptDir, taskQueue);
  const probes = { worker: started?.child, target: env.target, devServerPid: env.devServer.process.pid };

  try {
    await warmUp(scenario, options.warmupRuns);
    progress(`${id}: ${options.latencyRuns} sequential runs`);
    const latency = await measureLatency(scenario, probes, options.latencyRuns);
    const throughput: PhaseResult[] = [];
    for (const callers of options.concurrency) {
      progress(`${id}: ${callers} concurrent callers for ${options.throughputMs / 1000} s`);
      throughput.push(await measureThroughput(scenario, probes, callers, options.throughputMs));
    }

    const end = started === undefined ? undefined : await started.child.request<ChildUsage>('usage');
    return {
      id,
      label: scenario.label,
      worker:
        started === undefined || end === undefined
          ? null
          : {
              createMs: round(started.ready.createMs as number),
              startupMs: round(started.ready.startupMs as number),
              rssStartBytes: started.ready.rssBytes as number,
              rssEndBytes: end.rssBytes,
              heapUsedStartBytes: started.ready.heapUsedBytes as number,
              heapUsedEndBytes: end.heapUsedBytes,
            },
      latency,
      throughput,
      workerCpuMicrosPerRun: averageWorkerCpu([latency, ...throughput]),
    };
  } finally {
    await scenario.close();
    await started?.child.stop();
  }
}

/** Starts the worker process of a scenario and waits until it polls its task queue. */
export async function startWorker(
  scenario: Scenario,
  env: BenchEnvironment,
  options: BenchOptions,
  scriptDir: string,
  taskQueue: string,
): Promise<{ child: BenchChild; ready: ChildUsage }> {
  const settings: WorkerProcessSettings = {
    kind: scenario.workerKind!,
    address: env.devServer.address,
    taskQueue,
    configDir: env.configDir,
    logLevel: options.logLevel,
    workerOptions: options.workerOptions,
  };
  const { child, ready } = await startChild({
    script: path.join(scriptDir, 'worker-process.js'),
    settings,
    logFile: path.join(env.logDir, `worker-${scenario.id}.log`),
    execArgv: options.profile
      ? ['--cpu-prof', `--cpu-prof-dir=${env.logDir}`, `--cpu-prof-name=worker-${scenario.id}.cpuprofile`]
      : [],
  });
  return { child, ready: ready as ChildUsage };
}

function averageWorkerCpu(phases: readonly PhaseResult[]): number | null {
  let cpu = 0;
  let runs = 0;
  for (const phase of phases) {
    if (phase.cpuMicrosPerRun.worker === null) return null;
    cpu += phase.cpuMicrosPerRun.worker * phase.runs;
    runs += phase.runs;
  }
  return runs === 0 ? null : round(cpu / runs);
}
