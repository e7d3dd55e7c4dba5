import { ApplicationFailure } from '@temporalio/common';
import { Agent } from 'undici';
import { type SignupRequest, sendSignup } from './signup-request';

/** Activities of the baseline scenarios: a no-op and a hand-written undici call. */
export interface BaselineActivities {
  /** Does nothing: the activity half of Temporal's floor. */
  noop(): Promise<void>;
  /** Sends the benchmark's request with undici, as a user would write the activity by hand. */
  sendSignup(signup: SignupRequest): Promise<unknown>;
}

/**
 * Creates the baseline activities. The token comes from the worker's environment, as in the package
 * scenario, so no scenario puts it in workflow input.
 */
export function createBaselineActivities(token: string): BaselineActivities {
  // The same pool settings as the package's default dispatcher, so connection reuse is equal.
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128 });

  return {
    async noop(): Promise<void> {},

    async sendSignup(signup: SignupRequest): Promise<unknown> {
      try {
        return await sendSignup(signup, token, dispatcher);
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, 'BenchRequestFailed');
      }
    },
  };
}
