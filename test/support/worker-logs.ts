import type { LogEntry } from '@temporalio/worker';

/*
 * The runtime logger is installed once per test process by test/setup-runtime.ts, before any test file
 * runs, so a test cannot install its own. The installed logger hands every entry at INFO and above to
 * the list that a test file turned on here. The list lives on globalThis so that the setup file and the
 * test file share it however the test runner loads their modules.
 */

const KEY = Symbol.for('ductape-temporal.test.worker-logs');

type LogsHolder = { [KEY]?: LogEntry[] };

/** Starts recording worker log entries in this process and returns the list they are added to. */
export function recordWorkerLogs(): LogEntry[] {
  const holder = globalThis as LogsHolder;
  holder[KEY] ??= [];
  return holder[KEY];
}

/** Adds an entry to the recorded list, when a test file turned recording on. */
export function addWorkerLogEntry(entry: LogEntry): void {
  (globalThis as LogsHolder)[KEY]?.push(entry);
}
