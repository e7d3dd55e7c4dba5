import type { ScenarioResult } from './compare';
import { round } from './stats';

/** A ratio of this package to a baseline, and the target it is held to. */
export interface Ratio {
  readonly name: string;
  readonly value: number;
  /** The target, such as `≤ 1.10`; absent for ratios reported for information. */
  readonly target?: string;
  readonly met?: boolean;
}

/** Latency of the package over the hand-written activity and over floor plus direct HTTP. */
const LATENCY_TARGET = 1.1;
/** Throughput of the package over Temporal's floor at the same concurrency. */
const THROUGHPUT_TARGET = 0.9;

/**
 * Computes the ratios that the targets are stated in: (4)/(3) and (4)/((2)+(1)) at p50 and p99, and
 * (4)/(2) and (4)/(3) in throughput at each concurrency. Ratios whose scenarios did not run are left out.
 */
export function computeRatios(results: readonly ScenarioResult[]): Ratio[] {
  const byId = new Map(results.map((result) => [result.id, result]));
  const direct = byId.get('direct-http');
  const floor = byId.get('temporal-floor');
  const handwritten = byId.get('handwritten');
  const pkg = byId.get('package');
  if (pkg === undefined) return [];

  const ratios: Ratio[] = [];
  for (const key of ['p50Ms', 'p99Ms'] as const) {
    const label = key.slice(0, 3);
    if (handwritten !== undefined) {
      const value = round(pkg.latency.latency[key] / handwritten.latency.latency[key]);
      ratios.push({
        name: `latency ${label} (4)/(3)`,
        value,
        target: `≤ ${LATENCY_TARGET.toFixed(2)}`,
        met: value <= LATENCY_TARGET,
      });
    }
    if (floor !== undefined && direct !== undefined) {
      const floorPlusHttp = floor.latency.latency[key] + direct.latency.latency[key];
      ratios.push({
        name: `latency ${label} (4)/((2)+(1))`,
        value: round(pkg.latency.latency[key] / floorPlusHttp),
      });
    }
  }

  for (const phase of pkg.throughput) {
    const floorPhase = floor?.throughput.find((candidate) => candidate.callers === phase.callers);
    if (floorPhase !== undefined) {
      const value = round(phase.runsPerSecond / floorPhase.runsPerSecond);
      ratios.push({
        name: `throughput N=${phase.callers} (4)/(2)`,
        value,
        target: `≥ ${THROUGHPUT_TARGET.toFixed(2)}`,
        met: value >= THROUGHPUT_TARGET,
      });
    }
    const handwrittenPhase = handwritten?.throughput.find((candidate) => candidate.callers === phase.callers);
    if (handwrittenPhase !== undefined) {
      ratios.push({
        name: `throughput N=${phase.callers} (4)/(3)`,
        value: round(phase.runsPerSecond / handwrittenPhase.runsPerSecond),
      });
    }
  }
  return ratios;
}

/** Formats the results as a plain-text table, followed by the ratios. */
export function formatComparison(results: readonly ScenarioResult[], ratios: readonly Ratio[]): string {
  const callers = results[0]?.throughput.map((phase) => phase.callers) ?? [];
  const header = [
    'scenario',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    ...callers.map((n) => `runs/s N=${n}`),
    'worker CPU µs/run',
    'server CPU µs/run',
    'worker RSS MiB start→end',
    'worker start s',
  ];
  const rows = results.map((result) => {
    const lastPhase = result.throughput[result.throughput.length - 1];
    return [
      result.label,
      result.latency.latency.p50Ms.toFixed(2),
      result.latency.latency.p95Ms.toFixed(2),
      result.latency.latency.p99Ms.toFixed(2),
      ...callers.map((n) => findRate(result, n)),
      result.workerCpuMicrosPerRun === null ? '—' : result.workerCpuMicrosPerRun.toFixed(0),
      lastPhase?.cpuMicrosPerRun.devServer == null ? '—' : lastPhase.cpuMicrosPerRun.devServer.toFixed(0),
      result.worker === null
        ? '—'
        : `${mebibytes(result.worker.rssStartBytes)}→${mebibytes(result.worker.rssEndBytes)}`,
      result.worker === null ? '—' : (result.worker.startupMs / 1000).toFixed(1),
    ];
  });

  const lines = [formatTable([header, ...rows]), ''];
  for (const ratio of ratios) {
    const verdict =
      ratio.target === undefined ? '' : `  target ${ratio.target}: ${ratio.met ? 'met' : 'MISSED'}`;
    lines.push(`${ratio.name.padEnd(32)} ${ratio.value.toFixed(3)}${verdict}`);
  }
  return lines.join('\n');
}

function findRate(result: ScenarioResult, callers: number): string {
  const phase = result.throughput.find((candidate) => candidate.callers === callers);
  return phase === undefined ? '—' : phase.runsPerSecond.toFixed(1);
}

/** Formats a byte count in mebibytes with one decimal. */
export function mebibytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}
