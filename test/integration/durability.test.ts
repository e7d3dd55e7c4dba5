import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../src/client/action-error';
import { Ductape } from '../../src/client/ductape';
import { FailureType } from '../../src/failures/failure-types';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { type CliProcess, runCli, startCli, waitFor } from '../support/cli-process';
import { FIXTURE_SECRET_NAME, writeConfigFixture } from '../support/config-fixture';
import { delayed, hang, json, RecordingServer } from '../support/recording-server';
import { SIGNUP_INPUT } from '../support/signup-input';
import { createTestEnvironment } from '../support/temporal-env';

const input = SIGNUP_INPUT;

describe('durability with real worker processes', () => {
  let env: TestWorkflowEnvironment;
  let api: RecordingServer;
  let configFolder: string;
  let inProcess: RunningActionWorker;
  let ductape: Ductape;
  const workers: CliProcess[] = [];

  /** Environment of worker and CLI child processes: the test server, this file's task queue, the fixture. */
  function childEnvironment(): Record<string, string> {
    return {
      TEMPORAL_ADDRESS: env.address,
      DUCTAPE_TASK_QUEUE: inProcess.taskQueue,
      DUCTAPE_CONFIG_DIR: configFolder,
      [FIXTURE_SECRET_NAME]: inProcess.secret,
      DUCTAPE_SHUTDOWN_GRACE_MS: '20000',
      LOG_LEVEL: 'INFO',
    };
  }

  async function startWorkerProcess(environment: Record<string, string> = {}): Promise<CliProcess> {
    const worker = startCli(['worker'], { ...childEnvironment(), ...environment });
    workers.push(worker);
    await worker.waitForStderr('"Worker started"');
    return worker;
  }

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await RecordingServer.start();
    const fixture = await writeConfigFixture(api.url, [], { idempotency_key_header: 'Idempotency-Key' });
    configFolder = fixture.folder;
    // The in-process worker only lends its task queue and secret here: it is shut down at once, so
    // every attempt in this file runs in a worker process that the test can kill.
    inProcess = await startActionWorker(env, { registry: fixture.registry });
    await inProcess.stop();
    ductape = new Ductape({ connection: env.connection, taskQueue: inProcess.taskQueue });
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  beforeEach(() => api.reset());

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await worker.exited;
    }
  });

  it('finishes a run whose worker was killed, without spending retries', async () => {
    api.enqueue(hang());
    api.respondWith(json(201, { id: 'usr_123' }));
    const first = await startWorkerProcess();

    const workflowId = await ductape.processor.action.start({ ...input, retries: 0 });
    await waitFor(
      () => api.requests.length === 1,
      30_000,
      () => 'the first attempt never reached the API',
    );
    first.child.kill('SIGKILL');
    await first.exited;
    await startWorkerProcess();
    const result = await ductape.processor.action.result(workflowId);

    expect(result).toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(2);
    const keys = api.requests.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('lets an in-flight attempt finish on SIGTERM', async () => {
    api.respondWith(delayed(1_500, json(201, { id: 'usr_123' })));
    const worker = await startWorkerProcess();

    const workflowId = await ductape.processor.action.start({ ...input, retries: 0 });
    await waitFor(
      () => api.requests.length === 1,
      30_000,
      () => 'the attempt never reached the API',
    );
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const completed = history.events?.filter((event) => event.activityTaskCompletedEventAttributes) ?? [];

    expect(exit.code).toBe(0);
    expect(completed).toHaveLength(1);
    expect(worker.stderr()).toContain('"Worker stopped"');

    // The workflow itself finishes on the next worker, without another call to the API.
    await startWorkerProcess();
    await expect(ductape.processor.action.result(workflowId)).resolves.toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(1);
  });

  it('reruns an attempt cut off by the grace period', async () => {
    api.enqueue(hang());
    api.respondWith(json(201, { id: 'usr_123' }));
    const impatient = await startWorkerProcess({ DUCTAPE_SHUTDOWN_GRACE_MS: '500' });

    const workflowId = await ductape.processor.action.start({ ...input, retries: 0 });
    await waitFor(
      () => api.requests.length === 1,
      30_000,
      () => 'the attempt never reached the API',
    );
    impatient.child.kill('SIGTERM');
    const exit = await impatient.exited;
    await startWorkerProcess();
    const result = await ductape.processor.action.result(workflowId);

    expect(exit.code).toBe(0);
    expect(result).toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(2);
  });

  it('returns a result to a new client process', async () => {
    api.respondWith(delayed(1_000, json(201, { id: 'usr_123' })));
    await startWorkerProcess();

    const workflowId = await ductape.processor.action.start(input);
    const whileRunning = await runCli(['result', workflowId], childEnvironment());
    const afterFinishing = await runCli(['result', workflowId], childEnvironment());

    expect(whileRunning.code).toBe(0);
    expect(JSON.parse(whileRunning.stdout)).toEqual({ id: 'usr_123' });
    expect(afterFinishing.code).toBe(0);
    expect(JSON.parse(afterFinishing.stdout)).toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(1);
  });

  it('reports a failed run to a new client process', async () => {
    api.respondWith(json(400, { error: 'invalid_email' }));
    await startWorkerProcess();

    const workflowId = await ductape.processor.action.start({ ...input, retries: 2 });
    const { code, stderr } = await runCli(['result', workflowId], childEnvironment());

    expect(code).toBe(1);
    expect(stderr).toContain('Action failed: HttpClientError');
    expect(stderr).toContain('status:   400');
    expect(stderr).toContain('attempts: 1');
    expect(stderr).toContain('invalid_email');
    expect(api.requests).toHaveLength(1);
  });

  it('cancels a run from the CLI and aborts its request', async () => {
    let aborted = false;
    api.respondWith((_request, response) => {
      response.once('close', () => {
        aborted = true;
      });
    });
    await startWorkerProcess();

    const workflowId = await ductape.processor.action.start({ ...input, retries: 3 });
    await waitFor(
      () => api.requests.length === 1,
      30_000,
      () => 'the attempt never reached the API',
    );
    const cancel = await runCli(['cancel', workflowId], childEnvironment());
    const error = await ductape.processor.action.result(workflowId).catch((caught: unknown) => caught);
    const description = await env.client.workflow.getHandle(workflowId).describe();

    expect(cancel.code).toBe(0);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).type).toBe(FailureType.Cancelled);
    expect(description.status.name).toBe('CANCELLED');
    expect(aborted).toBe(true);
    expect(api.requests).toHaveLength(1);
  });
});
