import { DefaultLogger, type LogEntry, type LogLevel, Runtime } from '@temporalio/worker';

const LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

/**
 * Installs the process logger once: one JSON object a line on standard error, with the message, the
 * level and the fields the SDK attaches (workflow ID, run ID, activity attempt). Activities log through
 * the SDK's context logger, which ends here.
 */
export function installJsonLogger(level: string = process.env.LOG_LEVEL ?? 'INFO'): DefaultLogger {
  const upper = level.toUpperCase() as LogLevel;
  if (!LEVELS.includes(upper))
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not '${level}'.`);

  const logger = new DefaultLogger(upper, (entry: LogEntry) => {
    const line = {
      time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(),
      level: entry.level.toLowerCase(),
      message: entry.message,
      ...withoutNoise(entry.meta),
    };
    process.stderr.write(`${JSON.stringify(line, jsonReplacer)}\n`);
  });
  Runtime.install({ logger });
  return logger;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** Drops the SDK's task token: a long opaque value that identifies nothing a reader can use. */
function withoutNoise(meta: LogEntry['meta']): Record<string, unknown> {
  if (meta === undefined) return {};
  const { taskToken: _taskToken, ...rest } = meta as Record<string, unknown>;
  return rest;
}
