import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';
import { addWorkerLogEntry } from './support/worker-logs';

// Workers in test files log every failed attempt at WARN, and the tests cause many on purpose. Only
// errors reach the test output; set TEST_LOG_LEVEL=INFO to see everything. Entries from INFO up are
// also handed to tests that record them (test/support/worker-logs.ts).
const printer = new DefaultLogger((process.env.TEST_LOG_LEVEL as LogLevel | undefined) ?? 'ERROR');
const logger = new DefaultLogger('INFO', (entry) => {
  addWorkerLogEntry(entry);
  printer.log(entry.level, entry.message, entry.meta);
});
Runtime.install({ logger });
