import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { ActionProcessorInputInit, IActionProcessorInput } from '../src/input/schema';
import { liftFailure } from './action-failures';
import { validateStep } from './execute-action';
import { processActionWorkflow } from './process-action';
import type { ActionStepOptions } from './step-options';

/** Options of {@link executeActionChild}: the step's options and the child workflow's. */
export interface ActionChildOptions extends ActionStepOptions {
  /**
   * Workflow ID of the child. It must be unique among the parent's running children, and it must be
   * the same on every replay of the parent, so derive it from the parent's input, never from a clock
   * or a random value.
   * @default `<parent workflow ID>/<access tag>/<event>`, followed by `/<key>` when `key` is set
   */
  readonly workflowId?: string;
  /**
   * Suffix of the default workflow ID that distinguishes runs of the same action from one parent, such as
   * an order line ID. Running one action twice at the same time from one parent needs distinct keys.
   */
  readonly key?: string;
  /**
   * Task queue of the child.
   * @default the parent's task queue
   */
  readonly taskQueue?: string;
}

/**
 * Runs one Ductape action as a child `processActionWorkflow` and returns its decoded response body,
 * typed as `T`. The child has its own row and history in the Web UI, and the same
 * attempts and failures as {@link executeAction}. Use it when a run should be found and read on its
 * own, or when the parent's history would grow too large with every attempt in it.
 *
 * The input and options are validated in the parent, so a bad input fails before a child starts.
 * The worker that polls the child's task queue must register `processActionWorkflow`.
 *
 * @throws ApplicationFailure whose `type` is one of the `FailureType` strings, as `executeAction`
 * throws it; the child's failure stays as its cause.
 */
export async function executeActionChild<T = unknown>(
  data: ActionProcessorInputInit,
  options: ActionChildOptions = {},
): Promise<T> {
  const { workflowId, key, taskQueue, ...stepOptions } = options;
  const { input } = validateStep(data, stepOptions);

  const result = await liftFailure(
    executeChild(processActionWorkflow, {
      args: [input, stepOptions],
      workflowId: workflowId ?? childActionWorkflowId(input, key),
      ...(taskQueue === undefined ? {} : { taskQueue }),
      staticSummary: stepOptions.summary ?? `${input.app}/${input.event} (${input.env})`,
    }),
  );
  return result as T;
}

/**
 * Builds the default workflow ID of an action child: `<parent workflow ID>/<access tag>/<event>`,
 * followed by `/<key>` when a key is given. It depends only on the parent's ID and the step's input,
 * so it is the same on every replay.
 */
export function childActionWorkflowId(
  input: Pick<IActionProcessorInput, 'app' | 'event'>,
  key?: string,
): string {
  const parts = [workflowInfo().workflowId, input.app, input.event];
  if (key !== undefined) parts.push(key);
  return parts.join('/');
}
