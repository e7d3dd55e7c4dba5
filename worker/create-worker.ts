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
  /**
   * Path of the module whose exported functions are the workflows to register, such as your own
   * workflows. It must export `processActionWorkflow` too (re-exported from `ductape-temporal/workflow`)
   * for clients and `executeActionChild` to find it.
   *
   * zod is preloaded and frozen for all of these workflows (see {@link workflowPreloadModules}), so
   * workflow code that changes zod's configuration with `z.config({ … })` throws. Set
   * `workerOptions.bundlerOptions` to bundle without preloading.
   * @default this package's workflows module, which exports `processActionWorkflow` only
   */
  readonly workflowsPath?: string;
  /** Extra Temporal worker options, such as concurrency limits, applied last. */
  readonly workerOptions?: Partial<WorkerOptions>;
}

/** Task queue that workers poll and clients start runs on when none is configured. */
export const DEFAULT_TASK_QUEUE = 'ductape-actions';

/**
 * Creates a Temporal worker that runs `processActionWorkflow`, or the workflows of `workflowsPath`, and
 * the action activities. Workflow code is bundled from source when the worker is created, which takes a
 * few seconds.
 */
export async function createActionWorker(options: ActionWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowsPath: options.workflowsPath ?? workflowsEntryPoint(),
    bundlerOptions: { preloadModules: workflowPreloadModules() },
    activities: createActivities(options),
    shutdownGraceTime: options.shutdownGraceTimeMs ?? 30_000,
    ...options.workerOptions,
  });
}

/** Path of the workflows' entry point: the TypeScript source under a TS runner, the compiled file otherwise. */
export function workflowsEntryPoint(): string {
  return sourceOrCompiled(path.join(__dirname, '..', 'workflows', 'index'));
}

/**
 * Returns the modules that the worker evaluates once per workflow thread and shares, frozen, between
 * workflow runs. Every other module of the bundle is evaluated again for each run. zod keeps no state
 * that changes a parse's result, and the preloaded setup module completes its configuration before the
 * freeze.
 */
export function workflowPreloadModules(): string[] {
  return [sourceOrCompiled(path.join(__dirname, '..', 'src', 'input', 'zod-setup'))];
}

/**
 * Returns `<base>.ts` when that source file exists, as it does under a TS runner in this repository,
 * and the compiled `<base>.js` otherwise.
 */
export function sourceOrCompiled(base: string): string {
  const source = `${base}.ts`;
  return existsSync(source) ? source : `${base}.js`;
}
