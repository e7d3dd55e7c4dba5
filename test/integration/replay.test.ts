import path from 'node:path';
import { type ReplayWorkerOptions, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORIES_FOLDER, type RecordedHistory, readRecordedHistories } from '../support/history-files';

/**
 * Histories recorded from real runs by `npm run record-histories`. Each must replay on today's code.
 * A name missing here or on disk fails the test, so a history cannot be dropped by accident.
 */
const EXPECTED_HISTORIES = [
  'child-charge-order',
  'child-process-action',
  'fallback-send-receipt-switched',
  'fan-out-charge-many',
  'process-action-retried',
  'saga-checkout-compensated',
  'saga-checkout-succeeded',
  'sequence-sign-up-and-charge',
];

// The example worker's workflows module: processActionWorkflow and every composition example.
const EXAMPLE_WORKFLOWS = path.join(__dirname, '..', '..', 'examples', 'workflows', 'index.ts');

/** Replays the histories and returns the replay error of each that failed, by history name. */
async function replayAll(
  options: ReplayWorkerOptions,
  histories: readonly RecordedHistory[],
): Promise<Map<string, unknown>> {
  const names = new Map(histories.map((recorded) => [recorded.workflowId, recorded.name]));
  const errors = new Map<string, unknown>();
  for await (const result of Worker.runReplayHistories(options, histories)) {
    if (result.error !== undefined)
      errors.set(names.get(result.workflowId) ?? result.workflowId, result.error);
  }
  return errors;
}

describe('replay of recorded histories', () => {
  let histories: RecordedHistory[];

  beforeAll(async () => {
    histories = await readRecordedHistories();
  });

  it('finds every expected history', () => {
    const names = histories.map((recorded) => recorded.name);

    expect(names, `histories in ${HISTORIES_FOLDER}`).toEqual(EXPECTED_HISTORIES);
  });

  it('replays every history on the current workflows', async () => {
    const errors = await replayAll({ workflowsPath: EXAMPLE_WORKFLOWS }, histories);

    expect([...errors.keys()]).toEqual([]);
  });

  it('rejects a history after a step moved to a child', async () => {
    const sequence = histories.filter((recorded) => recorded.name === 'sequence-sign-up-and-charge');
    const changed = path.join(__dirname, '..', 'fixtures', 'workflows', 'receipt-as-child.ts');

    const errors = await replayAll({ workflowsPath: changed }, sequence);

    expect(sequence).toHaveLength(1);
    expect(errors.get('sequence-sign-up-and-charge')).toBeDefined();
    expect(String(errors.get('sequence-sign-up-and-charge'))).toMatch(/[Nn]ondetermin/);
  });
});
