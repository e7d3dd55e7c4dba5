import { type Dispatcher, request } from 'undici';
import type { HttpRequest, HttpResponse } from './http-request';
import { findHeader } from './merge-headers';
import { readBody } from './read-body';
import { redirectedRequest } from './redirect';

/** Options of one send. */
export interface SendOptions {
  /** Connection pool to send through, shared by all attempts of a worker. */
  readonly dispatcher: Dispatcher;
  /** Time for the whole exchange, redirects included, from connecting to the last body byte, in milliseconds. */
  readonly timeoutMs: number;
  /** Maximum response body size, in bytes, counted both as received and after decoding. */
  readonly maxResponseBytes: number;
  /**
   * Redirects followed before a 3xx response is returned as it is.
   * @default 0
   */
  readonly maxRedirects?: number;
  /** Aborts the request, such as the activity's cancellation signal. */
  readonly signal?: AbortSignal;
}

/** Encodings that `readBody` decodes, offered unless the request names its own. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Error raised when the action's timeout ran out before the response was complete. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';

  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`No complete response within the action's timeout of ${timeoutMs} ms`, options);
  }
}

/**
 * Sends a request, follows redirects up to `maxRedirects`, and reads the final response body, decoded
 * and up to the size limit. The returned headers lose `Content-Encoding` and `Content-Length` once the
 * body is decoded, since they described the encoded bytes.
 *
 * @throws RequestTimeoutError when the timeout runs out, the signal's reason when the signal aborts,
 * ActionFailure of type ResponseTooLarge or InvalidResponse, or undici's transport errors.
 */
export async function sendRequest(httpRequest: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  const maxRedirects = options.maxRedirects ?? 0;

  try {
    // Redirects are followed here rather than by undici's redirect interceptor, which keeps the
    // Content-Type of a POST that 301 or 302 turned into a GET, and could not share one timeout and
    // one decoded-size limit with the final response.
    let current = withAcceptEncoding(httpRequest);
    for (let redirects = 0; ; redirects++) {
      const response = await request(current.url, {
        method: current.method as Dispatcher.HttpMethod,
        headers: current.headers,
        body: current.body ?? null,
        dispatcher: options.dispatcher,
        signal,
      });

      const next =
        redirects < maxRedirects
          ? redirectedRequest(current, response.statusCode, firstValue(response.headers.location))
          : undefined;
      if (next === undefined) {
        const body = await readBody(
          {
            status: response.statusCode,
            method: current.method,
            headers: response.headers,
            body: response.body,
          },
          options.maxResponseBytes,
        );
        return { status: response.statusCode, headers: decodedHeaders(response.headers), body };
      }

      // The body of a redirect is never read; dumping it lets undici reuse the connection.
      await response.body.dump();
      current = next;
    }
  } catch (error) {
    if (timeout.aborted && !options.signal?.aborted)
      throw new RequestTimeoutError(options.timeoutMs, { cause: error });
    throw error;
  }
}

function withAcceptEncoding(httpRequest: HttpRequest): HttpRequest {
  if (findHeader(httpRequest.headers, 'accept-encoding') !== undefined) return httpRequest;
  return { ...httpRequest, headers: { ...httpRequest.headers, 'accept-encoding': ACCEPT_ENCODING } };
}

function decodedHeaders(headers: Dispatcher.ResponseData['headers']): HttpResponse['headers'] {
  if (headers['content-encoding'] === undefined) return headers;
  const { 'content-encoding': _encoding, 'content-length': _length, ...rest } = headers;
  return rest;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
