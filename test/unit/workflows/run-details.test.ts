import { describe, expect, it } from 'vitest';
import type { ActionPlan } from '../../../activities/types';
import type { IActionProcessorInput } from '../../../src/input/schema';
import {
  attemptSummary,
  formatDuration,
  runDetailsMarkdown,
  type StepProgress,
} from '../../../workflows/run-details';

const input: IActionProcessorInput = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.signup',
  input: { query: {}, params: {}, body: {}, headers: {} },
  retries: 3,
};

const plan: ActionPlan = {
  timeoutMs: 15_000,
  retry: { initialIntervalMs: 1_000, backoffCoefficient: 2, maximumIntervalMs: 60_000 },
  heartbeatTimeoutMs: 5_000,
  method: 'POST',
  resource: '/v1/users/signup',
  url: 'https://sandbox.payments.example/v1/users/signup',
  appTag: 'payments-api',
  appEnvironment: 'sandbox',
};

describe('attemptSummary', () => {
  it('adds the attempt number', () => {
    expect(attemptSummary('POST payments/user.signup (dev)', 2, 4)).toBe(
      'POST payments/user.signup (dev) · attempt 2 of 4',
    );
  });
});

/** Progress of the seed input with its plan: 3 retries, so 4 attempts. */
function progress(status: StepProgress['status'], overrides: Partial<StepProgress> = {}): StepProgress {
  return { input, plan, maximumAttempts: 4, timeoutMs: plan.timeoutMs, status, ...overrides };
}

describe('runDetailsMarkdown', () => {
  it('describes the request and settings', () => {
    expect(runDetailsMarkdown(progress({ state: 'running', attempt: 1 }))).toBe(
      [
        '**POST** `https://sandbox.payments.example/v1/users/signup`',
        '',
        '- **Status:** attempt 1 of 4 running',
        '- **Timeout:** 15 s per attempt; **Retries:** 3, so at most 4 attempts',
        '- **Backoff:** from 1 s, ×2, up to 1 min',
        '- **Action:** `user.signup` of app `payments-api` in environment `sandbox` ' +
          '(access tag `payments`, product `my-product`, environment `dev`)',
      ].join('\n'),
    );
  });

  it.each([
    [
      { state: 'retrying', attempt: 2, failureType: 'HttpServerError', status: 503, delayMs: 2_000 },
      '- **Status:** attempt 2 of 4 failed with `HttpServerError` (HTTP 503); attempt 3 starts in 2 s',
    ],
    [{ state: 'succeeded', attempt: 3 }, '- **Status:** succeeded on attempt 3 of 4'],
    [
      { state: 'failed', attempt: 4, failureType: 'Timeout' },
      '- **Status:** failed on attempt 4 of 4 with `Timeout`',
    ],
  ] as const)('shows the status %o', (status, line) => {
    expect(runDetailsMarkdown(progress(status)).split('\n')).toContain(line);
  });

  it('shows the resource path of a plan without URL', () => {
    const { url: _url, ...oldPlan } = plan;

    const details = runDetailsMarkdown(progress({ state: 'running', attempt: 1 }, { plan: oldPlan }));

    expect(details.split('\n')[0]).toBe('**POST** `/v1/users/signup`');
  });

  it('shows the step settings over the plan', () => {
    const details = runDetailsMarkdown(
      progress({ state: 'running', attempt: 1 }, { maximumAttempts: 1, timeoutMs: 500 }),
    );

    expect(details).toContain('- **Timeout:** 500 ms per attempt; **Retries:** 0, so at most 1 attempt');
  });

  it('shows only the input without a plan', () => {
    expect(
      runDetailsMarkdown({
        input,
        maximumAttempts: 4,
        status: { state: 'failed', failureType: 'UnknownAction' },
      }),
    ).toBe(
      [
        '- **Status:** failed before the first attempt with `UnknownAction`',
        '- **Action:** `user.signup` of access tag `payments`, product `my-product`, environment `dev`',
      ].join('\n'),
    );
  });

  it('keeps a backtick in a URL from ending the code span', () => {
    const details = runDetailsMarkdown(
      progress({ state: 'running', attempt: 1 }, { plan: { ...plan, url: 'https://api.example/a`b' } }),
    );

    expect(details).toContain('`https://api.example/a%60b`');
  });
});

describe('formatDuration', () => {
  it.each([
    [250, '250 ms'],
    [1_000, '1 s'],
    [1_500, '1.5 s'],
    [90_000, '90 s'],
    [120_000, '2 min'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
