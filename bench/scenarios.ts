import { randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { Ductape } from '../src/client/ductape';
import { type BenchEnvironment, PACKAGE_INPUT } from './environment';
import type { ScenarioId } from './options';
import { sendSignup, signupRequest } from './signup-request';
import type { WorkerProcessSettings } from './worker-process';

/** One way of sending the benchmark's request, and the worker it needs, if any. */
export interface Scenario {
  readonly id: ScenarioId;
  /** Short description for the table. */
  readonly label: string;
  /** Kind of worker process the scenario needs; direct HTTP needs none. */
  readonly workerKind?: WorkerProcessSettings['kind'];
  /** Runs the request once, end to end, and resolves when the caller has the result. */
  runOnce(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Time after which a run counts as stuck and the benchmark fails, in milliseconds. A workflow whose task
 * keeps failing is retried by Temporal forever, and the benchmark must stop by itself.
 */
export const RUN_TIMEOUT_MS = 60_000;

/** Builds a scenario against the shared environment; `taskQueue` is that of its worker. */
export function createScenario(id: ScenarioId, env: BenchEnvironment, taskQueue: string): Scenario {
  const scenario = createUnboundedScenario(id, env, taskQueue);
  return { ...scenario, runOnce: () => withTimeout(scenario.runOnce(), id) };
}

async function withTimeout(run: Promise<void>, id: ScenarioId): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `A run of ${id} timed out after ${RUN_TIMEOUT_MS} ms. Its worker log in the results folder shows why.`,
          ),
        ),
      RUN_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function createUnboundedScenario(id: ScenarioId, env: BenchEnvironment, taskQueue: string): Scenario {
  const signup = signupRequest(env.targetUrl);

  switch (id) {
    case 'direct-http': {
      const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
      return {
        id,
        label: '(1) direct HTTP (undici)',
        async runOnce() {
          await sendSignup(signup, env.token, dispatcher);
        },
        close: () => dispatcher.close(),
      };
    }

    case 'temporal-floor':
      return {
        id,
        label: '(2) Temporal floor (no-op activity)',
        workerKind: 'baseline',
        async runOnce() {
          await env.client.workflow.execute('floorWorkflow', {
            taskQueue,
            workflowId: `bench-floor-${randomUUID()}`,
          });
        },
        close: async () => {},
      };

    case 'handwritten':
      return {
        id,
        label: '(3) hand-written workflow + undici activity',
        workerKind: 'baseline',
        async runOnce() {
          await env.client.workflow.execute('handwrittenWorkflow', {
            taskQueue,
            workflowId: `bench-handwritten-${randomUUID()}`,
            args: [signup],
          });
        },
        close: async () => {},
      };

    case 'package': {
      const ductape = new Ductape({ connection: env.connection, taskQueue });
      return {
        id,
        label: '(4) ductape-temporal processor.action.run',
        workerKind: 'package',
        async runOnce() {
          await ductape.processor.action.run(PACKAGE_INPUT);
        },
        close: () => ductape.close(),
      };
    }
  }
}
