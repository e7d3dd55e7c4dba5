import type { Dispatcher } from 'undici';
import type { AuthTokenCache } from '../src/auth/token-cache';
import type { Registry } from '../src/config/registry';
import type { SecretSource } from '../src/secrets/secret-source';

/** Dependencies of the activities, given by the worker or by a test. */
export interface ActivityDependencies {
  /** Apps and products, loaded once when the worker starts. */
  readonly registry: Registry;
  /**
   * Source of `$Secret{NAME}` values.
   * @default environment variables of the worker process
   */
  readonly secrets?: SecretSource;
  /**
   * Connection pool shared by every attempt of this worker.
   * @default a new undici `Agent` with keep-alive
   */
  readonly dispatcher?: Dispatcher;
  /**
   * Cache of the tokens of credentials and OAuth2 auths, shared by every attempt of this worker.
   * @default a new `MemoryAuthTokenCache`: each worker logs in on its first use of an auth
   */
  readonly authTokens?: AuthTokenCache;
  /** Limits and defaults that apply to every action. */
  readonly limits?: ActivityLimits;
}

/** Limits and defaults of action runs. */
export interface ActivityLimits {
  /**
   * HTTP timeout of an attempt when neither the action nor its app sets `timeout_ms`, in milliseconds.
   * @default 15000
   */
  readonly defaultTimeoutMs?: number;
  /**
   * Maximum response body size, in bytes. Temporal rejects payloads over 2 MB by default, and the
   * result is stored with some overhead, so the default stays well under it.
   * @default 1572864 (1.5 MiB)
   */
  readonly maxResponseBytes?: number;
  /**
   * Redirects followed in one attempt. A 3xx past this limit fails the attempt as
   * `UnexpectedRedirect`; 0 follows none.
   * @default 5
   */
  readonly maxRedirects?: number;
  /**
   * Maximum delay that a `Retry-After` header may set before the next attempt, in milliseconds.
   * @default 300000 (5 minutes)
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Maximum silence from a running attempt before Temporal declares its worker lost and runs the
   * attempt again elsewhere, in milliseconds. Cancellation also reaches an attempt within about
   * 80% of this time, because the SDK sends heartbeats at that interval.
   * @default 5000
   */
  readonly heartbeatTimeoutMs?: number;
  /**
   * Length of the response body excerpt in failures, in characters.
   * @default 512
   */
  readonly excerptLength?: number;
}

/** Limits with every default applied. */
export type ResolvedLimits = Required<ActivityLimits>;

/** Applies the defaults of {@link ActivityLimits}. */
export function resolveLimits(limits: ActivityLimits = {}): ResolvedLimits {
  return {
    defaultTimeoutMs: limits.defaultTimeoutMs ?? 15_000,
    maxResponseBytes: limits.maxResponseBytes ?? 1_572_864,
    maxRedirects: limits.maxRedirects ?? 5,
    maxRetryAfterMs: limits.maxRetryAfterMs ?? 300_000,
    excerptLength: limits.excerptLength ?? 512,
    heartbeatTimeoutMs: limits.heartbeatTimeoutMs ?? 5_000,
  };
}

/** Backoff used when neither the action nor its app sets `retry`. */
export const DEFAULT_RETRY = {
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
} as const;
