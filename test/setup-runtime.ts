import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in test files log every failed attempt at WARN, and the tests cause many on purpose. Only
// errors reach the test output; set TEST_LOG_LEVEL=INFO to see everything.
Runtime.install({ logger: new DefaultLogger((process.env.TEST_LOG_LEVEL as 'INFO' | undefined) ?? 'ERROR') });
