import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';

// `{name}` and `:name` parameters. `:name` must follow a '/' or start the path so that a literal
// colon elsewhere (`/v1/files:batchGet`) is left alone.
const BRACED_PARAMETER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const COLON_PARAMETER = /(?<=\/):([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Builds the request URL from the environment's base URL, the action's resource path, the path
 * parameters and the query.
 *
 * Every occurrence of a parameter is replaced, and each value is percent-encoded as one path segment,
 * so a value cannot add segments, a query or a fragment.
 *
 * @throws ActionFailure of type InvalidInput when a parameter has no value, or is '.' or '..'.
 */
export function buildUrl(
  baseUrl: string,
  resource: string,
  params: Readonly<Record<string, unknown>>,
  query: Readonly<Record<string, unknown>>,
): URL {
  const path = resource
    .replace(BRACED_PARAMETER, (_, name: string) => encodeParameter(name, params))
    .replace(COLON_PARAMETER, (_, name: string) => encodeParameter(name, params));

  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  const url = new URL(base + path);
  appendQuery(url.searchParams, query);
  return url;
}

function encodeParameter(name: string, params: Readonly<Record<string, unknown>>): string {
  const value = params[name];
  if (value === undefined || value === null || value === '') {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Missing path parameter '${name}': set input.params.${name}, or declare a default in the action's params.`,
    );
  }
  if (typeof value === 'object') {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Path parameter '${name}' must be a string, number or boolean.`,
    );
  }

  const text = String(value);
  // The WHATWG URL parser removes '.' and '..' segments even when they are percent-encoded ('%2E%2E'), so
  // no encoding keeps such a value in its segment.
  if (text === '.' || text === '..') {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Invalid path parameter '${name}': '${text}' would change the request path. Use another value.`,
    );
  }
  return encodeURIComponent(text);
}

/** Returns the names of the path parameters of a resource path, each once, in order. */
export function pathParameterNames(resource: string): string[] {
  const names = [...resource.matchAll(BRACED_PARAMETER), ...resource.matchAll(COLON_PARAMETER)].map(
    (match) => match[1]!,
  );
  return [...new Set(names)];
}

/**
 * Appends query values: arrays as repeated keys, objects in bracket notation (`filter[status]=open`),
 * `null` and `undefined` left out, everything else as its string form.
 */
export function appendQuery(
  search: URLSearchParams,
  query: Readonly<Record<string, unknown>>,
  prefix = '',
): void {
  for (const [key, value] of Object.entries(query)) {
    const name = prefix === '' ? key : `${prefix}[${key}]`;
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item === undefined || item === null) continue;
        if (typeof item === 'object') appendQuery(search, item as Record<string, unknown>, `${name}[]`);
        else search.append(name, String(item));
      }
    } else if (typeof value === 'object') {
      appendQuery(search, value as Record<string, unknown>, name);
    } else {
      search.append(name, String(value));
    }
  }
}
