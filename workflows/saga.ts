import { CancellationScope, log } from '@temporalio/workflow';
import { actionFailureType } from './action-failures';

/** A compensation that failed, as {@link Saga.compensate} returns it. */
export interface CompensationFailure {
  /** Position of the compensation in the order it was added, starting at 0. */
  readonly index: number;
  readonly error: unknown;
}

/**
 * Compensating steps of a saga, run in reverse order when a later step fails. Add a compensation right
 * after the step it undoes succeeds, so only completed steps are undone:
 *
 * ```ts
 * const saga = new Saga();
 * try {
 *   const charge = await executeAction<Charge>(createCharge);
 *   saga.addCompensation(() => executeAction(refundCharge(charge.id)));
 *   await executeAction(sendReceipt(charge.id));
 * } catch (error) {
 *   await saga.compensate();
 *   throw error;
 * }
 * ```
 */
export class Saga {
  private readonly compensations: (() => Promise<unknown>)[] = [];

  /** Adds a compensation, to run before every compensation added earlier. */
  addCompensation(compensation: () => Promise<unknown>): void {
    this.compensations.push(compensation);
  }

  /**
   * Runs the compensations one at a time, the last added first, and clears the list. A compensation that
   * fails is logged and the next one still runs, because each undoes a different step. They run even
   * when the workflow is being cancelled, since a cancelled saga must still undo its steps.
   *
   * Returns the compensations that failed, empty when all succeeded. The caller decides whether to
   * fail the workflow with the original failure, as the example above does, or to report them.
   */
  async compensate(): Promise<CompensationFailure[]> {
    const pending = this.compensations.splice(0).map((compensation, index) => ({ compensation, index }));
    const failures: CompensationFailure[] = [];

    await CancellationScope.nonCancellable(async () => {
      for (const { compensation, index } of pending.reverse()) {
        try {
          await compensation();
        } catch (error) {
          log.error('Compensation failed', {
            compensationIndex: index,
            failureType: actionFailureType(error),
            error: error instanceof Error ? error.message : String(error),
          });
          failures.push({ index, error });
        }
      }
    });
    return failures;
  }
}
