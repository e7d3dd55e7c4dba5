import type { ActionProcessorInputInit } from '../src/input/schema';
import { executeAction } from './execute-action';
import type { ActionStepOptions } from './step-options';

export { MAX_LOST_WORKER_ATTEMPTS } from './execute-action';

/**
 * Runs one Ductape action durably and returns the decoded response body. It is the workflow that
 * `processor.action.run` starts, and a workflow started as a child by `executeActionChild`.
 *
 * The run is one {@link executeAction} step: the same validation, attempt loop and failures. A failure
 * ends the workflow with an `ApplicationFailure` whose type is one of the `FailureType` strings, so the
 * Web UI and the caller see the same type. A cancelled run ends as cancelled.
 *
 * @param options The caller's idempotency key from the client, or a parent workflow's step options.
 */
export async function processActionWorkflow(
  data: unknown,
  options: ActionStepOptions = {},
): Promise<unknown> {
  return executeAction(data as ActionProcessorInputInit, options);
}
