import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import type { HttpResponse } from './http-request';

/** Form of a binary response body in a run's result. */
export interface BinaryBody {
  readonly contentType: string;
  /** The body's bytes, base64-encoded. */
  readonly base64: string;
}

/**
 * Decodes a response body by its content type: JSON (also `+json` types) to a value, text and XML to
 * a string, an empty body to `null`, and any other type to a {@link BinaryBody}.
 *
 * @throws ActionFailure of type InvalidResponse when a JSON body does not parse.
 */
export function decodeResponse(response: HttpResponse, excerpt: (body: Buffer) => string): unknown {
  if (response.body.length === 0) return null;

  const header = response.headers['content-type'];
  const contentType = (Array.isArray(header) ? header[0] : header) ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();

  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    const text = response.body.toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ActionFailure(
        FailureType.InvalidResponse,
        `The API sent a malformed JSON body (${(error as Error).message}).`,
        { status: response.status, bodyExcerpt: excerpt(response.body) },
      );
    }
  }

  if (mediaType === '' || isTextual(mediaType)) return response.body.toString('utf8');
  return { contentType, base64: response.body.toString('base64') } satisfies BinaryBody;
}

function isTextual(mediaType: string): boolean {
  return (
    mediaType.startsWith('text/') ||
    mediaType.endsWith('+xml') ||
    mediaType === 'application/xml' ||
    mediaType === 'application/x-www-form-urlencoded' ||
    mediaType === 'application/javascript'
  );
}
