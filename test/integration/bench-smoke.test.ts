import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../bench/compare';
import type { Ratio } from '../../bench/report';
import type { SoakResult } from '../../bench/soak';

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

/** The parts of a results file that these tests read. */
interface BenchResults {
  readonly mode: string;
  readonly smoke: boolean;
  readonly machine: { readonly cpus: number; readonly node: string };
  readonly scenarios?: readonly ScenarioResult[];
  readonly ratios?: readonly Ratio[];
  readonly soak?: SoakResult;
}

/** Runs the compiled benchmark with `args` and returns its parsed results file. */
async function runBench(outDir: string, name: string, args: readonly string[]): Promise<BenchResults> {
  const out = path.join(outDir, `${name}.json`);
  await execFileAsync(
    process.execPath,
    [path.join(root, 'dist', 'bench', 'main.js'), ...args, '--out', out],
    {
      cwd: root,
      timeout: 240_000,
    },
  );
  return JSON.parse(await readFile(out, 'utf8')) as BenchResults;
}

function expectPositive(value: number | null | undefined, name: string): void {
  expect(Number.isFinite(value), `${name} = ${String(value)}`).toBe(true);
  expect(value, name).toBeGreaterThan(0);
}

// The numbers are not checked, because CI machines are too noisy for timed assertions. These tests
// check that the smoke mode runs end to end and writes well-formed results, so the benchmark cannot rot.
describe('benchmark smoke mode', () => {
  let outDir: string;

  beforeAll(async () => {
    // The benchmark runs compiled from dist/, which the integration tests' global setup builds,
    // because its worker processes are plain Node.js children.
    outDir = await mkdtemp(path.join(os.tmpdir(), 'ductape-bench-smoke-'));
  });

  afterAll(async () => {
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  it('compares all four scenarios', { timeout: 300_000 }, async () => {
    const results = await runBench(outDir, 'compare', ['--smoke']);
    const scenarios = results.scenarios ?? [];

    expect(results.mode).toBe('compare');
    expect(results.smoke).toBe(true);
    expect(results.machine.node).toBe(process.version);
    expect(scenarios.map((scenario) => scenario.id)).toEqual([
      'direct-http',
      'temporal-floor',
      'handwritten',
      'package',
    ]);
    for (const scenario of scenarios) {
      const { latency } = scenario.latency;
      expect(latency.count, scenario.id).toBe(5);
      expectPositive(latency.p50Ms, `${scenario.id} p50`);
      expect(latency.p95Ms, scenario.id).toBeGreaterThanOrEqual(latency.p50Ms);
      expect(latency.p99Ms, scenario.id).toBeGreaterThanOrEqual(latency.p95Ms);
      expect(
        scenario.throughput.map((phase) => phase.callers),
        scenario.id,
      ).toEqual([1, 4]);
      for (const phase of scenario.throughput) {
        expectPositive(phase.runsPerSecond, `${scenario.id} runs/s with ${phase.callers} callers`);
      }
    }
  });

  it('records worker CPU and memory', { timeout: 300_000 }, async () => {
    const results = await runBench(outDir, 'compare-workers', [
      '--smoke',
      '--scenarios',
      'temporal-floor,package',
    ]);
    const [floor, pkg] = results.scenarios ?? [];

    for (const scenario of [floor, pkg]) {
      expectPositive(scenario?.workerCpuMicrosPerRun, `${scenario?.id} worker CPU per run`);
      expectPositive(scenario?.worker?.rssStartBytes, `${scenario?.id} RSS at start`);
      expectPositive(scenario?.worker?.rssEndBytes, `${scenario?.id} RSS at end`);
      expectPositive(scenario?.worker?.startupMs, `${scenario?.id} start-up time`);
    }
    const names = (results.ratios ?? []).map((ratio) => ratio.name);
    expect(names).toContain('throughput N=1 (4)/(2)');
    expect(names).toContain('throughput N=4 (4)/(2)');
  });

  it('soaks the package and fits a memory slope', { timeout: 300_000 }, async () => {
    const results = await runBench(outDir, 'soak', ['--smoke', '--soak']);
    const soak = results.soak;

    expect(results.mode).toBe('soak');
    expect(soak?.scenario).toBe('package');
    expect(soak?.failures).toBe(0);
    expect(soak?.gcExposed).toBe(true);
    expectPositive(soak?.runs, 'soak runs');
    expect(soak?.samples.length).toBeGreaterThanOrEqual(3);
    expect(typeof soak?.flat).toBe('boolean');
    expect(Number.isFinite(soak?.rss.bytesPerMinute)).toBe(true);
  });
});
