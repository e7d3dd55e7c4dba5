import type { OAuth2AuthDefinition } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import { resolveAuthData } from '../placeholders/resolve';
import type { AuthToken, FetchedToken } from './auth-token';
import { requestToken, type TokenFetchContext } from './token-request';

/**
 * Fetches an access token with the OAuth 2.0 refresh token grant (RFC 6749 section 6). The product
 * environment's data for the auth sets `client_id`, `client_secret` (optional for public clients) and
 * `refresh_token`. A refresh token that the server rotates replaces the configured one for the
 * following refreshes of this worker.
 *
 * @throws ActionFailure of type InvalidConfiguration when `client_id` or `refresh_token` is missing,
 * or the errors of `requestToken`.
 */
export async function refreshOAuth2Token(
  auth: OAuth2AuthDefinition,
  previous: AuthToken | undefined,
  context: TokenFetchContext,
): Promise<FetchedToken> {
  const data = await resolveAuthData(auth.tag, context.placeholders);
  const clientId = requiredString(auth, data, 'client_id', context);
  const clientSecret = typeof data.client_secret === 'string' ? data.client_secret : undefined;
  const refreshToken = previous?.refreshToken ?? requiredString(auth, data, 'refresh_token', context);

  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  if (auth.scope !== undefined) form.set('scope', auth.scope);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (clientSecret !== undefined && auth.client_auth === 'basic') {
    // RFC 6749 section 2.3.1: the id and secret are form-encoded before they are joined and base64-encoded.
    const credentials = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    context.placeholders.redactor.add(headers.authorization);
  } else {
    form.set('client_id', clientId);
    if (clientSecret !== undefined) form.set('client_secret', clientSecret);
  }

  return requestToken(
    { method: 'POST', url: tokenUrl(auth, context), headers, body: form.toString() },
    `OAuth2 token endpoint of auth '${auth.tag}'`,
    { tokenPath: 'access_token', expiresInPath: 'expires_in', refreshTokenPath: 'refresh_token' },
    context,
  );
}

function tokenUrl(auth: OAuth2AuthDefinition, context: TokenFetchContext): URL {
  if (!auth.token_url.startsWith('/')) return new URL(auth.token_url);
  const base = context.placeholders.resolved.appEnvironment.base_url.replace(/\/$/, '');
  return new URL(base + auth.token_url);
}

function requiredString(
  auth: OAuth2AuthDefinition,
  data: Readonly<Record<string, unknown>>,
  field: string,
  context: TokenFetchContext,
): string {
  const value = data[field];
  if (typeof value === 'string' && value !== '') return value;
  const { product, productEnvironment } = context.placeholders.resolved;
  throw new ActionFailure(
    FailureType.InvalidConfiguration,
    `OAuth2 auth '${auth.tag}' needs '${field}' in the auths data of product '${product.tag}' environment '${productEnvironment.product_env}': add ${auth.tag}.${field} there.`,
  );
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
