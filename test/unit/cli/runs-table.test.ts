import { describe, expect, it } from 'vitest';
import { formatRunsTable } from '../../../src/cli/runs-command';
import type { RunListing } from '../../../src/runs/list-runs';

describe('formatRunsTable', () => {
  it('says so when nothing matches', () => {
    expect(formatRunsTable([], [])).toBe('No action runs match.\n');
  });

  it('aligns columns and puts each link under its run', () => {
    const runs: RunListing[] = [
      {
        workflowId: 'action:my-product:payments:user.signup:dev:1',
        runId: 'r1',
        status: 'FAILED',
        startTime: new Date('2026-01-02T03:04:05.678Z'),
        product: 'my-product',
        app: 'payments',
        event: 'user.signup',
        env: 'dev',
      },
      { workflowId: 'order-42', runId: 'r2', status: 'RUNNING', startTime: new Date('2026-01-02T03:00:00Z') },
    ];

    const lines = formatRunsTable(runs, ['http://ui/1', 'http://ui/2']).split('\n');

    expect(lines).toEqual([
      'STARTED (UTC)        STATUS   PRODUCT     APP       EVENT        ENV  WORKFLOW ID',
      '2026-01-02 03:04:05  FAILED   my-product  payments  user.signup  dev  action:my-product:payments:user.signup:dev:1',
      '  http://ui/1',
      '2026-01-02 03:00:00  RUNNING  -           -         -            -    order-42',
      '  http://ui/2',
      '',
    ]);
  });
});
