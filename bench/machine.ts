import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine a benchmark ran on, recorded with its results. */
export interface MachineFacts {
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  readonly node: string;
  readonly platform: string;
  /** 1, 5 and 15-minute load averages when the benchmark started. */
  readonly loadAverageStart: readonly number[];
}

/** Reads the CPU model (from `/proc/cpuinfo` on Linux), core count, memory and Node.js version. */
export function readMachineFacts(): MachineFacts {
  return {
    cpuModel: readCpuModel(),
    cpus: os.cpus().length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

function readCpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('model name'));
    if (line !== undefined) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}
