import { log } from '@temporalio/workflow';
import { FailureType } from '../src/failures/failure-types';
import type { ActionProcessorInputInit } from '../src/input/schema';
import { actionFailureType } from './action-failures';
import { executeAction } from './execute-action';
import type { ActionStepOptions } from './step-options';

/**
 * Failure types that move a fallback on to the next provider by default: the ones that show the
 * provider cannot serve now, left after the step's own retries.
 */
export const DEFAULT_FALLBACK_FAILURE_TYPES: readonly FailureType[] = [
  FailureType.HttpServerError,
  FailureType.HttpRetryableClientError,
  FailureType.RateLimited,
  FailureType.Timeout,
  FailureType.ConnectionError,
  FailureType.UnexpectedError,
];

/** Options of {@link executeActionWithFallback}. */
export interface FallbackOptions {
  /**
   * Failure types after which the next candidate runs. Any other failure is rethrown at once, such as
   * an `HttpClientError` that another provider would reject too.
   * @default DEFAULT_FALLBACK_FAILURE_TYPES
   */
  readonly fallbackOn?: readonly FailureType[];
  /** Options of every candidate's step, such as its retries before the next provider is tried. */
  readonly step?: ActionStepOptions;
}

/**
 * Runs the first candidate action, and on a failure of a type in `fallbackOn` runs the next one, until
 * one succeeds. Returns the decoded response body of the candidate that succeeded, typed as `T`. Each
 * candidate is a whole step with its own attempts, typically the same operation at another provider
 * (another app), with its input in that provider's shape.
 *
 * @throws ApplicationFailure of the last candidate that ran: the first failure of a type outside
 * `fallbackOn`, or the last candidate's failure. RangeError when `candidates` is empty.
 */
export async function executeActionWithFallback<T = unknown>(
  candidates: readonly ActionProcessorInputInit[],
  options: FallbackOptions = {},
): Promise<T> {
  if (candidates.length === 0) {
    throw new RangeError('executeActionWithFallback: give at least one candidate action.');
  }
  const fallbackOn = options.fallbackOn ?? DEFAULT_FALLBACK_FAILURE_TYPES;

  for (const [index, candidate] of candidates.entries()) {
    try {
      return await executeAction<T>(candidate, options.step);
    } catch (error) {
      const failureType = actionFailureType(error);
      const isLast = index === candidates.length - 1;
      if (isLast || failureType === undefined || !fallbackOn.includes(failureType)) throw error;

      const following = candidates[index + 1];
      log.warn('Action failed, trying the next candidate', {
        failedApp: candidate.app,
        failedEvent: candidate.event,
        failureType,
        nextApp: following?.app,
        nextEvent: following?.event,
      });
    }
  }
  // The loop returns or throws on its last candidate.
  throw new RangeError('executeActionWithFallback: no candidate ran.');
}
