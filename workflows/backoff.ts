/** Backoff settings of an action, from its plan. */
export interface BackoffSettings {
  readonly initialIntervalMs: number;
  readonly backoffCoefficient: number;
  readonly maximumIntervalMs: number;
}

/**
 * Returns the delay before the attempt after `failedAttempts` failures: the initial interval times the
 * coefficient to the power of `failedAttempts - 1`, capped at the maximum interval. A delay that the
 * API asked for with `Retry-After` replaces it.
 */
export function retryDelayMs(
  settings: BackoffSettings,
  failedAttempts: number,
  requestedDelayMs?: number,
): number {
  if (requestedDelayMs !== undefined) return requestedDelayMs;
  const delay = settings.initialIntervalMs * settings.backoffCoefficient ** Math.max(0, failedAttempts - 1);
  return Math.min(delay, settings.maximumIntervalMs);
}
