import { setCurrentDetails } from '@temporalio/workflow';
import { runActionStep } from './execute-action';
import { runDetailsMarkdown } from './run-details';
import type { ActionStepOptions } from './step-options';

export { MAX_LOST_WORKER_ATTEMPTS } from './execute-action';

/**
 * Runs one Ductape action durably and returns the decoded response body. It is the workflow that
 * `processor.action.run` starts, and a workflow started as a child by `executeActionChild`.
 *
 * The run is one action step, as `executeAction` runs it: the same validation, attempt loop and failures. A failure
 * ends the workflow with an `ApplicationFailure` whose type is one of the `FailureType` strings, so the
 * Web UI and the caller see the same type. A cancelled run ends as cancelled.
 *
 * The run's current details, which the Web UI renders as Markdown, show the request, the settings and
 * the status, and are updated before and after every attempt. Steps in other workflows leave their
 * workflow's details alone.
 *
 * @param options The caller's idempotency key from the client, or a parent workflow's step options.
 */
export async function processActionWorkflow(
  data: unknown,
  options: ActionStepOptions = {},
): Promise<unknown> {
  return runActionStep(data, options, (progress) => setCurrentDetails(runDetailsMarkdown(progress)));
}
