import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { HttpStatusError } from '../http/http-status-error';
import { RequestTimeoutError } from '../http/send-request';
import { ActionFailure } from './action-failure';
import { type ActionFailureDetails, FailureType, isRetryableFailureType } from './failure-types';
import { parseRetryAfter } from './retry-after';

/** Facts about the attempt that the failure translation uses. */
export interface FailureContext {
  readonly method?: string;
  /** Request URL without its query string. */
  readonly url?: string;
  readonly attempt: number;
  /** Hides resolved secrets in messages and excerpts. */
  readonly redact: (text: string) => string;
  /** Maximum delay that a `Retry-After` header may set, in milliseconds. */
  readonly maxRetryAfterMs: number;
  /** Length of the response body excerpt, in characters. */
  readonly excerptLength: number;
}

// Transport error codes from undici and Node that mean the connection could not be used.
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

const TIMEOUT_ERROR_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Translates any error of an attempt into the Temporal failure that the workflow and the caller see.
 * This is the only place where HTTP statuses, transport errors and timeouts get a failure type, and
 * where retryability is decided: `details[0].retryable` shows the workflow whether another attempt may help.
 */
export function toApplicationFailure(
  error: unknown,
  context: FailureContext,
): ApplicationFailure | CancelledFailure {
  if (error instanceof CancelledFailure) return error;
  if (error instanceof ApplicationFailure) return error;

  if (error instanceof ActionFailure) {
    return create(
      error.type,
      error.message,
      { ...requestDetails(context), ...error.details },
      context,
      error,
    );
  }
  if (error instanceof HttpStatusError) return fromStatus(error, context);
  if (error instanceof RequestTimeoutError)
    return create(FailureType.Timeout, error.message, requestDetails(context), context, error);

  const code = errorCode(error);
  if (code !== undefined && TIMEOUT_ERROR_CODES.has(code)) {
    return create(
      FailureType.Timeout,
      `The API did not answer in time (${code})`,
      requestDetails(context),
      context,
      error,
    );
  }
  if (code !== undefined && CONNECTION_ERROR_CODES.has(code)) {
    const reason = error instanceof Error ? error.message : String(error);
    return create(
      FailureType.ConnectionError,
      `Connection to the API failed (${code}): ${reason}`,
      requestDetails(context),
      context,
      error,
    );
  }

  // An error of no known kind is retried: it is more often a passing fault than a permanent one.
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return create(
    FailureType.UnexpectedError,
    `Attempt failed unexpectedly: ${reason}`,
    requestDetails(context),
    context,
    error,
  );
}

function fromStatus(error: HttpStatusError, context: FailureContext): ApplicationFailure {
  const { status, headers, body } = error.response;
  const type = statusFailureType(status);
  const excerpt = bodyExcerpt(body, context);
  // A failed side request, such as an auth login, is reported with its own method and URL.
  const side = error.sideRequest;
  const details: Omit<ActionFailureDetails, 'type'> = {
    ...requestDetails(context),
    ...(side === undefined ? {} : { method: side.method, url: side.url }),
    status,
    bodyExcerpt: excerpt,
  };

  let nextRetryDelayMs: number | undefined;
  if (status === 429 || status === 503) {
    const header = headers['retry-after'];
    const delay = parseRetryAfter(Array.isArray(header) ? header[0] : header, Date.now());
    if (delay !== undefined) nextRetryDelayMs = Math.min(delay, context.maxRetryAfterMs);
  }

  const request =
    side === undefined
      ? `${context.method ?? 'Request'} ${context.url ?? ''} answered HTTP ${status}`.replace('  ', ' ')
      : `${side.purpose} failed: ${side.method} ${side.url} answered HTTP ${status}`;
  // The Web UI's event history shows a failure's message but not its details, so the message carries
  // the start of the body too.
  const shortExcerpt = messageExcerpt(excerpt);
  const message = shortExcerpt === '' ? request : `${request}: ${shortExcerpt}`;
  return create(type, message, details, context, undefined, nextRetryDelayMs);
}

/** Maximum body excerpt in a failure message, in characters; the details carry a longer one. */
const MESSAGE_EXCERPT_LENGTH = 200;

/** Shortens a redacted body excerpt to one line for a failure message. */
function messageExcerpt(excerpt: string): string {
  const line = excerpt.replace(/\s+/g, ' ').trim();
  return line.length > MESSAGE_EXCERPT_LENGTH ? `${line.slice(0, MESSAGE_EXCERPT_LENGTH)}…` : line;
}

/** Maps an HTTP status other than 2xx to its failure type. */
export function statusFailureType(status: number): FailureType {
  if (status === 429) return FailureType.RateLimited;
  if (status === 408 || status === 425) return FailureType.HttpRetryableClientError;
  if (status >= 500) return FailureType.HttpServerError;
  if (status >= 400) return FailureType.HttpClientError;
  return FailureType.UnexpectedRedirect;
}

/** Returns the start of a body as text, with secrets redacted and control characters removed. */
export function bodyExcerpt(body: Buffer, context: Pick<FailureContext, 'redact' | 'excerptLength'>): string {
  // Redact the whole body before cutting, because a secret that crosses any cut would stay half visible.
  // The body is at most maxResponseBytes long.
  const text = context.redact(body.toString('utf8'));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  return clean.length > context.excerptLength ? `${clean.slice(0, context.excerptLength)}…` : clean;
}

function requestDetails(context: FailureContext): Omit<ActionFailureDetails, 'type'> {
  return { method: context.method, url: context.url, attempt: context.attempt };
}

function create(
  type: FailureType,
  message: string,
  details: Omit<ActionFailureDetails, 'type'>,
  context: FailureContext,
  cause?: unknown,
  nextRetryDelayMs?: number,
): ApplicationFailure {
  const fullDetails: ActionFailureDetails = {
    type,
    retryable: isRetryableFailureType(type),
    ...withoutUndefined(details),
    // The SDK does not decode `nextRetryDelay` on the workflow side, so the workflow reads it here.
    ...(nextRetryDelayMs === undefined ? {} : { retryAfterMs: nextRetryDelayMs }),
  };
  // Temporal never retries the activity itself: the workflow reads `retryable` and counts attempts,
  // so that only attempts lost with their worker are retried by the activity's retry policy.
  return ApplicationFailure.create({
    message: context.redact(message),
    type,
    nonRetryable: true,
    details: [redactStrings(fullDetails, context.redact) as ActionFailureDetails],
    nextRetryDelay: nextRetryDelayMs,
    cause:
      cause instanceof Error && !(cause instanceof ActionFailure) ? redactedCause(cause, context) : undefined,
  });
}

/** Copies a transport error without its stack, since stacks of undici errors can carry request data. */
function redactedCause(cause: Error, context: FailureContext): Error {
  const copy = new Error(context.redact(cause.message));
  copy.name = cause.name;
  copy.stack = undefined;
  return copy;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/**
 * Redacts every string inside a value. Redacting its JSON text instead would also match numbers and
 * booleans, so a short secret such as '2' or `true` could break the JSON syntax.
 */
function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redact)]));
  }
  return value;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // Transport errors are often wrapped (fetch-style TypeError with a `cause`), so follow the chain.
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
