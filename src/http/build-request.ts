import type { ResolvedAction } from '../config/registry';
import { checkActionSchema } from '../input/check-action-schema';
import { type PlaceholderContext, resolvePart } from '../placeholders/resolve';
import { buildUrl } from './build-url';
import { encodeBody } from './encode-body';
import type { HttpRequest } from './http-request';
import { findHeader, mergeHeaders } from './merge-headers';

/** The caller's request parts, each a plain object; what a structured or routed flat input holds. */
export interface RequestParts {
  readonly query: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, unknown>>;
}

/**
 * Builds the request of an action: merges the caller's parts over the action's defaults over the
 * app's, resolves placeholders, builds the URL and encodes the body for the request type.
 *
 * Headers merge case-insensitively, caller over action over app. A `Content-Type` set at any level
 * wins over the request type's, and a SOAP action's `soap_action` becomes its `SOAPAction` header.
 *
 * Checks the resolved parts against the action's schema before anything is sent.
 *
 * @throws ActionFailure of type InvalidInput or UnresolvedPlaceholder, naming the field.
 */
export async function buildRequest(
  parts: RequestParts,
  resolved: ResolvedAction,
  placeholders: PlaceholderContext,
): Promise<HttpRequest> {
  const { action, app, appEnvironment } = resolved;
  const requestType = action.request_type ?? appEnvironment.request_type;

  const soapHeaders =
    requestType === 'SOAP' && action.soap_action !== undefined
      ? { SOAPAction: quoteSoapAction(action.soap_action) }
      : {};
  const headers = await resolvePart(
    'headers',
    mergeHeaders(app.headers, soapHeaders, action.headers, parts.headers),
    placeholders,
  );
  const query = await resolvePart('query', { ...action.query, ...parts.query }, placeholders);
  const params = await resolvePart('params', { ...action.params, ...parts.params }, placeholders);
  const body = await resolvePart('body', { ...action.body, ...parts.body }, placeholders);

  checkActionSchema(action, { headers, query, params, body });

  const url = buildUrl(appEnvironment.base_url, action.resource, params, query);
  const encoded = encodeBody(action.method, requestType, body);
  // Merged again because placeholders may have put CR or LF into a value.
  const finalHeaders = mergeHeaders(headers);
  if (encoded !== undefined && findHeader(finalHeaders, 'content-type') === undefined) {
    finalHeaders['content-type'] = encoded.contentType;
  }

  return { method: action.method, url, headers: finalHeaders, body: encoded?.body };
}

/** SOAP 1.1 sends the action as a quoted URI; a value that the definition already quoted is kept. */
function quoteSoapAction(soapAction: string): string {
  return soapAction.startsWith('"') ? soapAction : `"${soapAction}"`;
}
