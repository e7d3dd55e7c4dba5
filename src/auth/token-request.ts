import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import { bodyExcerpt } from '../failures/to-application-failure';
import { decodeResponse } from '../http/decode-response';
import { type HttpRequest, urlWithoutQuery } from '../http/http-request';
import { HttpStatusError } from '../http/http-status-error';
import { type SendOptions, sendRequest } from '../http/send-request';
import type { PlaceholderContext } from '../placeholders/resolve';
import type { FetchedToken } from './auth-token';

/** Context of a login or token refresh: the run's placeholders and the send options. */
export interface TokenFetchContext {
  /** Placeholder context of the run whose attempt fetches the token. */
  readonly placeholders: PlaceholderContext;
  /** How to send; no cancellation signal, because runs that wait for this fetch share it. */
  readonly send: Omit<SendOptions, 'signal'>;
  /** Length of the body excerpt in failures, in characters. */
  readonly excerptLength: number;
}

/** Paths of the token and its lifetime in a token endpoint's response. */
export interface TokenResponseFields {
  /** Dotted path of the access token. */
  readonly tokenPath: string;
  /** Dotted path of the lifetime in seconds. */
  readonly expiresInPath: string;
  /** Dotted path of a new refresh token, for OAuth2. */
  readonly refreshTokenPath?: string;
}

/**
 * Sends a login or token request and reads the token from its JSON response.
 *
 * A non-2xx response becomes an `HttpStatusError` whose body is already redacted, because runs that
 * waited for this fetch report the same error with redactors that never saw these credentials.
 *
 * @throws HttpStatusError, ActionFailure of type InvalidResponse when the token is missing, or the
 * errors of `sendRequest`.
 */
export async function requestToken(
  httpRequest: HttpRequest,
  purpose: string,
  fields: TokenResponseFields,
  context: TokenFetchContext,
): Promise<FetchedToken> {
  const redactor = context.placeholders.redactor;
  const excerpt = (body: Buffer) =>
    bodyExcerpt(body, { redact: (text) => redactor.redact(text), excerptLength: context.excerptLength });

  const response = await sendRequest(httpRequest, context.send);
  if (response.status < 200 || response.status >= 300) {
    const redactedBody = Buffer.from(redactor.redact(response.body.toString('utf8')), 'utf8');
    throw new HttpStatusError(
      { ...response, body: redactedBody },
      { purpose, method: httpRequest.method, url: urlWithoutQuery(httpRequest.url) },
    );
  }

  const body = decodeResponse(response, excerpt);
  const accessToken = readPath(body, fields.tokenPath);
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new ActionFailure(
      FailureType.InvalidResponse,
      `${purpose} returned no token at '${fields.tokenPath}': point token_path at the string that holds the token in its response.`,
      { status: response.status, bodyExcerpt: excerpt(response.body) },
    );
  }
  redactor.add(accessToken);

  const refreshToken =
    fields.refreshTokenPath === undefined ? undefined : readPath(body, fields.refreshTokenPath);
  if (typeof refreshToken === 'string') redactor.add(refreshToken);

  const expiresInMs = lifetimeMs(readPath(body, fields.expiresInPath));
  return {
    accessToken,
    ...(expiresInMs === undefined ? {} : { expiresInMs }),
    ...(typeof refreshToken === 'string' && refreshToken !== '' ? { refreshToken } : {}),
  };
}

/** Reads a lifetime in seconds, which some servers send as a numeric string. */
function lifetimeMs(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return seconds * 1000;
}

/** Reads a dotted path (`data.access_token`) from a decoded body. */
function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
