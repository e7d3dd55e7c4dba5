import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../src/client/action-error';
import { FailureType } from '../../src/failures/failure-types';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { writeConfigFixture } from '../support/config-fixture';
import { delayed, hang, json, RecordingServer, resetConnection } from '../support/recording-server';
import { SIGNUP_INPUT } from '../support/signup-input';
import { createTestEnvironment } from '../support/temporal-env';

const input = SIGNUP_INPUT;

/** Actions beside the fixture's: a short timeout, and a slower backoff to measure. */
const extraActions = [
  { tag: 'user.slow', method: 'POST', resource: '/v1/users/slow', timeout_ms: 300 },
  {
    tag: 'user.backoff',
    method: 'POST',
    resource: '/v1/users/backoff',
    retry: { initial_interval_ms: 2_000, backoff_coefficient: 1, maximum_interval_ms: 2_000 },
  },
];

async function failure(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}

function gapsMs(server: RecordingServer): number[] {
  return server.requests
    .slice(1)
    .map((request, index) => request.receivedAt - server.requests[index]!.receivedAt);
}

describe('failures and retries on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let api: RecordingServer;
  let running: RunningActionWorker;

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await RecordingServer.start();
    const { registry } = await writeConfigFixture(api.url, extraActions, {
      idempotency_key_header: 'Idempotency-Key',
    });
    running = await startActionWorker(env, { registry, limits: { maxResponseBytes: 64 * 1024 } });
  });

  afterAll(async () => {
    await running?.stop();
    await api?.close();
    await env?.teardown();
  });

  beforeEach(() => api.reset());

  it('waits as long as Retry-After asks on 429', async () => {
    api.enqueue(json(429, { error: 'slow down' }, { 'retry-after': '3' }));
    api.respondWith(json(201, { id: 'usr_123' }));

    const result = await running.ductape.processor.action.run({ ...input, retries: 1 });

    expect(result).toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(2);
    // The fixture's backoff is 100 ms, so a gap of about 3 s can only come from Retry-After.
    expect(gapsMs(api)[0]).toBeGreaterThanOrEqual(2_900);
  });

  it('honours a Retry-After HTTP date on 503', async () => {
    const inTwoSeconds = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_000).toUTCString();
    api.enqueue(json(503, { error: 'maintenance' }, { 'retry-after': inTwoSeconds }));
    api.respondWith(json(201, { id: 'usr_123' }));

    await running.ductape.processor.action.run({ ...input, retries: 1 });

    expect(api.requests).toHaveLength(2);
    expect(gapsMs(api)[0]).toBeGreaterThanOrEqual(1_900);
  });

  it('fails with RateLimited after the last attempt', async () => {
    api.respondWith(json(429, { error: 'slow down' }, { 'retry-after': '0' }));

    const error = await failure(running.ductape.processor.action.run({ ...input, retries: 2 }));

    expect(error.type).toBe(FailureType.RateLimited);
    expect(error.status).toBe(429);
    expect(error.attempts).toBe(3);
    expect(api.requests).toHaveLength(3);
  });

  it('uses the backoff configured on the action', async () => {
    api.respondWith(json(500, { error: 'boom' }));

    const error = await failure(
      running.ductape.processor.action.run({ ...input, event: 'user.backoff', retries: 2 }),
    );

    expect(error.type).toBe(FailureType.HttpServerError);
    expect(api.requests).toHaveLength(3);
    for (const gap of gapsMs(api)) expect(gap).toBeGreaterThanOrEqual(1_900);
  });

  it('retries a timeout and reports Timeout', async () => {
    api.respondWith(hang());

    const error = await failure(
      running.ductape.processor.action.run({ ...input, event: 'user.slow', retries: 1 }),
    );

    expect(error.type).toBe(FailureType.Timeout);
    expect(error.attempts).toBe(2);
    expect(error.status).toBeUndefined();
    expect(api.requests).toHaveLength(2);
  });

  it('retries a reset connection and reports ConnectionError', async () => {
    api.respondWith(resetConnection());

    const error = await failure(running.ductape.processor.action.run({ ...input, retries: 1 }));

    expect(error.type).toBe(FailureType.ConnectionError);
    expect(error.attempts).toBe(2);
    expect(api.requests).toHaveLength(2);
  });

  it('does not retry a response too large', async () => {
    api.respondWith(json(200, { blob: 'x'.repeat(100 * 1024) }));

    const error = await failure(running.ductape.processor.action.run({ ...input, retries: 3 }));

    expect(error.type).toBe(FailureType.ResponseTooLarge);
    expect(error.message).toContain('65536 bytes');
    expect(api.requests).toHaveLength(1);
  });

  it('carries type, status, attempts and cause at the caller', async () => {
    api.respondWith(json(502, { error: 'bad gateway' }));

    const error = await failure(running.ductape.processor.action.run({ ...input, retries: 1 }));

    expect(error.type).toBe(FailureType.HttpServerError);
    expect(error.status).toBe(502);
    expect(error.attempts).toBe(2);
    expect(error.message).toContain('HTTP 502');
    expect(error.details.url).toBe(`${api.url}/v1/users/signup`);
    expect(error.details.bodyExcerpt).toContain('bad gateway');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.workflowId).toMatch(/^action:my-product:payments:user\.signup:dev:/);
  });

  it('sends one idempotency key across retries', async () => {
    api.enqueue(json(503, { error: 'unavailable' }));
    api.respondWith(json(201, { id: 'usr_123' }));

    await running.ductape.processor.action.run({ ...input, retries: 1 });

    const keys = api.requests.map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it('attaches a second start with one idempotency key', async () => {
    api.respondWith(delayed(500, json(201, { id: 'usr_123' })));
    const idempotencyKey = `order-${Date.now()}`;

    const [first, second] = await Promise.all([
      running.ductape.processor.action.run(input, { idempotencyKey }),
      running.ductape.processor.action.run(input, { idempotencyKey }),
    ]);
    const third = await running.ductape.processor.action.run(input, { idempotencyKey });

    expect(first).toEqual({ id: 'usr_123' });
    expect(second).toEqual({ id: 'usr_123' });
    expect(third).toEqual({ id: 'usr_123' });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.headers['idempotency-key']).toBe(idempotencyKey);
  });

  it('rejects an invalid idempotency key before starting', async () => {
    const error = await failure(
      running.ductape.processor.action.start(input, { idempotencyKey: 'has spaces' }),
    );

    expect(error.type).toBe(FailureType.InvalidInput);
    expect(error.message).toContain('idempotencyKey');
    expect(api.requests).toHaveLength(0);
  });
});
