import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChargeManyResult } from '../../examples/workflows/charge-many';
import type { chargeOrderWorkflow } from '../../examples/workflows/charge-order';
import type { checkoutWorkflow } from '../../examples/workflows/checkout';
import type { sendReceiptWorkflow } from '../../examples/workflows/send-receipt';
import type { signUpAndChargeWorkflow } from '../../examples/workflows/sign-up-and-charge';
import { type ActionFailureDetails, FailureType } from '../../src/failures/failure-types';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { writeConfigFixture } from '../support/config-fixture';
import { recordHistory } from '../support/history-files';
import { historyText } from '../support/history-text';
import {
  hang,
  json,
  type RecordedRequest,
  RecordingServer,
  type Responder,
  routes,
} from '../support/recording-server';
import { createTestEnvironment } from '../support/temporal-env';

const PAYMENTS_ACTIONS = [
  { tag: 'user.delete', method: 'DELETE', resource: '/v1/users/{userId}' },
  {
    tag: 'charge.create',
    method: 'POST',
    resource: '/v1/users/:userId/charges',
    body: { currency: 'usd' },
    idempotency_key_header: 'Idempotency-Key',
  },
  { tag: 'charge.refund', method: 'POST', resource: '/v1/charges/:chargeId/refund' },
];

/** A payments API that signs up `userId` as `<userId>-n`, so a later step shows where its input came from. */
function paymentsApi(overrides: Record<string, Responder> = {}): Responder {
  return routes({
    'POST /v1/users/signup': (request, response) => {
      const userId = new URL(request.url, 'http://x').searchParams.get('userId');
      const { email } = JSON.parse(request.text) as { email: string };
      sendJson(response, 201, { id: `usr_${userId}`, userId: `${userId}-n`, email, plan: 'free' });
    },
    'POST /v1/users/u1-n/charges': json(201, {
      id: 'chg_1',
      userId: 'u1-n',
      amount: 1200,
      status: 'succeeded',
    }),
    'DELETE /v1/users/u1-n': json(200, { deleted: true }),
    'POST /v1/charges/chg_1/refund': json(200, { id: 'chg_1', status: 'refunded' }),
    ...overrides,
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function bodyOf(request: RecordedRequest | undefined): Record<string, unknown> {
  return JSON.parse(request?.text ?? '{}') as Record<string, unknown>;
}

/** The `ApplicationFailure` at the top of a failed workflow's cause: the failure the workflow threw. */
function workflowFailure(error: unknown): ApplicationFailure {
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

function detailsOf(failure: ApplicationFailure): Partial<ActionFailureDetails> {
  return (failure.details?.[0] ?? {}) as Partial<ActionFailureDetails>;
}

function requestLines(server: RecordingServer): string[] {
  return server.requests.map((request) => `${request.method} ${request.url.split('?')[0]}`);
}

describe('composing actions in workflows on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let payments: RecordingServer;
  let mailer: RecordingServer;
  let backupMailer: RecordingServer;
  let running: RunningActionWorker;
  let runCount = 0;

  beforeAll(async () => {
    env = await createTestEnvironment();
    [payments, mailer, backupMailer] = await Promise.all([
      RecordingServer.start(),
      RecordingServer.start(),
      RecordingServer.start(),
    ]);
    const { registry } = await writeConfigFixture(
      payments.url,
      PAYMENTS_ACTIONS,
      { headers: { Authorization: '$Auth{token_access}{token}', 'X-Api-Version': '2024-06-01' } },
      [
        {
          accessTag: 'mailer',
          tag: 'mailer-api',
          baseUrl: mailer.url,
          actions: [{ tag: 'receipt.send', method: 'POST', resource: '/mailer/v1/messages' }],
        },
        {
          accessTag: 'backup-mailer',
          tag: 'backup-mailer-api',
          baseUrl: backupMailer.url,
          actions: [{ tag: 'receipt.send', method: 'POST', resource: '/backup-mailer/v2/mail/send' }],
        },
      ],
    );
    running = await startActionWorker(env, {
      registry,
      workflowsPath: path.join(__dirname, '..', 'fixtures', 'workflows', 'index.ts'),
    });
  });

  afterAll(async () => {
    await running?.stop();
    await Promise.all([payments?.close(), mailer?.close(), backupMailer?.close()]);
    await env?.teardown();
  });

  beforeEach(() => {
    for (const server of [payments, mailer, backupMailer]) server.reset();
    payments.respondWith(paymentsApi());
    mailer.respondWith(json(202, { id: 'msg_1', provider: 'mailer', status: 'queued' }));
    backupMailer.respondWith(json(202, { id: 'msg_2', provider: 'backup-mailer', status: 'queued' }));
  });

  function nextWorkflowId(name: string): string {
    runCount += 1;
    return `${name}-${Date.now()}-${runCount}`;
  }

  /** Runs a workflow to its end, saves its history when recording, and returns its result or failure. */
  async function runWorkflow<T>(
    type: string,
    args: unknown[],
    recordAs?: string,
  ): Promise<{ workflowId: string; outcome: Promise<T> }> {
    const workflowId = nextWorkflowId(type);
    const handle = await env.client.workflow.start(type, { taskQueue: running.taskQueue, workflowId, args });
    const outcome = handle.result() as Promise<T>;
    await outcome.catch(() => undefined);
    if (recordAs !== undefined) await recordHistory(env.client, workflowId, recordAs);
    return { workflowId, outcome };
  }

  describe('sequence', () => {
    it('feeds each result into the next step', async () => {
      const { workflowId, outcome } = await runWorkflow<Awaited<ReturnType<typeof signUpAndChargeWorkflow>>>(
        'signUpAndChargeWorkflow',
        [{ userId: 'u1', email: 'ada@example.com', amount: 1200 }],
        'sequence-sign-up-and-charge',
      );
      const result = await outcome;

      expect(result.user.userId).toBe('u1-n');
      expect(result.charge.id).toBe('chg_1');
      expect(result.receipt.id).toBe('msg_1');
      expect(requestLines(payments)).toEqual(['POST /v1/users/signup', 'POST /v1/users/u1-n/charges']);
      expect(bodyOf(payments.requests[1])).toEqual({ currency: 'usd', amount: 1200 });
      expect(payments.requests[1]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(mailer.requests).toHaveLength(1);
      expect(bodyOf(mailer.requests[0])).toEqual({ to: 'ada@example.com', subject: 'Receipt for chg_1' });
      expect(mailer.requests[0]?.headers.authorization).toBe(`Bearer ${running.secret}`);

      const history = historyText(await env.client.workflow.getHandle(workflowId).fetchHistory());
      expect(history).toContain('Email the receipt for chg_1');
      expect(history).toContain('POST payments/charge.create (dev)');
      expect(history).not.toContain(running.secret);
    });

    it('stops at a failed step with its failure type', async () => {
      payments.respondWith(
        paymentsApi({ 'POST /v1/users/u1-n/charges': json(402, { error: 'card_declined' }) }),
      );

      const { outcome } = await runWorkflow('signUpAndChargeWorkflow', [
        { userId: 'u1', email: 'ada@example.com', amount: 1200 },
      ]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.HttpClientError);
      expect(detailsOf(failure).status).toBe(402);
      expect(payments.requestsTo('/v1/users/u1-n/charges')).toHaveLength(1);
      expect(mailer.requests).toHaveLength(0);
    });
  });

  describe('step options', () => {
    const chargeInput = {
      env: 'dev',
      product_tag: 'my-product',
      app: 'payments',
      event: 'charge.create',
      input: { params: { userId: 'u1-n' }, body: { amount: 500 } },
      retries: 0,
    };

    it('retries as options.retries says over the input', async () => {
      payments.respondWith(json(500, { error: 'boom' }));

      const { outcome } = await runWorkflow('actionStepWorkflow', [chargeInput, { retries: 2 }]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.HttpServerError);
      expect(payments.requests).toHaveLength(3);
      const keys = new Set(payments.requests.map((request) => request.headers['idempotency-key']));
      expect(keys.size).toBe(1);
    });

    it('times an attempt out after options.timeoutMs', async () => {
      payments.respondWith(hang());
      const started = Date.now();

      const { outcome } = await runWorkflow('actionStepWorkflow', [chargeInput, { timeoutMs: 300 }]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.Timeout);
      expect(payments.requests).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('sends options.idempotencyKey as the header', async () => {
      const { outcome } = await runWorkflow('actionStepWorkflow', [
        chargeInput,
        { idempotencyKey: 'order-42' },
      ]);

      await expect(outcome).resolves.toEqual({
        id: 'chg_1',
        userId: 'u1-n',
        amount: 1200,
        status: 'succeeded',
      });
      expect(payments.requests[0]?.headers['idempotency-key']).toBe('order-42');
    });

    it('rejects invalid options with every problem', async () => {
      const { outcome } = await runWorkflow('actionStepWorkflow', [
        { ...chargeInput, env: '' },
        { retries: -1, summary: 'two\nlines', colour: 'red' },
      ]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));
      const problems = (detailsOf(failure).problems ?? []).map((problem) => problem.path);

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(problems).toContain('env');
      expect(problems).toContain('options.retries');
      expect(problems).toContain('options.summary');
      expect(problems).toContain('options');
      expect(failure.message).toContain("unknown option 'colour'");
      expect(payments.requests).toHaveLength(0);
    });
  });

  describe('saga', () => {
    const order = { userId: 'u1', email: 'ada@example.com', amount: 1200 };

    it('returns the receipt and undoes nothing on success', async () => {
      const { outcome } = await runWorkflow<Awaited<ReturnType<typeof checkoutWorkflow>>>(
        'checkoutWorkflow',
        [order],
        'saga-checkout-succeeded',
      );

      await expect(outcome).resolves.toMatchObject({ id: 'msg_1' });
      expect(requestLines(payments)).toEqual(['POST /v1/users/signup', 'POST /v1/users/u1-n/charges']);
    });

    it('compensates in reverse order, then rethrows', async () => {
      mailer.respondWith(json(422, { error: 'undeliverable' }));

      const { outcome } = await runWorkflow('checkoutWorkflow', [order], 'saga-checkout-compensated');
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.HttpClientError);
      expect(detailsOf(failure).status).toBe(422);
      expect(failure.message).toContain('/mailer/v1/messages');
      expect(mailer.requests).toHaveLength(1);
      expect(requestLines(payments)).toEqual([
        'POST /v1/users/signup',
        'POST /v1/users/u1-n/charges',
        'POST /v1/charges/chg_1/refund',
        'DELETE /v1/users/u1-n',
      ]);
    });

    it('undoes only the steps that completed', async () => {
      payments.respondWith(
        paymentsApi({ 'POST /v1/users/u1-n/charges': json(402, { error: 'card_declined' }) }),
      );

      const { outcome } = await runWorkflow('checkoutWorkflow', [order]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.HttpClientError);
      expect(requestLines(payments)).toEqual([
        'POST /v1/users/signup',
        'POST /v1/users/u1-n/charges',
        'DELETE /v1/users/u1-n',
      ]);
      expect(mailer.requests).toHaveLength(0);
    });

    it('runs later compensations when one fails', async () => {
      mailer.respondWith(json(422, { error: 'undeliverable' }));
      payments.respondWith(
        paymentsApi({ 'POST /v1/charges/chg_1/refund': json(409, { error: 'already_refunded' }) }),
      );

      const { outcome } = await runWorkflow('checkoutWorkflow', [order]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.HttpClientError);
      expect(detailsOf(failure).status).toBe(422);
      expect(requestLines(payments).slice(2)).toEqual([
        'POST /v1/charges/chg_1/refund',
        'DELETE /v1/users/u1-n',
      ]);
    });
  });

  describe('fallback', () => {
    const receipt = { to: 'ada@example.com', chargeId: 'chg_1' };

    it('switches to the backup mailer on 503', async () => {
      mailer.respondWith(json(503, { error: 'unavailable' }));

      const { outcome } = await runWorkflow<Awaited<ReturnType<typeof sendReceiptWorkflow>>>(
        'sendReceiptWorkflow',
        [receipt],
        'fallback-send-receipt-switched',
      );

      await expect(outcome).resolves.toMatchObject({ id: 'msg_2', provider: 'backup-mailer' });
      // The first mailer gets its own retry (retries: 1) before the backup is tried.
      expect(mailer.requests).toHaveLength(2);
      expect(backupMailer.requests).toHaveLength(1);
      expect(bodyOf(backupMailer.requests[0])).toEqual({
        recipient: 'ada@example.com',
        content: { subject: 'Receipt for chg_1', template: 'receipt' },
      });
    });

    it('keeps to the first mailer when it succeeds', async () => {
      const { outcome } = await runWorkflow('sendReceiptWorkflow', [receipt]);

      await expect(outcome).resolves.toMatchObject({ provider: 'mailer' });
      expect(mailer.requests).toHaveLength(1);
      expect(backupMailer.requests).toHaveLength(0);
    });

    it('does not fall back on a client error', async () => {
      mailer.respondWith(json(422, { error: 'undeliverable' }));

      const { outcome } = await runWorkflow('sendReceiptWorkflow', [receipt]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.HttpClientError);
      expect(mailer.requests).toHaveLength(1);
      expect(backupMailer.requests).toHaveLength(0);
    });

    it('fails with the last failure when every mailer fails', async () => {
      mailer.respondWith(json(503, { error: 'unavailable' }));
      backupMailer.respondWith(json(500, { error: 'boom' }));

      const { outcome } = await runWorkflow('sendReceiptWorkflow', [receipt]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));

      expect(failure.type).toBe(FailureType.HttpServerError);
      expect(detailsOf(failure).status).toBe(500);
      expect(backupMailer.requests).toHaveLength(3);
    });
  });

  describe('fan-out', () => {
    it('collects results and failures with bounded concurrency', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      payments.respondWith(async (request, response) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 150));
        inFlight -= 1;
        const userId = request.url.split('/')[3] ?? '';
        if (userId.startsWith('bad')) sendJson(response, 400, { error: 'no_card' });
        else sendJson(response, 201, { id: `chg_${userId}`, userId });
      });
      const charges = ['a', 'bad1', 'b', 'c', 'bad2'].map((userId) => ({ userId, amount: 100 }));

      const { outcome } = await runWorkflow<ChargeManyResult>(
        'chargeManyWorkflow',
        [{ charges, concurrency: 2 }],
        'fan-out-charge-many',
      );
      const result = await outcome;

      expect(result.charged).toEqual([
        { userId: 'a', chargeId: 'chg_a' },
        { userId: 'b', chargeId: 'chg_b' },
        { userId: 'c', chargeId: 'chg_c' },
      ]);
      expect(result.failed.map((failed) => failed.userId)).toEqual(['bad1', 'bad2']);
      expect(result.failed.map((failed) => failed.failureType)).toEqual([
        FailureType.HttpClientError,
        FailureType.HttpClientError,
      ]);
      expect(payments.requests).toHaveLength(5);
      expect(maxInFlight).toBe(2);
    });
  });

  describe('child workflow', () => {
    const order = { userId: 'u1-n', email: 'ada@example.com', amount: 1200 };

    it('runs each action as a child with a derived ID', async () => {
      const { workflowId, outcome } = await runWorkflow<Awaited<ReturnType<typeof chargeOrderWorkflow>>>(
        'chargeOrderWorkflow',
        [order],
        'child-charge-order',
      );
      const result = await outcome;
      const chargeChild = await env.client.workflow
        .getHandle(`${workflowId}/payments/charge.create`)
        .describe();
      const receiptChild = await env.client.workflow
        .getHandle(`${workflowId}/mailer/receipt.send/chg_1`)
        .describe();

      expect(result.charge.id).toBe('chg_1');
      expect(result.receipt.id).toBe('msg_1');
      expect(chargeChild.type).toBe('processActionWorkflow');
      expect(chargeChild.status.name).toBe('COMPLETED');
      expect(chargeChild.parentExecution?.workflowId).toBe(workflowId);
      expect(receiptChild.status.name).toBe('COMPLETED');
      await recordHistory(env.client, `${workflowId}/payments/charge.create`, 'child-process-action');
    });

    it('lifts the child failure type to the parent', async () => {
      payments.respondWith(json(402, { error: 'card_declined' }));

      const { workflowId, outcome } = await runWorkflow('chargeOrderWorkflow', [order]);
      const failure = workflowFailure(await outcome.catch((error: unknown) => error));
      const chargeChild = await env.client.workflow
        .getHandle(`${workflowId}/payments/charge.create`)
        .describe();

      expect(failure.type).toBe(FailureType.HttpClientError);
      expect(detailsOf(failure).status).toBe(402);
      expect(chargeChild.status.name).toBe('FAILED');
      expect(mailer.requests).toHaveLength(0);
    });
  });

  describe('processActionWorkflow from a client', () => {
    it('retries a 503 and returns the body', async () => {
      payments.enqueue(json(503, { error: 'unavailable' }));
      payments.respondWith(json(200, { id: 'usr_123' }));
      const input = {
        env: 'dev',
        product_tag: 'my-product',
        app: 'payments',
        event: 'user.signup',
        input: { query: { userId: '123' }, body: { email: 'user@example.com' } },
        retries: 2,
      };

      const { outcome } = await runWorkflow('processActionWorkflow', [input], 'process-action-retried');

      await expect(outcome).resolves.toEqual({ id: 'usr_123' });
      expect(payments.requests).toHaveLength(2);
    });
  });
});
