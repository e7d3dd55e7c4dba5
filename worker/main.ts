import path from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadConfiguration } from '../src/config/load';
import { createActionWorker } from './create-worker';
import { installJsonLogger } from './logger';
import { readWorkerSettings } from './settings';

/**
 * Runs the worker process until SIGINT or SIGTERM: reads settings from the environment, loads the
 * configuration, connects to Temporal and polls the task queue. On a signal, the worker stops polling
 * and lets in-flight attempts finish within the shutdown grace time.
 */
export async function runWorkerProcess(environment: NodeJS.ProcessEnv = process.env): Promise<void> {
  // 1. Settings and logging come first, so every later error is logged in the same form.
  const logger = installJsonLogger(environment.LOG_LEVEL);
  const settings = readWorkerSettings(environment);

  // 2. Configuration is validated whole before connecting, so a broken file never reaches Temporal.
  const configDir = path.resolve(settings.configDir);
  const registry = await loadConfiguration(configDir);
  logger.info('Configuration loaded', {
    configDir,
    apps: registry.apps.size,
    products: registry.products.size,
  });

  // 3. Connect and create the worker; workflow code is bundled here.
  const connection = await NativeConnection.connect(settings.connection);
  let worker: Worker | undefined;
  try {
    worker = await createActionWorker({
      connection,
      registry,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
      shutdownGraceTimeMs: settings.shutdownGraceTimeMs,
      limits: { heartbeatTimeoutMs: settings.heartbeatTimeoutMs },
    });
    logger.info('Worker started', {
      address: settings.connection.address,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
    });

    // 4. Run until the SDK's default signal handlers (SIGINT, SIGTERM, SIGQUIT, SIGUSR2) start shutdown.
    await worker.run();
    logger.info('Worker stopped', { taskQueue: settings.taskQueue });
  } finally {
    await connection.close();
  }
}
