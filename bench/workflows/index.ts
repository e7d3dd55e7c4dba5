/**
 * Workflows of the baseline scenarios. Like the package's workflows, they run in Temporal's
 * deterministic sandbox, so they import activity types only.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { BaselineActivities } from '../baseline-activities';
import type { SignupRequest } from '../signup-request';

// The package's runAction gets the action's HTTP timeout plus 10 s, and a heartbeat timeout. These
// mirror the time limit; heartbeats are left out because a hand-written activity rarely sends them.
const { noop, sendSignup } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '25 seconds',
  retry: { maximumAttempts: 1 },
});

/** Temporal's floor: one workflow task, one no-op activity, one more workflow task. */
export async function floorWorkflow(): Promise<void> {
  await noop();
}

/** Sends the benchmark's request in one activity, as a minimal hand-written workflow would. */
export async function handwrittenWorkflow(signup: SignupRequest): Promise<unknown> {
  return sendSignup(signup);
}
