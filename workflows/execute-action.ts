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
import type { ActionActivities, ActionAttempt, ActionPlan } from '../activities/types';
import {
  type ActionFailureDetails,
  FailureType,
  NON_RETRYABLE_FAILURE_TYPES,
} from '../src/failures/failure-types';
import {
  type ActionProcessorInputInit,
  formatInputProblems,
  type IActionProcessorInput,
  parseActionInput,
} from '../src/input/schema';
import { liftedFailure, liftFailure } from './action-failures';
import { retryDelayMs } from './backoff';
import { attemptSummary, type StepProgress } from './run-details';
import { type ActionStepOptions, parseStepOptions } from './step-options';

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
  summary: 'Look up the action in the configuration',
});

/**
 * Runs one Ductape action as a step of the calling workflow and returns the decoded response body,
 * typed as `T`. The step validates the input and looks the action up. It then runs `runAction` until
 * it succeeds, fails with a failure that a retry cannot fix, or has failed `retries + 1` times.
 *
 * Attempts are counted here rather than by the activity's retry policy, so that an attempt lost with
 * its worker is rescheduled without spending the step's retries. Each counted attempt is its own
 * `runAction` activity, and its failure stays readable in the history. An app that sets
 * `idempotency_key_header` gets one key for all attempts of the step.
 *
 * `T` is not checked at run time: it states what the caller expects the API to return.
 *
 * @throws ApplicationFailure whose `type` is one of the `FailureType` strings, with the attempt's
 * details (status, URL, attempt, redacted body excerpt) in `details[0]`. A cancelled step rethrows
 * the cancellation.
 */
export async function executeAction<T = unknown>(
  data: ActionProcessorInputInit,
  options: ActionStepOptions = {},
): Promise<T> {
  return runActionStep<T>(data, options);
}

/**
 * Runs an action step as {@link executeAction} does, and reports its progress to `onProgress` before
 * and after every attempt. `processActionWorkflow` shows the progress as the run's current details.
 */
export async function runActionStep<T = unknown>(
  data: unknown,
  options: unknown,
  onProgress: (progress: StepProgress) => void = () => undefined,
): Promise<T> {
  const { input, stepOptions } = validateStep(data, options);
  const maximumAttempts = (stepOptions.retries ?? input.retries ?? 0) + 1;
  const plan = await liftFailure(describeAction(input)).catch((error: unknown) => {
    if (!isCancellation(error)) {
      const failureType =
        (error instanceof ApplicationFailure ? error.type : undefined) ?? failureName(error);
      onProgress({ input, maximumAttempts, status: { state: 'failed', failureType } });
    }
    throw error;
  });

  const timeoutMs = stepOptions.timeoutMs ?? plan.timeoutMs;
  const report = (status: StepProgress['status']) =>
    onProgress({ input, plan, maximumAttempts, timeoutMs, status });
  const idempotencyKey =
    plan.idempotencyHeader === undefined ? undefined : (stepOptions.idempotencyKey ?? uuid4());
  const summary = stepOptions.summary ?? `${plan.method} ${input.app}/${input.event} (${input.env})`;

  for (let attempt = 1; ; attempt++) {
    const attemptInfo: ActionAttempt = {
      number: attempt,
      idempotencyKey,
      ...(stepOptions.timeoutMs === undefined ? {} : { timeoutMs: stepOptions.timeoutMs }),
    };
    // Each attempt gets its own summary, so the Web UI's timeline shows which attempt is which.
    const { runAction } = proxyActivities<ActionActivities>(
      attemptOptions(plan, timeoutMs, attemptSummary(summary, attempt, maximumAttempts)),
    );
    report({ state: 'running', attempt });
    try {
      const result = (await runAction(input, attemptInfo)) as T;
      report({ state: 'succeeded', attempt });
      return result;
    } catch (error) {
      const failure = attemptFailure(error);
      const failureType = failure?.type ?? failureName(error);
      const status = failure === undefined ? undefined : failureDetails(failure).status;
      if (failure === undefined || !isRetryable(failure) || attempt >= maximumAttempts) {
        if (!isCancellation(error)) report({ state: 'failed', attempt, failureType, status });
        throw liftedFailure(error);
      }

      const delayMs = retryDelayMs(plan.retry, attempt, failureDetails(failure).retryAfterMs);
      report({ state: 'retrying', attempt, failureType, status, delayMs });
      await sleep(delayMs);
    }
  }
}

/**
 * Validates a step's input and options together, so one failure lists every problem of both.
 *
 * @throws ApplicationFailure of type InvalidInput, not retryable, with the problems in `details[0]`.
 */
export function validateStep(
  data: unknown,
  options: unknown,
): { input: IActionProcessorInput; stepOptions: ActionStepOptions } {
  const parsedInput = parseActionInput(data);
  const parsedOptions = parseStepOptions(options);
  if (parsedInput.ok && parsedOptions.ok)
    return { input: parsedInput.value, stepOptions: parsedOptions.value };

  const problems = [
    ...(parsedInput.ok ? [] : parsedInput.problems),
    ...(parsedOptions.ok ? [] : parsedOptions.problems),
  ];
  throw ApplicationFailure.create({
    message: formatInputProblems(problems),
    type: FailureType.InvalidInput,
    nonRetryable: true,
    details: [{ type: FailureType.InvalidInput, problems }],
  });
}

/**
 * Options of each `runAction` activity. Its retry policy covers only attempts whose worker was lost:
 * every failure that the activity classifies arrives as non-retryable, and the step decides.
 */
function attemptOptions(plan: ActionPlan, timeoutMs: number, summary: string) {
  return {
    startToCloseTimeout: timeoutMs + ATTEMPT_OVERHEAD_MS,
    heartbeatTimeout: plan.heartbeatTimeoutMs,
    // The step ends as cancelled only once the attempt has aborted its request.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      maximumAttempts: MAX_LOST_WORKER_ATTEMPTS + 1,
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '10 seconds',
    },
    summary,
  };
}

/** Returns the classified failure of an attempt, or `undefined` for cancellation and lost workers. */
function attemptFailure(error: unknown): ApplicationFailure | undefined {
  if (isCancellation(error)) return undefined;
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  return undefined;
}

/** Name of an unclassified failure, such as `TimeoutFailure` when lost workers used up their reruns. */
function failureName(error: unknown): string {
  if (!(error instanceof Error)) return 'UnexpectedError';
  return error.cause instanceof Error ? error.cause.name : error.name;
}

function failureDetails(failure: ApplicationFailure): Partial<ActionFailureDetails> {
  const details = failure.details?.[0];
  return details !== null && typeof details === 'object' ? (details as Partial<ActionFailureDetails>) : {};
}

function isRetryable(failure: ApplicationFailure): boolean {
  return failureDetails(failure).retryable === true;
}
