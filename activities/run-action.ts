import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type { Dispatcher } from 'undici';
import { AuthSession } from '../src/auth/auth-session';
import type { AuthTokenCache } from '../src/auth/token-cache';
import type { Registry } from '../src/config/registry';
import { bodyExcerpt, toApplicationFailure } from '../src/failures/to-application-failure';
import { buildRequest } from '../src/http/build-request';
import { decodeResponse } from '../src/http/decode-response';
import { type HttpRequest, urlWithoutQuery } from '../src/http/http-request';
import { HttpStatusError } from '../src/http/http-status-error';
import { findHeader } from '../src/http/merge-headers';
import { sendRequest } from '../src/http/send-request';
import { requireValidInput } from '../src/input/require-valid-input';
import { routeRequest } from '../src/input/route-request';
import type { IActionProcessorInput } from '../src/input/schema';
import { Redactor } from '../src/placeholders/redactor';
import type { SecretSource } from '../src/secrets/secret-source';
import type { ResolvedLimits } from './dependencies';
import { planAction } from './describe-action';
import type { ActionAttempt } from './types';

/** Dependencies of `runAction` attempts, built once per worker. */
export interface RunActionDependencies {
  readonly registry: Registry;
  readonly secrets: SecretSource;
  readonly dispatcher: Dispatcher;
  readonly authTokens: AuthTokenCache;
  readonly limits: ResolvedLimits;
}

// Heartbeats are throttled by the SDK to a fraction of the heartbeat timeout, so a short interval
// here costs little and keeps cancellation and worker-loss detection prompt.
const HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * Runs one attempt of an action: looks up its definition, resolves placeholders, sends the request
 * and returns the decoded response body. Every error leaves through `toApplicationFailure`.
 */
export async function runActionAttempt(
  deps: RunActionDependencies,
  data: IActionProcessorInput,
  attempt: ActionAttempt = { number: Context.current().info.attempt },
): Promise<unknown> {
  const context = Context.current();
  const startedAt = performance.now();
  const redactor = new Redactor();
  let httpRequest: HttpRequest | undefined;
  const logFields = {
    product: data.product_tag,
    app: data.app,
    event: data.event,
    env: data.env,
    attempt: attempt.number,
    // Above 1 when earlier tries of this attempt were lost with their worker.
    workerTry: context.info.attempt,
  };

  const heartbeat = context.info.heartbeatTimeoutMs
    ? setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS)
    : undefined;
  try {
    const input = requireValidInput(data);
    const resolved = deps.registry.resolve(input);
    const plan = planAction(resolved, deps.limits);
    const parts = routeRequest(input.input, resolved.action);
    const sendOptions = {
      dispatcher: deps.dispatcher,
      timeoutMs: attempt.timeoutMs ?? plan.timeoutMs,
      maxResponseBytes: deps.limits.maxResponseBytes,
      maxRedirects: deps.limits.maxRedirects,
    };
    const auth = new AuthSession({
      cache: deps.authTokens,
      placeholders: { registry: deps.registry, resolved, secrets: deps.secrets, redactor },
      send: sendOptions,
      excerptLength: deps.limits.excerptLength,
    });
    const prepare = async (): Promise<HttpRequest> => {
      const built = await buildRequest(parts, resolved, auth.placeholders);
      if (plan.idempotencyHeader === undefined || attempt.idempotencyKey === undefined) return built;
      return withIdempotencyKey(built, plan.idempotencyHeader, attempt.idempotencyKey);
    };

    httpRequest = await prepare();
    let response = await sendRequest(httpRequest, { ...sendOptions, signal: context.cancellationSignal });
    // A 401 on a cached login or OAuth2 token means the token, not the request, is at fault: the
    // token is refreshed once and the request sent once more within this attempt.
    if (response.status === 401 && auth.invalidateUsed()) {
      httpRequest = await prepare();
      response = await sendRequest(httpRequest, { ...sendOptions, signal: context.cancellationSignal });
    }
    if (response.status < 200 || response.status >= 300) throw new HttpStatusError(response);

    const result = decodeResponse(response, (body) =>
      bodyExcerpt(body, {
        redact: (text) => redactor.redact(text),
        excerptLength: deps.limits.excerptLength,
      }),
    );
    context.log.info('Action attempt succeeded', {
      ...logFields,
      outcome: 'succeeded',
      status: response.status,
      durationMs: elapsed(startedAt),
    });
    return result;
  } catch (error) {
    if (context.cancellationSignal.aborted) {
      context.log.info('Action attempt cancelled', {
        ...logFields,
        outcome: 'cancelled',
        durationMs: elapsed(startedAt),
      });
      throw error instanceof CancelledFailure ? error : new CancelledFailure('Action run cancelled');
    }

    const failure = toApplicationFailure(error, {
      method: httpRequest?.method,
      url: httpRequest === undefined ? undefined : urlWithoutQuery(httpRequest.url),
      attempt: attempt.number,
      redact: (text) => redactor.redact(text),
      maxRetryAfterMs: deps.limits.maxRetryAfterMs,
      excerptLength: deps.limits.excerptLength,
    });
    context.log.warn('Action attempt failed', {
      ...logFields,
      outcome: 'failed',
      failureType: 'type' in failure ? failure.type : undefined,
      status: error instanceof HttpStatusError ? error.response.status : undefined,
      error: failure.message,
      durationMs: elapsed(startedAt),
    });
    throw failure;
  } finally {
    if (heartbeat !== undefined) clearInterval(heartbeat);
  }
}

/** Adds the idempotency key header, unless the caller set that header itself. */
function withIdempotencyKey(httpRequest: HttpRequest, header: string, key: string): HttpRequest {
  if (findHeader(httpRequest.headers, header) !== undefined) return httpRequest;
  return { ...httpRequest, headers: { ...httpRequest.headers, [header]: key } };
}

function elapsed(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
