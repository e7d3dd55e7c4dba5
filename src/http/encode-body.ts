import type { RequestType } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import { appendQuery } from './build-url';
import { encodeMultipart } from './encode-multipart';

/** An encoded body and the content type that describes it. */
export interface EncodedBody {
  readonly body: string | Buffer;
  readonly contentType: string;
}

/** Methods that never carry a body. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

/** Body field that contains the whole document for the XML, SOAP and TEXT request types. */
export const RAW_BODY_FIELD = 'raw';

/** Content types of the request types whose body is `body.raw`, sent as it is. */
const RAW_CONTENT_TYPES = {
  // SOAP 1.1 envelopes travel as text/xml; SOAP 1.2 services want application/soap+xml, which the
  // action or caller sets as its Content-Type header.
  SOAP: 'text/xml; charset=utf-8',
  XML: 'application/xml; charset=utf-8',
  TEXT: 'text/plain; charset=utf-8',
} as const;

/**
 * Encodes the request body for the action's request type, or returns `undefined` when the method
 * carries no body.
 *
 * - JSON: the body object as JSON.
 * - URLENCODED: a form, arrays as repeated keys and nested objects in bracket notation.
 * - FORMDATA: `multipart/form-data` with the same field names; file parts are given as
 *   `{ filename, contentType, base64 }`.
 * - XML, SOAP, TEXT: the string in `body.raw`, sent as it is.
 *
 * @throws ActionFailure of type InvalidInput when the body does not fit the request type.
 */
export function encodeBody(
  method: string,
  requestType: RequestType,
  body: Readonly<Record<string, unknown>>,
): EncodedBody | undefined {
  if (BODYLESS_METHODS.has(method)) return undefined;

  switch (requestType) {
    case 'JSON':
      return { body: JSON.stringify(body), contentType: 'application/json' };
    case 'URLENCODED': {
      const form = new URLSearchParams();
      appendQuery(form, body);
      return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
    }
    case 'FORMDATA':
      return encodeMultipart(body);
    case 'XML':
    case 'SOAP':
    case 'TEXT':
      return { body: rawBody(requestType, body), contentType: RAW_CONTENT_TYPES[requestType] };
  }
}

function rawBody(requestType: RequestType, body: Readonly<Record<string, unknown>>): string {
  const others = Object.keys(body).filter((field) => field !== RAW_BODY_FIELD);
  if (others.length > 0) {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Request type ${requestType} sends body.${RAW_BODY_FIELD} as the whole body, so body fields ${others.map((field) => `'${field}'`).join(', ')} would be lost: put the whole document in body.${RAW_BODY_FIELD}.`,
    );
  }

  const raw = body[RAW_BODY_FIELD];
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Request type ${requestType} needs body.${RAW_BODY_FIELD} to be a string, got ${Array.isArray(raw) ? 'an array' : typeof raw}: write the document as text.`,
    );
  }
  return raw;
}
