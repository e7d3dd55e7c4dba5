import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { errors as undiciErrors } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionFailure } from '../../../src/failures/action-failure';
import { type ActionFailureDetails, FailureType } from '../../../src/failures/failure-types';
import {
  bodyExcerpt,
  type FailureContext,
  statusFailureType,
  toApplicationFailure,
} from '../../../src/failures/to-application-failure';
import { HttpStatusError } from '../../../src/http/http-status-error';
import { RequestTimeoutError } from '../../../src/http/send-request';
import { REDACTED, Redactor } from '../../../src/placeholders/redactor';

const SECRET = 'sk_live_4f9a2c71';
const URL_WITHOUT_QUERY = 'https://api.example.com/v1/charges';

function createContext(
  overrides: Partial<FailureContext> = {},
  sensitive: unknown[] = [SECRET],
): FailureContext {
  const redactor = new Redactor();
  for (const value of sensitive) redactor.add(value);
  return {
    method: 'POST',
    url: URL_WITHOUT_QUERY,
    attempt: 2,
    redact: (text) => redactor.redact(text),
    maxRetryAfterMs: 60_000,
    excerptLength: 40,
    ...overrides,
  };
}

function statusError(
  status: number,
  body = '',
  headers: Record<string, string | string[] | undefined> = {},
): HttpStatusError {
  return new HttpStatusError({ status, headers, body: Buffer.from(body) });
}

function translate(error: unknown, context: FailureContext = createContext()): ApplicationFailure {
  const failure = toApplicationFailure(error, context);
  if (!(failure instanceof ApplicationFailure)) throw new Error('expected an ApplicationFailure');
  return failure;
}

function detailsOf(failure: ApplicationFailure): ActionFailureDetails {
  return failure.details?.[0] as ActionFailureDetails;
}

function connectionError(code: string, message = `connect ${code} 127.0.0.1:4010`): Error {
  return Object.assign(new Error(message), { code });
}

describe('toApplicationFailure', () => {
  describe('HTTP status', () => {
    it.each([
      [400, FailureType.HttpClientError, false],
      [401, FailureType.HttpClientError, false],
      [404, FailureType.HttpClientError, false],
      [408, FailureType.HttpRetryableClientError, true],
      [425, FailureType.HttpRetryableClientError, true],
      [429, FailureType.RateLimited, true],
      [500, FailureType.HttpServerError, true],
      [502, FailureType.HttpServerError, true],
      [503, FailureType.HttpServerError, true],
      [301, FailureType.UnexpectedRedirect, false],
    ])('classifies %i as %s', (status, type, retryable) => {
      const failure = translate(statusError(status));

      expect(failure.type).toBe(type);
      expect(detailsOf(failure).retryable).toBe(retryable);
    });

    it('leaves every retry to the workflow', () => {
      expect(translate(statusError(503)).nonRetryable).toBe(true);
    });

    it('names method, URL and status in the message', () => {
      expect(translate(statusError(404)).message).toBe(`POST ${URL_WITHOUT_QUERY} answered HTTP 404`);
    });

    it('ends the message with the body on one line', () => {
      const failure = translate(statusError(422, '{\n  "error": "invalid email"\n}'));

      expect(failure.message).toBe(
        `POST ${URL_WITHOUT_QUERY} answered HTTP 422: { "error": "invalid email" }`,
      );
    });

    it('cuts the body in the message at 200 characters', () => {
      const failure = translate(statusError(500, 'x'.repeat(300)), createContext({ excerptLength: 512 }));

      expect(failure.message).toBe(`POST ${URL_WITHOUT_QUERY} answered HTTP 500: ${'x'.repeat(200)}…`);
      expect(detailsOf(failure).bodyExcerpt).toHaveLength(300);
    });

    it('writes a short message without method and URL', () => {
      const failure = translate(statusError(500), createContext({ method: undefined, url: undefined }));

      expect(failure.message).toBe('Request answered HTTP 500');
    });

    it('carries the status, request and attempt in the details', () => {
      const details = detailsOf(translate(statusError(422, '{"error":"invalid email"}')));

      expect(details.type).toBe(FailureType.HttpClientError);
      expect(details.status).toBe(422);
      expect(details.method).toBe('POST');
      expect(details.url).toBe(URL_WITHOUT_QUERY);
      expect(details.attempt).toBe(2);
      expect(details.bodyExcerpt).toBe('{"error":"invalid email"}');
    });

    it('leaves out details that are not known', () => {
      const details = detailsOf(
        translate(statusError(500), createContext({ method: undefined, url: undefined })),
      );

      expect(Object.keys(details).sort()).toEqual(['attempt', 'bodyExcerpt', 'retryable', 'status', 'type']);
    });
  });

  describe('Retry-After', () => {
    beforeEach(() => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2025-03-01T12:00:00Z'));
    });

    afterEach(() => {
      vi.useRealTimers();
    });

    it('delays a 429 retry by the given seconds', () => {
      const failure = translate(statusError(429, '', { 'retry-after': '7' }));

      expect(failure.nextRetryDelay).toBe(7_000);
    });

    it('delays a 503 retry by the given seconds', () => {
      const failure = translate(statusError(503, '', { 'retry-after': '12' }));

      expect(failure.nextRetryDelay).toBe(12_000);
    });

    it('delays a retry until an HTTP-date', () => {
      const failure = translate(statusError(429, '', { 'retry-after': 'Sat, 01 Mar 2025 12:00:45 GMT' }));

      expect(failure.nextRetryDelay).toBe(45_000);
    });

    it('caps the delay at maxRetryAfterMs', () => {
      const failure = translate(statusError(429, '', { 'retry-after': '3600' }));

      expect(failure.nextRetryDelay).toBe(60_000);
    });

    it('caps an HTTP-date delay at maxRetryAfterMs', () => {
      const failure = translate(statusError(503, '', { 'retry-after': 'Sun, 02 Mar 2025 12:00:00 GMT' }));

      expect(failure.nextRetryDelay).toBe(60_000);
    });

    it('uses the first of repeated headers', () => {
      const failure = translate(statusError(429, '', { 'retry-after': ['5', '9'] }));

      expect(failure.nextRetryDelay).toBe(5_000);
    });

    it('ignores Retry-After on other statuses', () => {
      const failure = translate(statusError(500, '', { 'retry-after': '7' }));

      expect(failure.nextRetryDelay).toBeUndefined();
    });

    it('leaves the backoff alone without the header', () => {
      expect(translate(statusError(429)).nextRetryDelay).toBeUndefined();
    });

    it('leaves the backoff alone for a malformed header', () => {
      expect(translate(statusError(429, '', { 'retry-after': 'later' })).nextRetryDelay).toBeUndefined();
    });
  });

  describe('body excerpt', () => {
    it('redacts a secret in the body', () => {
      const details = detailsOf(translate(statusError(401, `{"error":"bad key ${SECRET}"}`)));

      expect(details.bodyExcerpt).toBe(`{"error":"bad key ${REDACTED}"}`);
    });

    it('cuts a long body to the excerpt length', () => {
      const details = detailsOf(translate(statusError(500, 'x'.repeat(100))));

      expect(details.bodyExcerpt).toBe(`${'x'.repeat(40)}…`);
    });

    it('keeps a body of exactly the excerpt length whole', () => {
      const details = detailsOf(translate(statusError(500, 'y'.repeat(40))));

      expect(details.bodyExcerpt).toBe('y'.repeat(40));
    });

    it('replaces control characters but keeps tabs and newlines', () => {
      const details = detailsOf(translate(statusError(500, 'a\u0000b\u001bc\td\ne')));

      expect(details.bodyExcerpt).toBe('a b c\td\ne');
    });

    it('hides a long secret that crosses the cut', () => {
      const token = `eyJ${'t'.repeat(200)}`;
      const context = createContext({ excerptLength: 30 }, [token]);

      const excerpt = bodyExcerpt(Buffer.from(`{"token":"${token}"}`), context);

      expect(excerpt).toBe(`{"token":"${REDACTED}"}`);
      expect(excerpt).not.toContain('ttt');
    });
  });

  describe('redaction', () => {
    it('keeps details intact when a secret is a short number', () => {
      const context = createContext({}, [2]);

      const details = detailsOf(translate(statusError(429, 'retry in 2 minutes'), context));

      expect(details.attempt).toBe(2);
      expect(details.status).toBe(429);
      expect(details.bodyExcerpt).toBe(`retry in ${REDACTED} minutes`);
    });

    it('keeps details intact when a secret is true', () => {
      const details = detailsOf(translate(statusError(503), createContext({}, [true])));

      expect(details.retryable).toBe(true);
    });

    it('redacts a secret in the URL detail', () => {
      const context = createContext({ url: `https://api.example.com/v1/keys/${SECRET}` });

      const failure = translate(statusError(404), context);

      expect(detailsOf(failure).url).toBe(`https://api.example.com/v1/keys/${REDACTED}`);
      expect(failure.message).not.toContain(SECRET);
    });
  });

  describe('transport errors', () => {
    it.each(['ECONNREFUSED', 'ECONNRESET'])('classifies %s as a retryable ConnectionError', (code) => {
      const failure = translate(connectionError(code));

      expect(failure.type).toBe(FailureType.ConnectionError);
      expect(detailsOf(failure).retryable).toBe(true);
      expect(failure.message).toContain(`Connection to the API failed (${code})`);
    });

    it('follows the cause of a wrapped transport error', () => {
      const wrapped = new TypeError('fetch failed', { cause: connectionError('ECONNREFUSED') });

      expect(translate(wrapped).type).toBe(FailureType.ConnectionError);
    });

    it('keeps a redacted copy of the transport error as the cause', () => {
      const failure = translate(connectionError('ECONNRESET', `socket closed while sending ${SECRET}`));

      expect(failure.cause?.message).toBe(`socket closed while sending ${REDACTED}`);
      expect(failure.cause?.stack).toBeUndefined();
      expect(failure.message).not.toContain(SECRET);
    });

    it('carries the request and attempt in the details', () => {
      const details = detailsOf(translate(connectionError('ECONNREFUSED')));

      expect(details).toEqual({
        type: FailureType.ConnectionError,
        retryable: true,
        method: 'POST',
        url: URL_WITHOUT_QUERY,
        attempt: 2,
      });
    });

    it('classifies an undici headers timeout as a retryable Timeout', () => {
      const failure = translate(new undiciErrors.HeadersTimeoutError());

      expect(failure.type).toBe(FailureType.Timeout);
      expect(detailsOf(failure).retryable).toBe(true);
      expect(failure.message).toBe('The API did not answer in time (UND_ERR_HEADERS_TIMEOUT)');
    });

    it('classifies an undici body timeout as a Timeout', () => {
      expect(translate(new undiciErrors.BodyTimeoutError()).type).toBe(FailureType.Timeout);
    });

    it('classifies the action timeout as a retryable Timeout', () => {
      const failure = translate(new RequestTimeoutError(5_000));

      expect(failure.type).toBe(FailureType.Timeout);
      expect(detailsOf(failure).retryable).toBe(true);
      expect(failure.message).toBe("No complete response within the action's timeout of 5000 ms");
    });
  });

  describe('action failures', () => {
    it('keeps the type and message', () => {
      const failure = translate(new ActionFailure(FailureType.UnknownAction, "Event 'x' not found."));

      expect(failure.type).toBe(FailureType.UnknownAction);
      expect(failure.message).toBe("Event 'x' not found.");
    });

    it.each([
      FailureType.InvalidInput,
      FailureType.UnknownAction,
      FailureType.UnresolvedPlaceholder,
      FailureType.ResponseTooLarge,
      FailureType.InvalidResponse,
    ])('marks %s as not retryable', (type) => {
      expect(detailsOf(translate(new ActionFailure(type, 'failed'))).retryable).toBe(false);
    });

    it('merges its details over the request details', () => {
      const error = new ActionFailure(FailureType.InvalidResponse, 'malformed', {
        status: 200,
        bodyExcerpt: '{"id":',
      });

      const details = detailsOf(translate(error));

      expect(details).toEqual({
        type: FailureType.InvalidResponse,
        retryable: false,
        method: 'POST',
        url: URL_WITHOUT_QUERY,
        attempt: 2,
        status: 200,
        bodyExcerpt: '{"id":',
      });
    });

    it('redacts its message', () => {
      const failure = translate(new ActionFailure(FailureType.InvalidInput, `bad value ${SECRET}`));

      expect(failure.message).toBe(`bad value ${REDACTED}`);
    });

    it('sets no cause', () => {
      expect(translate(new ActionFailure(FailureType.InvalidInput, 'bad')).cause).toBeUndefined();
    });
  });

  describe('other errors', () => {
    it('passes an ApplicationFailure through', () => {
      const original = ApplicationFailure.nonRetryable('already classified', 'Custom');

      expect(toApplicationFailure(original, createContext())).toBe(original);
    });

    it('passes a CancelledFailure through', () => {
      const cancelled = new CancelledFailure('cancelled');

      expect(toApplicationFailure(cancelled, createContext())).toBe(cancelled);
    });

    it('retries an unknown error as UnexpectedError', () => {
      const failure = translate(new RangeError(`bad state near ${SECRET}`));

      expect(failure.type).toBe(FailureType.UnexpectedError);
      expect(detailsOf(failure).retryable).toBe(true);
      expect(failure.message).toBe(`Attempt failed unexpectedly: RangeError: bad state near ${REDACTED}`);
    });

    it('accepts a thrown string', () => {
      expect(translate('boom').message).toBe('Attempt failed unexpectedly: boom');
    });
  });
});

describe('statusFailureType', () => {
  it.each([
    [302, FailureType.UnexpectedRedirect],
    [410, FailureType.HttpClientError],
    [499, FailureType.HttpClientError],
    [504, FailureType.HttpServerError],
    [599, FailureType.HttpServerError],
  ])('maps %i to %s', (status, type) => {
    expect(statusFailureType(status)).toBe(type);
  });
});

describe('toApplicationFailure of a side request', () => {
  it('names the login and its own request', () => {
    const error = new HttpStatusError(
      { status: 401, headers: {}, body: Buffer.from('{"error":"bad credentials"}') },
      {
        purpose: "Login action 'auth.login' of auth 'session'",
        method: 'POST',
        url: 'https://api.example.com/login',
      },
    );

    const failure = toApplicationFailure(error, createContext()) as ApplicationFailure;
    const details = failure.details?.[0] as ActionFailureDetails;

    expect(failure.type).toBe(FailureType.HttpClientError);
    expect(failure.message).toBe(
      "Login action 'auth.login' of auth 'session' failed: POST https://api.example.com/login answered HTTP 401: " +
        '{"error":"bad credentials"}',
    );
    expect(details.method).toBe('POST');
    expect(details.url).toBe('https://api.example.com/login');
    expect(details.status).toBe(401);
  });
});
