import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { FailureType } from '../failures/failure-types';
import {
  type ActionProcessorInputInit,
  formatInputProblems,
  type IActionProcessorInput,
  parseActionInput,
} from '../input/schema';
import { ActionError } from './action-error';
import { buildWorkflowId } from './workflow-id';

/** Name of the workflow type that runs one action. */
export const PROCESS_ACTION_WORKFLOW = 'processActionWorkflow';

/** Options of one run, beside the Ductape-shaped input. */
export interface RunOptions {
  /**
   * Workflow ID of the run. Starting again with the ID of a running or completed run attaches to that
   * run instead of calling the API again.
   * @default `action:<product>:<access tag>:<event>:<env>:<random UUID>`
   */
  readonly workflowId?: string;
}

/**
 * `processor.action`: runs actions as `processActionWorkflow` executions. Input is validated here,
 * before anything starts, so a bad input never reaches Temporal.
 */
export class ActionProcessor {
  private readonly getClient: () => Client;
  private readonly taskQueue: string;

  constructor(getClient: () => Client, taskQueue: string) {
    this.getClient = getClient;
    this.taskQueue = taskQueue;
  }

  /**
   * Runs an action and returns its result: the decoded response body.
   *
   * @throws ActionError with the failure type, HTTP status and attempts when the run fails, or with
   * type InvalidInput, listing every problem, when the input is invalid.
   */
  async run<T = unknown>(data: ActionProcessorInputInit, options: RunOptions = {}): Promise<T> {
    const workflowId = await this.start(data, options);
    return this.result<T>(workflowId);
  }

  /**
   * Starts an action run and returns its workflow ID without waiting for the result.
   *
   * @throws ActionError of type InvalidInput when the input is invalid.
   */
  async start(data: ActionProcessorInputInit, options: RunOptions = {}): Promise<string> {
    const input = validate(data);
    const workflowId = options.workflowId ?? buildWorkflowId(input);

    try {
      await this.getClient().workflow.start(PROCESS_ACTION_WORKFLOW, {
        taskQueue: this.taskQueue,
        workflowId,
        args: [input],
        // A second start with the same ID attaches to the first run, running or completed, instead of
        // calling the API again.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return workflowId;
  }

  /**
   * Waits for the result of a run started by any process, running or finished.
   *
   * @throws ActionError when the run failed, was cancelled or terminated.
   */
  async result<T = unknown>(workflowId: string): Promise<T> {
    try {
      return (await this.getClient().workflow.getHandle(workflowId).result()) as T;
    } catch (error) {
      if (error instanceof WorkflowFailedError) throw ActionError.fromFailure(error, workflowId);
      throw error;
    }
  }
}

function validate(data: ActionProcessorInputInit): IActionProcessorInput {
  const parsed = parseActionInput(data);
  if (parsed.ok) return parsed.value;
  throw new ActionError(FailureType.InvalidInput, formatInputProblems(parsed.problems), {
    type: FailureType.InvalidInput,
    problems: parsed.problems,
  });
}
