import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatRunsTable, runsCommand } from '../../src/cli/runs-command';
import { ActionError } from '../../src/client/action-error';
import { FailureType } from '../../src/failures/failure-types';
import { listRuns } from '../../src/runs/list-runs';
import { webUiRunUrl } from '../../src/runs/web-ui-url';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { writeConfigFixture } from '../support/config-fixture';
import { historyText } from '../support/history-text';
import { json, RecordingServer } from '../support/recording-server';
import { SIGNUP_INPUT } from '../support/signup-input';
import { createTestEnvironment } from '../support/temporal-env';
import { listWorkflowIds } from '../support/visibility';
import { recordWorkerLogs } from '../support/worker-logs';

const baseInput = SIGNUP_INPUT;

/** Name of the query that returns a workflow's current details, served by the SDK. */
const WORKFLOW_METADATA_QUERY = '__temporal_workflow_metadata';

describe('runs in the Web UI and visibility', () => {
  const logs = recordWorkerLogs();
  let env: TestWorkflowEnvironment;
  let api: RecordingServer;
  let running: RunningActionWorker;
  // Workflow IDs by the one input field in which each run differs from the seed run.
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await RecordingServer.start();
    const { registry } = await writeConfigFixture(api.url, [
      { tag: 'user.charge', method: 'POST', resource: '/v1/users/{userId}/charges' },
    ]);
    running = await startActionWorker(env, { registry });

    // The API responds by path: 201 for sign-ups, 402 with the received token echoed for charges.
    api.respondWith((request, response) => {
      if (request.url.includes('/charges')) {
        response.writeHead(402, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'card_declined', token: request.headers.authorization }));
        return;
      }
      json(201, { id: 'usr_123' })(request, response);
    });

    const action = running.ductape.processor.action;
    ids.seed = await action.start({ ...baseInput, retries: 2 });
    ids.event = await action.start({
      ...baseInput,
      event: 'user.charge',
      input: { ...baseInput.input, params: { userId: '$Auth{token_access}{token}' } },
    });
    ids.product = await action.start({ ...baseInput, product_tag: 'other-product' });
    ids.app = await action.start({ ...baseInput, app: 'billing' });
    ids.env = await action.start({ ...baseInput, env: 'prod' });
    await Promise.all(Object.values(ids).map((id) => action.result(id).catch(() => undefined)));
  });

  afterAll(async () => {
    await running?.stop();
    await api?.close();
    await env?.teardown();
  });

  it.each([
    ['DuctapeProduct', 'my-product', ['seed', 'event', 'app', 'env']],
    ['DuctapeProduct', 'other-product', ['product']],
    ['DuctapeApp', 'payments', ['seed', 'event', 'product', 'env']],
    ['DuctapeApp', 'billing', ['app']],
    ['DuctapeEvent', 'user.signup', ['seed', 'product', 'app', 'env']],
    ['DuctapeEvent', 'user.charge', ['event']],
    ['DuctapeEnv', 'dev', ['seed', 'event', 'product', 'app']],
    ['DuctapeEnv', 'prod', ['env']],
  ])('finds runs by %s = %s', async (attribute, value, names) => {
    const expected = names.map((name) => ids[name]).sort();

    const found = await listWorkflowIds(env.client, `${attribute} = "${value}"`, expected.length);

    expect(found).toEqual(expected);
  });

  it('names runs with product, app, event, env and a unique part', () => {
    expect(ids.seed).toMatch(
      /^action:my-product:payments:user\.signup:dev:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(ids.product).toMatch(/^action:other-product:payments:user\.signup:dev:/);
    expect(new Set(Object.values(ids)).size).toBe(Object.values(ids).length);
  });

  it('keeps a workflow ID chosen by the caller', async () => {
    const workflowId = `signup-for-order-${Date.now()}`;

    const started = await running.ductape.processor.action.start(baseInput, { workflowId });
    await running.ductape.processor.action.result(started);
    const found = await listWorkflowIds(
      env.client,
      `WorkflowId = "${workflowId}" AND DuctapeEvent = "user.signup"`,
      1,
    );

    expect(started).toBe(workflowId);
    expect(found).toEqual([workflowId]);
  });

  it('rejects an empty workflow ID before starting', async () => {
    const error = await running.ductape.processor.action
      .start(baseInput, { workflowId: ' ' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).type).toBe(FailureType.InvalidInput);
    expect((error as ActionError).message).toContain('options.workflowId');
  });

  it('sets the static summary and details at start', async () => {
    const description = await env.client.workflow.getHandle(ids.seed!).describe();

    expect(await description.staticSummary()).toBe('payments/user.signup (dev, my-product)');
    const details = await description.staticDetails();
    expect(details).toContain('- **Action:** `user.signup` of access tag `payments`');
    expect(details).toContain('- **Product:** `my-product`, environment `dev`');
    expect(details).toContain('- **Retries:** 2, so at most 3 attempts');
  });

  it('shows the request and outcome in the current details', async () => {
    const metadata = await env.client.workflow
      .getHandle(ids.seed!)
      .query<{ currentDetails?: string }>(WORKFLOW_METADATA_QUERY);
    const details = metadata.currentDetails ?? '';

    expect(details).toContain(`**POST** \`${api.url}/v1/users/signup\``);
    expect(details).toContain('- **Status:** succeeded on attempt 1 of 3');
    expect(details).toContain('- **Timeout:** 15 s per attempt; **Retries:** 2, so at most 3 attempts');
    expect(details).toContain('- **Backoff:** from 100 ms, ×2, up to 1 s');
    expect(details).toContain(
      '- **Action:** `user.signup` of app `payments-api` in environment `sandbox` ' +
        '(access tag `payments`, product `my-product`, environment `dev`)',
    );
    expect(details).not.toContain('userId=');
  });

  it('reports a failed lookup in the current details', async () => {
    const metadata = await env.client.workflow
      .getHandle(ids.product!)
      .query<{ currentDetails?: string }>(WORKFLOW_METADATA_QUERY);

    expect(metadata.currentDetails).toContain(
      '- **Status:** failed before the first attempt with `UnknownProduct`',
    );
  });

  it('summarises each attempt with its number', async () => {
    const history = await env.client.workflow.getHandle(ids.seed!).fetchHistory();
    const summaries = (history.events ?? [])
      .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'runAction')
      .map((event) => Buffer.from(event.userMetadata?.summary?.data ?? []).toString('utf8'));

    expect(summaries).toEqual(['"POST payments/user.signup (dev) · attempt 1 of 3"']);
  });

  it('puts type, status and body excerpt in the failure message', async () => {
    const error = await running.ductape.processor.action
      .result(ids.event!)
      .catch((caught: unknown) => caught);
    const history = await env.client.workflow.getHandle(ids.event!).fetchHistory();
    const failed = history.events?.find((event) => event.workflowExecutionFailedEventAttributes);
    const message = failed?.workflowExecutionFailedEventAttributes?.failure?.message ?? '';

    expect(message).toMatch(
      /^HttpClientError: POST http:\/\/127\.0\.0\.1:\d+\/v1\/users\/.+\/charges answered HTTP 402: /,
    );
    expect(message).toContain('"error":"card_declined"');
    expect((error as ActionError).type).toBe(FailureType.HttpClientError);
    expect((error as ActionError).message).toMatch(/^POST .* answered HTTP 402: /);
  });

  it('keeps secrets out of every field the Web UI shows', async () => {
    const handle = env.client.workflow.getHandle(ids.event!);
    const description = await handle.describe();
    const metadata = await handle.query<{ currentDetails?: string }>(WORKFLOW_METADATA_QUERY);
    const history = historyText(await handle.fetchHistory());
    const visible = [
      await description.staticSummary(),
      await description.staticDetails(),
      metadata.currentDetails,
      JSON.stringify(description.typedSearchAttributes),
      JSON.stringify(description.memo ?? {}),
      history,
    ].join('\n');

    // The API received the secret in the header and in the path, and echoed it in its body.
    expect(
      api.requestsTo(`/v1/users/${encodeURIComponent(`Bearer ${running.secret}`)}/charges`),
    ).toHaveLength(1);
    expect(metadata.currentDetails).toContain(`\`${api.url}/v1/users/{userId}/charges\``);
    expect(history).toContain('[REDACTED]');
    expect(visible).not.toContain(running.secret);
  });

  it('logs every attempt with its IDs, tags, duration and outcome', () => {
    const attempts = logs.filter((entry) => entry.message.startsWith('Action attempt'));
    const succeeded = attempts.find((entry) => entry.meta?.workflowId === ids.seed);
    const failed = attempts.find((entry) => entry.meta?.workflowId === ids.event);

    expect(succeeded?.message).toBe('Action attempt succeeded');
    expect(succeeded?.meta).toMatchObject({
      workflowId: ids.seed,
      workflowRunId: expect.any(String),
      attempt: 1,
      product: 'my-product',
      app: 'payments',
      event: 'user.signup',
      env: 'dev',
      durationMs: expect.any(Number),
      outcome: 'succeeded',
      status: 201,
    });
    expect(failed?.meta).toMatchObject({
      outcome: 'failed',
      failureType: FailureType.HttpClientError,
      status: 402,
      durationMs: expect.any(Number),
    });
    for (const entry of logs)
      expect(JSON.stringify(entry.meta ?? {}, replaceBigInt)).not.toContain(running.secret);
  });

  it('logs the counted attempt, not the worker try', async () => {
    api.enqueue(json(503, { error: 'unavailable' }));

    const workflowId = await running.ductape.processor.action.start({ ...baseInput, retries: 1 });
    await running.ductape.processor.action.result(workflowId);
    const attempts = logs
      .filter((entry) => entry.meta?.workflowId === workflowId && entry.message.startsWith('Action attempt'))
      .map((entry) => [entry.meta?.attempt, entry.meta?.workerTry, entry.meta?.outcome]);

    expect(attempts).toEqual([
      [1, 1, 'failed'],
      [2, 1, 'succeeded'],
    ]);
  });

  it('lists runs by filters with a Web UI link', async () => {
    const failed = await listRuns(env.client, {
      product: 'my-product',
      event: 'user.charge',
      status: 'Failed',
    });
    const dev = await listRuns(env.client, { env: 'prod' });
    const links = failed.map((run) =>
      webUiRunUrl('http://127.0.0.1:8233', 'default', run.workflowId, run.runId),
    );
    const table = formatRunsTable(failed, links);

    expect(failed.map((run) => run.workflowId)).toEqual([ids.event]);
    expect(failed[0]).toMatchObject({
      status: 'FAILED',
      product: 'my-product',
      app: 'payments',
      event: 'user.charge',
      env: 'dev',
    });
    expect(dev.map((run) => run.workflowId)).toEqual([ids.env]);
    expect(table).toContain(ids.event);
    expect(table).toContain(
      `  http://127.0.0.1:8233/namespaces/default/workflows/${encodeURIComponent(ids.event!)}/${failed[0]?.runId}/history`,
    );
  });

  it('lists runs up to the limit', async () => {
    const all = await listRuns(env.client, { product: 'my-product' });
    const limited = await listRuns(env.client, { product: 'my-product', limit: 2 });

    expect(all.length).toBeGreaterThan(2);
    expect(limited).toHaveLength(2);
  });

  it('prints runs as JSON lines from the runs command', async () => {
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let code: number;
    try {
      code = await runsCommand(
        { app: 'billing', limit: 20, json: true, uiUrl: 'http://127.0.0.1:9999/' },
        { TEMPORAL_ADDRESS: env.connection.options.address },
      );
    } finally {
      stdout.mockRestore();
    }
    const lines = written.map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ workflowId: ids.app, status: 'FAILED', app: 'billing' });
    expect(lines[0]?.url).toBe(
      `http://127.0.0.1:9999/namespaces/default/workflows/${encodeURIComponent(ids.app!)}/${lines[0]?.runId}/history`,
    );
  });
});

function replaceBigInt(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
