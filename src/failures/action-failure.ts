import type { ActionFailureDetails, FailureType } from './failure-types';

/**
 * Error raised inside the worker for a failure whose type is already known, such as an unknown event
 * or an unresolved placeholder. It becomes a Temporal failure in `toApplicationFailure`, and its
 * message must never contain a secret value.
 */
export class ActionFailure extends Error {
  override readonly name = 'ActionFailure';
  readonly type: FailureType;
  readonly details: Omit<ActionFailureDetails, 'type'>;

  constructor(
    type: FailureType,
    message: string,
    details: Omit<ActionFailureDetails, 'type'> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.type = type;
    this.details = details;
  }
}
