import { Agent } from 'undici';
import { MemoryAuthTokenCache } from '../src/auth/token-cache';
import { toApplicationFailure } from '../src/failures/to-application-failure';
import { requireValidInput } from '../src/input/require-valid-input';
import type { IActionProcessorInput } from '../src/input/schema';
import { EnvironmentSecretSource } from '../src/secrets/secret-source';
import { type ActivityDependencies, resolveLimits } from './dependencies';
import { planAction } from './describe-action';
import { runActionAttempt } from './run-action';
import type { ActionActivities, ActionAttempt, ActionPlan } from './types';

export type { ActivityDependencies, ActivityLimits } from './dependencies';
export type { ActionActivities, ActionAttempt, ActionPlan } from './types';

/**
 * Creates the activities of action runs, bound to their dependencies. The worker registers the result;
 * tests call it with their own registry, secrets or dispatcher.
 */
export function createActivities(deps: ActivityDependencies): ActionActivities {
  const limits = resolveLimits(deps.limits);
  const runDependencies = {
    registry: deps.registry,
    secrets: deps.secrets ?? new EnvironmentSecretSource(),
    dispatcher: deps.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 128 }),
    authTokens: deps.authTokens ?? new MemoryAuthTokenCache(),
    limits,
  };

  return {
    async describeAction(data: IActionProcessorInput): Promise<ActionPlan> {
      try {
        const input = requireValidInput(data);
        return planAction(deps.registry.resolve(input), limits, input.input.params);
      } catch (error) {
        throw toApplicationFailure(error, {
          attempt: 1,
          redact: (text) => text,
          maxRetryAfterMs: limits.maxRetryAfterMs,
          excerptLength: limits.excerptLength,
        });
      }
    },

    runAction(data: IActionProcessorInput, attempt?: ActionAttempt): Promise<unknown> {
      return runActionAttempt(runDependencies, data, attempt);
    },
  };
}
