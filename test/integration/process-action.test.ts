import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../src/client/action-error';
import { FailureType } from '../../src/failures/failure-types';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { writeConfigFixture } from '../support/config-fixture';
import { historyText } from '../support/history-text';
import { json, RecordingServer } from '../support/recording-server';
import { createTestEnvironment } from '../support/temporal-env';

/** Ductape's documented `processor.action.run` example input, verbatim. */
const seedInput = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.signup',
  input: {
    query: { userId: '123' },
    params: {},
    body: { email: 'user@example.com' },
    headers: { Authorization: '$Auth{token_access}{token}' },
  },
  retries: 3,
};

describe('processActionWorkflow on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let api: RecordingServer;
  let running: RunningActionWorker;

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await RecordingServer.start();
    const { registry } = await writeConfigFixture(api.url);
    running = await startActionWorker(env, { registry });
  });

  afterAll(async () => {
    await running?.stop();
    await api?.close();
    await env?.teardown();
  });

  beforeEach(() => api.reset());

  it('runs the seed example and returns the decoded body', async () => {
    api.respondWith(json(201, { id: 'usr_123', email: 'user@example.com' }));

    const result = await running.ductape.processor.action.run(seedInput);

    expect(result).toEqual({ id: 'usr_123', email: 'user@example.com' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/users/signup?userId=123');
    expect(request?.headers.authorization).toBe(`Bearer ${running.secret}`);
    expect(request?.headers['x-api-version']).toBe('2024-06-01');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.text ?? '')).toEqual({ plan: 'free', email: 'user@example.com' });
  });

  it('fails a 400 after exactly one HTTP call', async () => {
    api.respondWith(json(400, { error: 'invalid_email' }));

    const error = await running.ductape.processor.action.run(seedInput).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).type).toBe(FailureType.HttpClientError);
    expect((error as ActionError).status).toBe(400);
    expect((error as ActionError).attempts).toBe(1);
    expect((error as ActionError).details.bodyExcerpt).toContain('invalid_email');
    expect(api.requests).toHaveLength(1);
  });

  it('retries a 503 and succeeds with retries: 2', async () => {
    api.enqueue(json(503, { error: 'unavailable' }));
    api.respondWith(json(200, { id: 'usr_123' }));

    const result = await running.ductape.processor.action.run({ ...seedInput, retries: 2 });

    expect(result).toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(2);
  });

  it('stops after retries + 1 attempts of a 500', async () => {
    api.respondWith(json(500, { error: 'boom' }));

    const error = await running.ductape.processor.action
      .run({ ...seedInput, retries: 2 })
      .catch((caught: unknown) => caught);

    expect((error as ActionError).type).toBe(FailureType.HttpServerError);
    expect((error as ActionError).attempts).toBe(3);
    expect(api.requests).toHaveLength(3);
  });

  it('makes one call without retries', async () => {
    api.respondWith(json(500, { error: 'boom' }));
    const { retries: _retries, ...withoutRetries } = seedInput;

    const error = await running.ductape.processor.action
      .run(withoutRetries)
      .catch((caught: unknown) => caught);

    expect((error as ActionError).type).toBe(FailureType.HttpServerError);
    expect(api.requests).toHaveLength(1);
  });

  it('fails an unknown event fast, listing the actions', async () => {
    const error = await running.ductape.processor.action
      .run({ ...seedInput, event: 'user.delete' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).type).toBe(FailureType.UnknownAction);
    expect((error as ActionError).message).toContain("'user.delete'");
    expect((error as ActionError).message).toContain('user.signup, user.get');
    expect(api.requests).toHaveLength(0);
  });

  it('rejects a bad input before starting, listing every field', async () => {
    const bad = {
      env: '',
      product_tag: 7,
      app: 'payments',
      event: 'user.signup',
      input: { query: 'x' },
      retries: 1.5,
    };

    const error = await running.ductape.processor.action
      .start(bad as never)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).type).toBe(FailureType.InvalidInput);
    const paths = (error as ActionError).details.problems?.map((problem) => problem.path);
    expect(paths).toContain('env');
    expect(paths).toContain('product_tag');
    expect(paths).toContain('input.query');
    expect(paths).toContain('retries');
    expect(api.requests).toHaveLength(0);
  });

  it('rejects input that breaks the action schema', async () => {
    const error = await running.ductape.processor.action
      .run({ ...seedInput, input: { ...seedInput.input, query: {}, body: { email: 42 } } })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).type).toBe(FailureType.InvalidInput);
    expect((error as ActionError).message).toContain('input.query.userId: is required');
    expect((error as ActionError).message).toContain('input.body.email: must be a string');
    expect((error as ActionError).attempts).toBe(1);
    expect(api.requests).toHaveLength(0);
  });

  it('keeps the secret out of the workflow history', async () => {
    // The API echoes the token it received, so a careless excerpt would carry the secret.
    api.respondWith((request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'bad token', received: request.headers.authorization }));
    });

    const workflowId = await running.ductape.processor.action.start(seedInput);
    const error = await running.ductape.processor.action
      .result(workflowId)
      .catch((caught: unknown) => caught);
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const text = historyText(history);

    expect((error as ActionError).type).toBe(FailureType.HttpClientError);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${running.secret}`);
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('$Auth{token_access}{token}');
    expect(text).not.toContain(running.secret);
    expect((error as ActionError).details.bodyExcerpt).not.toContain(running.secret);
  });

  it('attaches to the first run when started twice with one ID', async () => {
    api.respondWith(json(201, { id: 'usr_123' }));
    const workflowId = `idempotent-${Date.now()}`;

    const first = await running.ductape.processor.action.run(seedInput, { workflowId });
    const second = await running.ductape.processor.action.run(seedInput, { workflowId });

    expect(first).toEqual({ id: 'usr_123' });
    expect(second).toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(1);
  });
});
