import { existsSync } from 'node:fs';
import path from 'node:path';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { type ActivityDependencies, createActivities } from '../activities';

/** Options of {@link createActionWorker}. */
export interface ActionWorkerOptions extends ActivityDependencies {
  readonly connection: NativeConnection;
  /** @default 'default' */
  readonly namespace?: string;
  /** @default 'ductape-actions' */
  readonly taskQueue?: string;
  /**
   * Time that in-flight attempts get to finish after shutdown starts, in milliseconds.
   * @default 30000
   */
  readonly shutdownGraceTimeMs?: number;
  /** Extra Temporal worker options, such as concurrency limits, applied last. */
  readonly workerOptions?: Partial<WorkerOptions>;
}

/** Task queue that workers poll and clients start runs on when none is configured. */
export const DEFAULT_TASK_QUEUE = 'ductape-actions';

/**
 * Creates a Temporal worker that runs `processActionWorkflow` and the action activities. Workflow code
 * is bundled from source when the worker is created, which takes a few seconds.
 */
export async function createActionWorker(options: ActionWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowsPath: workflowsEntryPoint(),
    activities: createActivities(options),
    shutdownGraceTime: options.shutdownGraceTimeMs ?? 30_000,
    ...options.workerOptions,
  });
}

/** Path of the workflows' entry point: the TypeScript source under a TS runner, the compiled file otherwise. */
export function workflowsEntryPoint(): string {
  const source = path.join(__dirname, '..', 'workflows', 'index.ts');
  return existsSync(source) ? source : path.join(__dirname, '..', 'workflows', 'index.js');
}
