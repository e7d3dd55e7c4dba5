import { actionFailureType, executeAction, mapSettled } from '../../workflows/api';
import { type Charge, type ProductScope, scopeOf } from './example-api';

/** Input of {@link chargeManyWorkflow}. */
export interface ChargeManyInput extends ProductScope {
  readonly charges: readonly { readonly userId: string; readonly amount: number }[];
  /**
   * Largest number of charges in progress at once, which keeps the load on the API bounded.
   * @default 5
   */
  readonly concurrency?: number;
}

/** Outcome of {@link chargeManyWorkflow}: the charges made and the ones that failed, in input order. */
export interface ChargeManyResult {
  readonly charged: { readonly userId: string; readonly chargeId: string }[];
  readonly failed: { readonly userId: string; readonly failureType: string; readonly message: string }[];
}

/**
 * Parallel fan-out: charges many users with a bounded number of charges in progress, and reports
 * each charge that succeeded and each that failed, without stopping at the first failure.
 */
export async function chargeManyWorkflow(batch: ChargeManyInput): Promise<ChargeManyResult> {
  const scope = scopeOf(batch);

  const outcomes = await mapSettled(
    batch.charges,
    (item) =>
      executeAction<Charge>(
        {
          ...scope,
          app: 'payments',
          event: 'charge.create',
          input: { params: { userId: item.userId }, body: { amount: item.amount } },
          retries: 2,
        },
        { summary: `Charge ${item.userId}` },
      ),
    { concurrency: batch.concurrency ?? 5 },
  );

  const result: ChargeManyResult = { charged: [], failed: [] };
  for (const [index, outcome] of outcomes.entries()) {
    const { userId } = batch.charges[index]!;
    if (outcome.status === 'fulfilled') {
      result.charged.push({ userId, chargeId: outcome.value.id });
    } else {
      const { reason } = outcome;
      result.failed.push({
        userId,
        failureType: actionFailureType(reason) ?? 'WorkflowError',
        message: reason instanceof Error ? reason.message : String(reason),
      });
    }
  }
  return result;
}
