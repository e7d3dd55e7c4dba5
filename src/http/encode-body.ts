import type { RequestType } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import { appendQuery } from './build-url';

/** An encoded body and the content type that describes it. */
export interface EncodedBody {
  readonly body: string | Buffer;
  readonly contentType: string;
}

/** Methods that never carry a body. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

/**
 * Encodes the request body for the action's request type, or returns `undefined` when the method
 * carries no body.
 *
 * @throws ActionFailure of type InvalidConfiguration for a request type this version cannot encode.
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
    default:
      // TODO: FORMDATA, XML, SOAP and TEXT bodies are not encoded yet.
      throw new ActionFailure(
        FailureType.InvalidConfiguration,
        `Request type ${requestType} is not supported yet: use JSON or URLENCODED for this action.`,
      );
  }
}
