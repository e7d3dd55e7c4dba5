import {
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type { ActionActivities } from '../activities/types';
import { FailureType, NON_RETRYABLE_FAILURE_TYPES } from '../src/failures/failure-types';
import { formatInputProblems, parseActionInput } from '../src/input/schema';

/** Time allowed on top of the HTTP timeout for resolving placeholders and decoding the response. */
const ATTEMPT_OVERHEAD_MS = 10_000;

/**
 * Longest silence from a running attempt before Temporal declares its worker lost and schedules the
 * attempt elsewhere. The activity heartbeats every second while it waits for the API.
 */
export const HEARTBEAT_TIMEOUT_MS = 10_000;

const { describeAction } = proxyLocalActivities<ActionActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES] },
});

/**
 * Runs one Ductape action durably: validates the input, looks the action up, then runs `runAction`
 * with at most `retries + 1` attempts, and returns the decoded response body.
 *
 * A failure ends the workflow with an `ApplicationFailure` whose type is one of the `FailureType`
 * strings, so the Web UI and the caller see the same type.
 */
export async function processActionWorkflow(data: unknown): Promise<unknown> {
  const parsed = parseActionInput(data);
  if (!parsed.ok) {
    throw ApplicationFailure.create({
      message: formatInputProblems(parsed.problems),
      type: FailureType.InvalidInput,
      nonRetryable: true,
      details: [{ type: FailureType.InvalidInput, problems: parsed.problems }],
    });
  }
  const input = parsed.value;

  try {
    const plan = await describeAction(input);
    const options: ActivityOptions = {
      startToCloseTimeout: plan.timeoutMs + ATTEMPT_OVERHEAD_MS,
      heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
      retry: {
        maximumAttempts: (input.retries ?? 0) + 1,
        initialInterval: plan.retry.initialIntervalMs,
        backoffCoefficient: plan.retry.backoffCoefficient,
        maximumInterval: plan.retry.maximumIntervalMs,
        nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
      },
      summary: `${plan.method} ${input.app}/${input.event} (${input.env})`,
    };
    const { runAction } = proxyActivities<ActionActivities>(options);
    return await runAction(input);
  } catch (error) {
    throw unwrapActivityFailure(error);
  }
}

/**
 * Lifts the activity's `ApplicationFailure` to the top of the workflow's failure, so the run's failure
 * shows its type, message and details first. The activity failure stays as the cause.
 */
function unwrapActivityFailure(error: unknown): unknown {
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
