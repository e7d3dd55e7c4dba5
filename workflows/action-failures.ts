/**
 * Failures of action steps, as workflow code catches them. Workflow code imports this file, so it may
 * depend on `@temporalio/workflow` and the failure types only.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  isCancellation,
} from '@temporalio/workflow';
import type { FailureType } from '../src/failures/failure-types';

/**
 * Returns the failure type of an error thrown by an action step, such as `HttpServerError`, or
 * `undefined` when the error is not an action failure (a cancellation, a bug in workflow code).
 */
export function actionFailureType(error: unknown): FailureType | undefined {
  if (!(error instanceof ApplicationFailure) || error.type === undefined || error.type === null)
    return undefined;
  return error.type as FailureType;
}

/**
 * Tells whether an error thrown by an action step is an action failure, and, when `types` is given,
 * whether its type is one of them.
 */
export function isActionFailure(error: unknown, types?: readonly FailureType[]): error is ApplicationFailure {
  const type = actionFailureType(error);
  if (type === undefined) return false;
  return types === undefined || types.includes(type);
}

/**
 * Lifts the `ApplicationFailure` that an activity or a child workflow failed with to the top of the
 * step's failure, so the run's failure shows its type, message and details first. The activity or
 * child failure stays as the cause. Cancellations and other errors pass through unchanged.
 *
 * The lifted message starts with the failure type, such as `HttpServerError: POST … answered HTTP
 * 503`, because the Web UI shows a failure's message in the event history and the result panel but
 * its type only deep in the failure's JSON. `ActionError` removes the prefix at the caller.
 */
export function liftedFailure(error: unknown): unknown {
  if (isCancellation(error)) return error;
  const isWrapper = error instanceof ActivityFailure || error instanceof ChildWorkflowFailure;
  if (!isWrapper || !(error.cause instanceof ApplicationFailure)) return error;

  const failure = error.cause;
  return ApplicationFailure.create({
    message: withTypePrefix(failure.type, failure.message),
    type: failure.type ?? undefined,
    nonRetryable: true,
    details: failure.details ?? undefined,
    cause: error,
  });
}

/** Puts the type in front of a message, once: a child's failure lifted again keeps one prefix. */
function withTypePrefix(type: string | null | undefined, message: string): string {
  if (!type || message.startsWith(`${type}: `)) return message;
  return `${type}: ${message}`;
}

/** Awaits `promise`, rethrowing its failure lifted by {@link liftedFailure}. */
export async function liftFailure<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw liftedFailure(error);
  }
}
