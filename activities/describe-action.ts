import type { ResolvedAction } from '../src/config/registry';
import { describeUrl } from '../src/http/display-url';
import { DEFAULT_RETRY, type ResolvedLimits } from './dependencies';
import type { ActionPlan } from './types';

/**
 * Builds the plan of a resolved action: the action's settings over the app's over the defaults.
 * `params` are the caller's path parameters, used only to describe the URL.
 */
export function planAction(
  resolved: ResolvedAction,
  limits: ResolvedLimits,
  params: Readonly<Record<string, unknown>> = {},
): ActionPlan {
  const { action, app, appEnvironment } = resolved;
  const retry = { ...app.retry, ...action.retry };
  const idempotencyHeader = action.idempotency_key_header ?? app.idempotency_key_header;

  return {
    timeoutMs: action.timeout_ms ?? app.timeout_ms ?? limits.defaultTimeoutMs,
    retry: {
      initialIntervalMs: retry.initial_interval_ms ?? DEFAULT_RETRY.initialIntervalMs,
      backoffCoefficient: retry.backoff_coefficient ?? DEFAULT_RETRY.backoffCoefficient,
      maximumIntervalMs: retry.maximum_interval_ms ?? DEFAULT_RETRY.maximumIntervalMs,
    },
    heartbeatTimeoutMs: limits.heartbeatTimeoutMs,
    ...(idempotencyHeader ? { idempotencyHeader } : {}),
    method: action.method,
    resource: action.resource,
    url: describeUrl(appEnvironment.base_url, action.resource, { ...action.params, ...params }),
    appTag: app.tag,
    appEnvironment: appEnvironment.slug,
  };
}
