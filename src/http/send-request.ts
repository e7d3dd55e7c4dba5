import { type Dispatcher, request } from 'undici';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import type { HttpRequest, HttpResponse } from './http-request';

/** Options of one send. */
export interface SendOptions {
  /** Connection pool to send through, shared by all attempts of a worker. */
  readonly dispatcher: Dispatcher;
  /** Time for the whole exchange, from connecting to the last body byte, in milliseconds. */
  readonly timeoutMs: number;
  /** Maximum response body size, in bytes. */
  readonly maxResponseBytes: number;
  /** Aborts the request, such as the activity's cancellation signal. */
  readonly signal?: AbortSignal;
}

/** Error raised when the action's timeout ran out before the response was complete. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';

  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`No complete response within the action's timeout of ${timeoutMs} ms`, options);
  }
}

/**
 * Sends a request and reads its response body, up to the size limit.
 *
 * @throws RequestTimeoutError when the timeout runs out, the signal's reason when the signal aborts,
 * ActionFailure of type ResponseTooLarge, or undici's transport errors.
 */
export async function sendRequest(httpRequest: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);

  try {
    const response = await request(httpRequest.url, {
      method: httpRequest.method as Dispatcher.HttpMethod,
      headers: httpRequest.headers,
      body: httpRequest.body ?? null,
      dispatcher: options.dispatcher,
      signal,
    });
    const body = await readBody(response, options.maxResponseBytes);
    return { status: response.statusCode, headers: response.headers, body };
  } catch (error) {
    if (timeout.aborted && !options.signal?.aborted)
      throw new RequestTimeoutError(options.timeoutMs, { cause: error });
    throw error;
  }
}

async function readBody(response: Dispatcher.ResponseData, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Destroying an unread undici body emits a RequestAbortedError. Without a listener it would be an
    // uncaught exception that ends the worker process, and nobody reads this body any more.
    response.body.on('error', () => {});
    response.body.destroy();
    throw tooLarge(maxBytes, `${declared} bytes declared by Content-Length`);
  }

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.body.destroy();
      throw tooLarge(maxBytes, `more than ${maxBytes} bytes received`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(maxBytes: number, seen: string): ActionFailure {
  return new ActionFailure(
    FailureType.ResponseTooLarge,
    `Response body too large: ${seen}, over the limit of ${maxBytes} bytes that fits in a Temporal payload. Ask the API for less data (pagination, field selection) or raise maxResponseBytes if your Temporal server accepts larger payloads.`,
  );
}
