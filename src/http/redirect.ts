import type { HttpRequest } from './http-request';

/** Statuses whose `Location` is followed. 300 and 304 are not redirects to follow. */
const FOLLOWED_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that describe the body; they go when a redirect turns the request into a GET without one. */
const BODY_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
]);

/** Credentials that must not reach another origin than the one the caller addressed. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * Returns the request to send after a redirect response, or `undefined` when the response is not a
 * redirect to follow (not 301, 302, 303, 307 or 308, no usable `Location`, or a scheme other than
 * http and https).
 *
 * The rules are those of the Fetch standard: 303 turns any method but HEAD into a GET without a body,
 * 301 and 302 do so for POST only, and 307 and 308 keep the method and body. A redirect to another
 * origin (scheme, host or port) drops `Authorization`, `Cookie` and `Proxy-Authorization`, so a
 * third party's redirect cannot collect the caller's credentials.
 */
export function redirectedRequest(
  current: HttpRequest,
  status: number,
  location: string | undefined,
): HttpRequest | undefined {
  if (!FOLLOWED_STATUSES.has(status) || location === undefined) return undefined;

  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;

  const becomesGet =
    (status === 303 && current.method !== 'HEAD') ||
    ((status === 301 || status === 302) && current.method === 'POST');
  const crossOrigin = url.origin !== current.url.origin;

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(current.headers)) {
    const lower = name.toLowerCase();
    if (becomesGet && BODY_HEADERS.has(lower)) continue;
    if (crossOrigin && CREDENTIAL_HEADERS.has(lower)) continue;
    headers[name] = value;
  }

  return becomesGet
    ? { method: 'GET', url, headers }
    : { method: current.method, url, headers, body: current.body };
}
