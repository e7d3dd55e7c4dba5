import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { ActivityDependencies } from '../../activities';
import { Ductape } from '../../src/client/ductape';
import type { SecretSource } from '../../src/secrets/secret-source';
import { createActionWorker } from '../../worker/create-worker';
import { FIXTURE_SECRET_NAME } from './config-fixture';

/** A worker running in the test process, and a client for the same task queue. */
export interface RunningActionWorker {
  readonly worker: Worker;
  readonly ductape: Ductape;
  readonly taskQueue: string;
  /** Value of the fixture's API token secret. */
  readonly secret: string;
  stop(): Promise<void>;
}

/**
 * Starts an action worker on a task queue of its own, with a random secret behind the fixture's token.
 * `workflowsPath` registers other workflows than `processActionWorkflow` alone.
 */
export async function startActionWorker(
  env: TestWorkflowEnvironment,
  deps: Omit<ActivityDependencies, 'secrets'> & { secrets?: SecretSource; workflowsPath?: string },
): Promise<RunningActionWorker> {
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const secret = `sk_test_${randomBytes(16).toString('hex')}`;
  const secrets: SecretSource = deps.secrets ?? {
    get: (name) => (name === FIXTURE_SECRET_NAME ? secret : undefined),
  };

  const worker = await createActionWorker({ ...deps, secrets, connection: env.nativeConnection, taskQueue });
  const running = worker.run();
  const ductape = new Ductape({ connection: env.connection, taskQueue });

  return {
    worker,
    ductape,
    taskQueue,
    secret,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
