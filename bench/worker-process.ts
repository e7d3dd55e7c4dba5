/**
 * Child process: one Temporal worker of the benchmark, either the package's action worker or the
 * baseline worker with the floor and hand-written workflows. The parent reads this process's CPU time
 * and memory over IPC, so the caller's and the HTTP server's work never count as the worker's.
 */
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { loadConfiguration } from '../src/config/load';
import { createActionWorker } from '../worker/create-worker';
import { installJsonLogger } from '../worker/logger';
import { createBaselineActivities } from './baseline-activities';
import { processUsage, serveParent } from './parent-channel';
import { TOKEN_SECRET_NAME } from './signup-request';

/** Settings that the parent passes as the only argument. */
export interface WorkerProcessSettings {
  /** Worker to run: `package` is `createActionWorker`, and `baseline` runs the floor and hand-written workflows. */
  readonly kind: 'package' | 'baseline';
  readonly address: string;
  readonly taskQueue: string;
  /** Configuration folder of the package worker. */
  readonly configDir?: string;
  readonly logLevel: string;
  /** Temporal worker options applied to either kind, such as concurrency limits. */
  readonly workerOptions: Partial<WorkerOptions>;
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessSettings;
  installJsonLogger(settings.logLevel);
  const connection = await NativeConnection.connect({ address: settings.address });

  const createStartedAt = performance.now();
  const worker = await createWorker(settings, connection);
  const createMs = performance.now() - createStartedAt;
  const running = worker.run();

  serveParent(
    {
      usage: () => processUsage(),
      gc: () => {
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        return { collected: gc !== undefined, ...processUsage() };
      },
    },
    // performance.now() counts from the start of this process, so it includes Node's own start-up.
    { createMs, startupMs: performance.now(), ...processUsage() },
    async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  );
  await running;
}

async function createWorker(settings: WorkerProcessSettings, connection: NativeConnection): Promise<Worker> {
  if (settings.kind === 'package') {
    if (settings.configDir === undefined) throw new Error('The package worker needs configDir.');
    return createActionWorker({
      connection,
      registry: await loadConfiguration(settings.configDir),
      taskQueue: settings.taskQueue,
      workerOptions: settings.workerOptions,
    });
  }

  const token = process.env[TOKEN_SECRET_NAME];
  if (token === undefined)
    throw new Error(`The baseline worker needs ${TOKEN_SECRET_NAME} in its environment.`);
  return Worker.create({
    connection,
    taskQueue: settings.taskQueue,
    workflowsPath: path.join(__dirname, 'workflows', 'index.js'),
    activities: createBaselineActivities(token),
    ...settings.workerOptions,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Bench worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
