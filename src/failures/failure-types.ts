/**
 * Failure type strings of an action run. They are part of the public contract: callers, retry policies
 * and Web UI searches match on them, so a value never changes once released. This file is imported
 * by workflow code and must stay free of I/O.
 */
export const FailureType = {
  /** The run's input broke a rule of the input schema. Not retried. */
  InvalidInput: 'InvalidInput',
  /** No product with the requested `product_tag`. Not retried. */
  UnknownProduct: 'UnknownProduct',
  /** The product has no app under the requested access tag. Not retried. */
  UnknownApp: 'UnknownApp',
  /** The product has no such environment, or does not map it to an environment of the app. Not retried. */
  UnknownEnvironment: 'UnknownEnvironment',
  /** The app has no action with the requested `event` tag. Not retried. */
  UnknownAction: 'UnknownAction',
  /** The definition of the app, product or action cannot be used as it is. Not retried. */
  InvalidConfiguration: 'InvalidConfiguration',
  /** A `$Secret`, `$Auth`, `$Variable`, `$Constant` or `$Default` placeholder has no value. Not retried. */
  UnresolvedPlaceholder: 'UnresolvedPlaceholder',
  /** The third party responded with 4xx other than 408, 425 and 429. Not retried. */
  HttpClientError: 'HttpClientError',
  /** The third party responded with 408 Request Timeout or 425 Too Early. Retried. */
  HttpRetryableClientError: 'HttpRetryableClientError',
  /** The third party responded with 429 Too Many Requests. Retried, after `Retry-After` when given. */
  RateLimited: 'RateLimited',
  /** The third party responded with 5xx. Retried, after `Retry-After` on 503 when given. */
  HttpServerError: 'HttpServerError',
  /** The third party responded with a redirect that was not followed. Not retried. */
  UnexpectedRedirect: 'UnexpectedRedirect',
  /** No complete response arrived within the action's timeout. Retried. */
  Timeout: 'Timeout',
  /** The connection could not be opened or broke (refused, reset, DNS failure). Retried. */
  ConnectionError: 'ConnectionError',
  /** The response body is larger than the limit that fits in a Temporal payload. Not retried. */
  ResponseTooLarge: 'ResponseTooLarge',
  /** The response body does not match its content type, such as malformed JSON. Not retried. */
  InvalidResponse: 'InvalidResponse',
  /** The attempt failed in a way no other type covers, such as a bug in a custom secret source. Retried. */
  UnexpectedError: 'UnexpectedError',
  /** The run was cancelled from the client, the CLI or the Web UI. Only seen at the caller. */
  Cancelled: 'Cancelled',
} as const;

/** One of the {@link FailureType} strings. */
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Failure types that a retry cannot fix. */
export const NON_RETRYABLE_FAILURE_TYPES: readonly FailureType[] = [
  FailureType.InvalidInput,
  FailureType.UnknownProduct,
  FailureType.UnknownApp,
  FailureType.UnknownEnvironment,
  FailureType.UnknownAction,
  FailureType.InvalidConfiguration,
  FailureType.UnresolvedPlaceholder,
  FailureType.HttpClientError,
  FailureType.UnexpectedRedirect,
  FailureType.ResponseTooLarge,
  FailureType.InvalidResponse,
  FailureType.Cancelled,
];

/** Tells whether a failure of this type may succeed on another attempt. */
export function isRetryableFailureType(type: string): boolean {
  return !(NON_RETRYABLE_FAILURE_TYPES as readonly string[]).includes(type);
}

/**
 * Details attached to every action failure, readable in the Web UI and by callers. Values are
 * redacted: no resolved secret appears in them.
 */
export interface ActionFailureDetails {
  readonly type: FailureType;
  /** Whether another attempt may succeed; the workflow retries only these, up to `retries`. */
  readonly retryable?: boolean;
  /** Delay before the next attempt that the API asked for with `Retry-After`, capped, in milliseconds. */
  readonly retryAfterMs?: number;
  /** HTTP status of the response, when one arrived. */
  readonly status?: number;
  readonly method?: string;
  /** Request URL without its query string. */
  readonly url?: string;
  /** Number of the attempt that failed, starting at 1. Attempts lost with their worker are not counted. */
  readonly attempt?: number;
  /** Start of the response body, with resolved secrets replaced by `[REDACTED]`. */
  readonly bodyExcerpt?: string;
  /** Problems of an invalid input, by field path. */
  readonly problems?: readonly { readonly path: string; readonly message: string }[];
}
