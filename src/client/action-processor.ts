import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { FailureType } from '../failures/failure-types';
import {
  type ActionProcessorInputInit,
  formatInputProblems,
  type IActionProcessorInput,
  type ProcessActionOptions,
  parseActionInput,
} from '../input/schema';
import { ActionError } from './action-error';
import { runDetails, runSearchAttributes, runSummary } from './run-metadata';
import {
  isUnregisteredSearchAttributeError,
  unregisteredSearchAttributesWarning,
} from './search-attribute-rejection';
import { buildWorkflowId, validateWorkflowId } from './workflow-id';

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
  /**
   * Caller's idempotency key. Runs started with the same key, product, access tag, event and
   * environment share one workflow ID, so a repeated start attaches to the first run. The key is also
   * the value of the app's idempotency key header, when it declares one. Ignored when `workflowId` is
   * given, except as the header value.
   */
  readonly idempotencyKey?: string;
}

/** Where the client sends warnings. Temporal's `Logger` and `console` both fit. */
export interface WarningLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

/**
 * `processor.action`: runs actions as `processActionWorkflow` executions. Input is validated here,
 * before anything starts, so a bad input never reaches Temporal.
 */
export class ActionProcessor {
  private readonly getClient: () => Client;
  private readonly taskQueue: string;
  private readonly logger: WarningLogger;
  private warnedUnregisteredSearchAttributes = false;

  constructor(getClient: () => Client, taskQueue: string, logger: WarningLogger = processWarningLogger) {
    this.getClient = getClient;
    this.taskQueue = taskQueue;
    this.logger = logger;
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
   * Starts an action run and returns its workflow ID without waiting for the result. The run gets the
   * Ductape search attributes, a one-line summary and Markdown details for the Web UI.
   *
   * @throws ActionError of type InvalidInput when the input or the workflow ID is invalid.
   */
  async start(data: ActionProcessorInputInit, options: RunOptions = {}): Promise<string> {
    const input = validate(data);
    const idempotencyKey = validateIdempotencyKey(options.idempotencyKey);
    const workflowId =
      options.workflowId === undefined
        ? buildWorkflowId(input, idempotencyKey)
        : validateWorkflowId(options.workflowId);
    const workflowOptions: ProcessActionOptions = idempotencyKey === undefined ? {} : { idempotencyKey };

    try {
      await this.startWorkflow(input, workflowOptions, workflowId, runSearchAttributes(input));
    } catch (error) {
      if (!isUnregisteredSearchAttributeError(error)) throw error;

      // Runs matter more than their searchability, so an unprepared namespace still runs them. Every
      // start tries the attributes again, because someone may register them while this client lives.
      this.warnUnregisteredSearchAttributes(error);
      await this.startWorkflow(input, workflowOptions, workflowId, []);
    }
    return workflowId;
  }

  /**
   * Requests cancellation of a run. The request in flight is aborted within about the heartbeat
   * timeout, and the run ends as cancelled: `result` then rejects with an ActionError of type
   * `Cancelled`.
   */
  async cancel(workflowId: string): Promise<void> {
    await this.getClient().workflow.getHandle(workflowId).cancel();
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

  private async startWorkflow(
    input: IActionProcessorInput,
    workflowOptions: ProcessActionOptions,
    workflowId: string,
    searchAttributes: SearchAttributePair[],
  ): Promise<void> {
    try {
      await this.getClient().workflow.start(PROCESS_ACTION_WORKFLOW, {
        taskQueue: this.taskQueue,
        workflowId,
        args: [input, workflowOptions],
        typedSearchAttributes: searchAttributes,
        staticSummary: runSummary(input),
        staticDetails: runDetails(input),
        // A second start with the same ID attaches to the first run, running or completed, instead of
        // calling the API again.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  private warnUnregisteredSearchAttributes(error: unknown): void {
    if (this.warnedUnregisteredSearchAttributes) return;
    this.warnedUnregisteredSearchAttributes = true;

    const namespace = this.getClient().options.namespace;
    const serverMessage =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    this.logger.warn(unregisteredSearchAttributesWarning(namespace), {
      code: 'DUCTAPE_SEARCH_ATTRIBUTES_NOT_REGISTERED',
      namespace,
      serverMessage,
    });
  }
}

function validateIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ActionError(
      FailureType.InvalidInput,
      'Invalid idempotencyKey: use 1 to 255 visible ASCII characters without spaces, such as a UUID.',
      {
        type: FailureType.InvalidInput,
        problems: [{ path: 'idempotencyKey', message: 'must be 1 to 255 visible ASCII characters' }],
      },
    );
  }
  return key;
}

/** Default {@link WarningLogger}: a Node process warning, printed on standard error unless handled. */
const processWarningLogger: WarningLogger = {
  warn(message, meta) {
    const code = typeof meta?.code === 'string' ? meta.code : undefined;
    process.emitWarning(message, { type: 'DuctapeWarning', code });
  },
};

function validate(data: ActionProcessorInputInit): IActionProcessorInput {
  const parsed = parseActionInput(data);
  if (parsed.ok) return parsed.value;
  throw new ActionError(FailureType.InvalidInput, formatInputProblems(parsed.problems), {
    type: FailureType.InvalidInput,
    problems: parsed.problems,
  });
}
