import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import type { ActionActivities, ActionPlan } from '../activities/types';
import {
  type ActionFailureDetails,
  FailureType,
  NON_RETRYABLE_FAILURE_TYPES,
} from '../src/failures/failure-types';
import {
  formatInputProblems,
  type IActionProcessorInput,
  type ProcessActionOptions,
  parseActionInput,
} from '../src/input/schema';
import { retryDelayMs } from './backoff';

/** Time allowed on top of the HTTP timeout for resolving placeholders and decoding the response. */
const ATTEMPT_OVERHEAD_MS = 10_000;

/**
 * Times an attempt is rescheduled after its worker was lost (killed, or silent past the heartbeat
 * timeout) before the run fails. Lost attempts do not count against `retries`, but a request that
 * crashes every worker it runs on must not loop forever.
 */
export const MAX_LOST_WORKER_ATTEMPTS = 10;

const { describeAction } = proxyLocalActivities<ActionActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES] },
});

/**
 * Runs one Ductape action durably: validates the input, looks the action up, then runs `runAction`
 * until it succeeds, fails with a failure that a retry cannot fix, or has failed `retries + 1` times.
 * Returns the decoded response body.
 *
 * Attempts are counted here rather than by the activity's retry policy, so that an attempt lost with
 * its worker is rescheduled without spending the caller's retries. Each counted attempt is its own
 * `runAction` activity, and its failure stays readable in the history.
 *
 * A failure ends the workflow with an `ApplicationFailure` whose type is one of the `FailureType`
 * strings, so the Web UI and the caller see the same type. A cancelled run ends as cancelled.
 */
export async function processActionWorkflow(
  data: unknown,
  options: ProcessActionOptions = {},
): Promise<unknown> {
  const input = validate(data);
  const plan = await liftFailure(describeAction(input));
  const maximumAttempts = (input.retries ?? 0) + 1;
  const idempotencyKey =
    plan.idempotencyHeader === undefined ? undefined : (options.idempotencyKey ?? uuid4());
  const { runAction } = proxyActivities<ActionActivities>(attemptOptions(input, plan));

  for (let attempt = 1; ; attempt++) {
    try {
      return await runAction(input, { number: attempt, idempotencyKey });
    } catch (error) {
      const failure = attemptFailure(error);
      if (failure === undefined || !isRetryable(failure) || attempt >= maximumAttempts)
        throw liftedFailure(error);

      await sleep(retryDelayMs(plan.retry, attempt, failureDetails(failure).retryAfterMs));
    }
  }
}

function validate(data: unknown): IActionProcessorInput {
  const parsed = parseActionInput(data);
  if (parsed.ok) return parsed.value;
  throw ApplicationFailure.create({
    message: formatInputProblems(parsed.problems),
    type: FailureType.InvalidInput,
    nonRetryable: true,
    details: [{ type: FailureType.InvalidInput, problems: parsed.problems }],
  });
}

/**
 * Options of each `runAction` activity. Its retry policy covers only attempts whose worker was lost:
 * every failure that the activity classifies arrives as non-retryable, and this workflow decides.
 */
function attemptOptions(input: IActionProcessorInput, plan: ActionPlan) {
  return {
    startToCloseTimeout: plan.timeoutMs + ATTEMPT_OVERHEAD_MS,
    heartbeatTimeout: plan.heartbeatTimeoutMs,
    // The run ends as cancelled only once the attempt has aborted its request.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      maximumAttempts: MAX_LOST_WORKER_ATTEMPTS + 1,
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '10 seconds',
    },
    summary: `${plan.method} ${input.app}/${input.event} (${input.env})`,
  };
}

/** Returns the classified failure of an attempt, or `undefined` for cancellation and lost workers. */
function attemptFailure(error: unknown): ApplicationFailure | undefined {
  if (isCancellation(error)) return undefined;
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  return undefined;
}

function failureDetails(failure: ApplicationFailure): Partial<ActionFailureDetails> {
  const details = failure.details?.[0];
  return details !== null && typeof details === 'object' ? (details as Partial<ActionFailureDetails>) : {};
}

function isRetryable(failure: ApplicationFailure): boolean {
  return failureDetails(failure).retryable === true;
}

async function liftFailure<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw liftedFailure(error);
  }
}

/**
 * Lifts the activity's `ApplicationFailure` to the top of the workflow's failure, so the run's failure
 * shows its type, message and details first. The activity failure stays as the cause.
 */
function liftedFailure(error: unknown): unknown {
  if (isCancellation(error)) return error;
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return error;

  const failure = error.cause;
  return ApplicationFailure.create({
    message: failure.message,
    type: failure.type ?? undefined,
    nonRetryable: true,
    details: failure.details ?? undefined,
    cause: error,
  });
}
