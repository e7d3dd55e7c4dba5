import { Agent } from 'undici';
import { MemoryAuthTokenCache } from '../src/auth/token-cache';
import type { ResolvedAction } from '../src/config/registry';
import { toApplicationFailure } from '../src/failures/to-application-failure';
import { requireValidInput } from '../src/input/require-valid-input';
import { routeRequest } from '../src/input/route-request';
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
        const resolved = deps.registry.resolve(input);
        return planAction(resolved, limits, describedParams(input, resolved));
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

/**
 * Returns the caller's path parameters for describing the URL. A flat input that cannot be routed
 * describes the URL without them: the attempt then fails with the routing problem, as it would anyway.
 */
function describedParams(
  input: IActionProcessorInput,
  resolved: ResolvedAction,
): Readonly<Record<string, unknown>> {
  try {
    return routeRequest(input.input, resolved.action).params;
  } catch {
    return {};
  }
}
