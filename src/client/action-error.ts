import { ApplicationFailure, CancelledFailure, TemporalFailure, TerminatedFailure } from '@temporalio/common';
import type { ActionFailureDetails } from '../failures/failure-types';
import { FailureType } from '../failures/failure-types';

/**
 * Error with which a failed action run rejects at the caller. `type` is one of the stable
 * {@link FailureType} strings. Temporal's failure chain is kept as `cause`.
 */
export class ActionError extends Error {
  override readonly name = 'ActionError';
  /** Failure type, such as `HttpClientError` or `Timeout`. */
  readonly type: FailureType | string;
  /** HTTP status of the last response, when one arrived. */
  readonly status?: number;
  /** Number of the attempt that failed last, starting at 1. */
  readonly attempts?: number;
  /** ID of the workflow that ran the action, when one started. */
  readonly workflowId?: string;
  readonly details: Partial<ActionFailureDetails>;

  constructor(
    type: FailureType | string,
    message: string,
    details: Partial<ActionFailureDetails> = {},
    options: { cause?: unknown; workflowId?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.type = type;
    this.details = details;
    this.status = details.status;
    this.attempts = details.attempt;
    this.workflowId = options.workflowId;
  }

  /**
   * Builds the error from a failed workflow's failure chain: the first `ApplicationFailure` in it
   * carries the type and details that the worker set.
   */
  static fromFailure(error: unknown, workflowId?: string): ActionError {
    let current: unknown = error;
    for (let depth = 0; depth < 10 && current instanceof Error; depth++) {
      if (current instanceof CancelledFailure) {
        return new ActionError(
          FailureType.Cancelled,
          'The run was cancelled.',
          {},
          { cause: error, workflowId },
        );
      }
      if (current instanceof TerminatedFailure) {
        return new ActionError(
          'Terminated',
          `The run was terminated: ${current.message}`,
          {},
          { cause: error, workflowId },
        );
      }
      if (current instanceof ApplicationFailure && current.type) {
        const details = (current.details?.[0] ?? {}) as Partial<ActionFailureDetails>;
        // The workflow puts the type in front of the message for the Web UI, and here it has its own field.
        const prefix = `${current.type}: `;
        const message = current.message.startsWith(prefix)
          ? current.message.slice(prefix.length)
          : current.message;
        return new ActionError(current.type, message, details, { cause: error, workflowId });
      }
      current = current.cause;
    }

    const message = error instanceof Error ? error.message : String(error);
    const type = error instanceof TemporalFailure ? error.name : 'WorkflowFailed';
    return new ActionError(type, message, {}, { cause: error, workflowId });
  }

  /** One-line description: type, status and message. */
  override toString(): string {
    const status = this.status === undefined ? '' : ` (HTTP ${this.status})`;
    return `${this.name} [${this.type}]${status}: ${this.message}`;
  }
}
