import { readFileSync } from 'node:fs';

// Linux reports process times in clock ticks, which are 100 a second on every mainstream
// architecture (USER_HZ); `getconf CLK_TCK` prints it.
const TICKS_PER_SECOND = 100;

/**
 * Returns the CPU time (user plus system) of another process, in microseconds, read from
 * `/proc/<pid>/stat`, or `undefined` where that file cannot be read (not Linux, or the process ended).
 */
export function processCpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }

  // The command name in field 2 may contain spaces, so fields are counted from its closing bracket.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
  return ((userTicks + systemTicks) * 1_000_000) / TICKS_PER_SECOND;
}
