import { isCancellation } from '@temporalio/workflow';

/** Options of {@link mapSettled}. */
export interface MapSettledOptions {
  /** Largest number of items in progress at once, a whole number of 1 or more. */
  readonly concurrency: number;
}

/**
 * Calls `fn` for every item with at most `concurrency` calls in progress, and returns the outcome of
 * each call in the order of `items`, as `Promise.allSettled` does. A failed item does not stop the
 * others. Items start in order, so the history is the same on every replay.
 *
 * A cancellation is not an item's outcome: once one arrives, no further item starts, and the
 * cancellation is rethrown after the calls in progress settle.
 *
 * @throws RangeError when `concurrency` is not a whole number of 1 or more. It fails the workflow
 * task, so the run waits for fixed code instead of failing.
 */
export async function mapSettled<Item, Result>(
  items: readonly Item[],
  fn: (item: Item, index: number) => Promise<Result>,
  options: MapSettledOptions,
): Promise<PromiseSettledResult<Result>[]> {
  const { concurrency } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`mapSettled: concurrency must be a whole number of 1 or more, not ${concurrency}.`);
  }

  const outcomes: PromiseSettledResult<Result>[] = new Array(items.length);
  let next = 0;
  let cancellation: unknown;

  async function runItems(): Promise<void> {
    while (cancellation === undefined && next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { status: 'fulfilled', value: await fn(items[index] as Item, index) };
      } catch (error) {
        if (isCancellation(error)) cancellation ??= error;
        else outcomes[index] = { status: 'rejected', reason: error };
      }
    }
  }

  const runners = Array.from({ length: Math.min(concurrency, items.length) }, () => runItems());
  await Promise.all(runners);

  if (cancellation !== undefined) throw cancellation;
  return outcomes;
}
