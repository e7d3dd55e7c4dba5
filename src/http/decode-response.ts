import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import type { HttpResponse } from './http-request';

/**
 * Form of a binary response body in a run's result: its bytes as base64, with the content type that
 * tells what they are. The same shape, plus `filename`, is a file part of a FORMDATA request.
 */
export interface BinaryBody {
  readonly contentType: string;
  /** The body's bytes, base64-encoded. */
  readonly base64: string;
}

/** Statuses that never have a body; anything a server sends with them is ignored. */
const EMPTY_STATUSES = new Set([204, 205, 304]);

/**
 * Decodes a response body by its content type:
 *
 * - no body (204, 205, an answer to HEAD, or zero bytes): `null`;
 * - JSON, also `+json` types: the parsed value;
 * - text (`text/*`, XML, `+xml`, form, JavaScript): a string, decoded with the `charset` the type
 *   names, UTF-8 by default;
 * - no content type: a string when the bytes are valid UTF-8;
 * - anything else, or text in a charset this runtime cannot decode: a {@link BinaryBody}.
 *
 * The body was already freed of its `Content-Encoding` by `sendRequest`.
 *
 * @throws ActionFailure of type InvalidResponse when a JSON body does not parse.
 */
export function decodeResponse(response: HttpResponse, excerpt: (body: Buffer) => string): unknown {
  if (response.body.length === 0 || EMPTY_STATUSES.has(response.status)) return null;

  const header = response.headers['content-type'];
  const contentType = (Array.isArray(header) ? header[0] : header) ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const charset = charsetOf(contentType);

  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    // RFC 8259 requires UTF-8 between systems, but a declared charset is what the bytes are in.
    const text = decodeText(response.body, charset ?? 'utf-8') ?? response.body.toString('utf8');
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

  if (isTextual(mediaType)) {
    const text = decodeText(response.body, charset ?? 'utf-8');
    if (text !== undefined) return text;
  } else if (mediaType === '') {
    const text = decodeText(response.body, 'utf-8', { fatal: true });
    if (text !== undefined) return text;
  }
  return {
    contentType: contentType || 'application/octet-stream',
    base64: response.body.toString('base64'),
  } satisfies BinaryBody;
}

/** Returns the `charset` parameter of a content type, unquoted and lower-cased, if any. */
function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const value = match?.[1] ?? match?.[2];
  return value ? value.toLowerCase() : undefined;
}

/**
 * Decodes bytes in a charset, or returns `undefined` when the runtime does not know the charset or,
 * with `fatal`, when the bytes are not valid in it. A byte order mark is dropped.
 */
function decodeText(body: Buffer, charset: string, options: { fatal?: boolean } = {}): string | undefined {
  // An unknown charset label throws a RangeError, invalid bytes under `fatal` a TypeError; both mean
  // the body is not text this runtime can read.
  try {
    return new TextDecoder(charset, options).decode(body);
  } catch {
    return undefined;
  }
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
