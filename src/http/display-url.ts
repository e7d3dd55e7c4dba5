// Same parameter syntax as build-url.ts: `{name}` anywhere, `:name` after a '/'.
const BRACED_PARAMETER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const COLON_PARAMETER = /(?<=\/):([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Describes the URL of an action for people, without sending anything: the environment's base URL and
 * the resource path, with no query string, fragment or user info. A path parameter is filled in only
 * when its value is a plain literal. A value that contains a placeholder (`$Secret{…}`, `$Auth{…}`,
 * …), or is missing or unusable, stays `{name}`, so placeholders are never resolved here and no secret
 * can appear in the result.
 */
export function describeUrl(
  baseUrl: string,
  resource: string,
  params: Readonly<Record<string, unknown>>,
): string {
  const literal = (_match: string, name: string): string => {
    const value = params[name];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return `{${name}}`;

    const text = String(value);
    if (text === '' || text === '.' || text === '..' || text.includes('$')) return `{${name}}`;
    return encodeURIComponent(text);
  };
  const path = resource.replace(BRACED_PARAMETER, literal).replace(COLON_PARAMETER, literal);

  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const pathWithoutQuery = path.split(/[?#]/)[0] ?? '';
  return `${base.origin}${basePath}${pathWithoutQuery}`;
}
