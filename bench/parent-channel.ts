import type { ChildMessage } from './child-process';

/** Handles one request from the parent and returns the reply's fields. */
export type RequestHandler = (
  message: ChildMessage,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

/**
 * Handles the parent's requests over IPC in a bench child process, sends `ready`, and runs `shutdown`
 * then exits when the parent disconnects, so a child never outlives its bench.
 */
export function serveParent(
  handlers: Readonly<Record<string, RequestHandler>>,
  ready: Record<string, unknown>,
  shutdown: () => Promise<void>,
): void {
  if (process.send === undefined)
    throw new Error('This script runs as a child of bench/main.js, with an IPC channel.');

  process.on('message', (message: ChildMessage) => {
    const handler = handlers[message.type];
    const reply =
      handler === undefined
        ? Promise.reject(new Error(`Unknown request '${message.type}'.`))
        : handler(message);
    Promise.resolve(reply).then(
      (fields) => process.send?.({ ...fields, id: message.id, type: message.type }),
      (error: unknown) => process.send?.({ id: message.id, type: 'error', error: String(error) }),
    );
  });
  process.once('disconnect', () => {
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
  process.send({ ...ready, type: 'ready' });
}

/** CPU time and memory of this process, as bench children report them. */
export function processUsage(): Record<string, number> {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  };
}
