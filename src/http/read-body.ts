import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';

/** A response body as received, with its headers. */
export interface RawBody {
  readonly status: number;
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Readable;
}

/** Statuses whose response never has a body, even when a `Content-Encoding` is sent with it. */
const BODYLESS_STATUSES = new Set([204, 205, 304]);

// More layers than this is not a real server: curl and urllib3 stop at a few as well.
const MAX_CONTENT_ENCODINGS = 3;

/**
 * Reads a response body into memory, decoding its `Content-Encoding` (gzip, deflate, br), and stops
 * as soon as either the bytes received or the bytes decoded pass `maxBytes`. Counting decoded bytes
 * keeps a small compressed body that expands to gigabytes (a "zip bomb") from filling the memory.
 *
 * @throws ActionFailure of type ResponseTooLarge past the limit, or of type InvalidResponse for an
 * unknown encoding or a body that does not decode.
 */
export async function readBody(response: RawBody, maxBytes: number): Promise<Buffer> {
  const declared = Number(firstHeader(response.headers['content-length']));
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response.body);
    throw tooLarge(maxBytes, `${declared} bytes declared by Content-Length`);
  }

  const encodings = contentEncodings(response);
  if (encodings.length === 0) return collect(response.body, maxBytes, 'received');

  let decoders: Transform[];
  try {
    decoders = encodings.map(createDecoder);
  } catch (error) {
    discard(response.body);
    throw error;
  }

  let received = 0;
  response.body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes)
      response.body.destroy(tooLarge(maxBytes, `more than ${maxBytes} bytes received`));
  });
  // The callback is required; errors also reach the last stream, which `collect` reads.
  const decoded = pipeline([response.body, ...decoders], () => {}) as Transform;

  try {
    return await collect(decoded, maxBytes, 'after decoding');
  } catch (error) {
    if (error instanceof ActionFailure) throw error;
    // An empty body with a Content-Encoding header, as some servers send with errors, is empty.
    if (received === 0) return Buffer.alloc(0);
    throw new ActionFailure(
      FailureType.InvalidResponse,
      `The response body does not decode as Content-Encoding '${encodings.join(', ')}' (${(error as Error).message}).`,
      { status: response.status },
      error,
    );
  }
}

/** Reads a stream into one buffer, destroying it once it passes `maxBytes`. */
async function collect(stream: Readable, maxBytes: number, stage: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw tooLarge(maxBytes, `more than ${maxBytes} bytes ${stage}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Lists the encodings to undo, last applied first, without `identity`. */
function contentEncodings(response: RawBody): string[] {
  if (response.method === 'HEAD' || BODYLESS_STATUSES.has(response.status)) return [];
  const header = response.headers['content-encoding'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const encodings = text
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '' && encoding !== 'identity');

  if (encodings.length > MAX_CONTENT_ENCODINGS) {
    throw new ActionFailure(
      FailureType.InvalidResponse,
      `The response declares ${encodings.length} content encodings (${text}); at most ${MAX_CONTENT_ENCODINGS} are decoded.`,
      { status: response.status },
    );
  }
  return encodings.reverse();
}

function createDecoder(encoding: string): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new ActionFailure(
        FailureType.InvalidResponse,
        `The response uses Content-Encoding '${encoding}', which is not supported: gzip, deflate and br are. The request sends Accept-Encoding: gzip, deflate, br unless the action sets its own.`,
      );
  }
}

/**
 * Decodes `deflate`. RFC 9110 defines it as zlib-wrapped, but some servers send raw deflate data, so
 * the first bytes decide which of the two this body is.
 */
class DeflateDecoder extends Transform {
  private inflater: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inflater === undefined) {
      this.inflater = hasZlibHeader(chunk) ? zlib.createInflate() : zlib.createInflateRaw();
      this.inflater.on('data', (data: Buffer) => this.push(data));
      this.inflater.on('error', (error) => this.destroy(error));
    }
    this.inflater.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (this.inflater === undefined) {
      callback();
      return;
    }
    this.inflater.once('end', () => callback());
    this.inflater.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inflater?.destroy();
    callback(error);
  }
}

/** A zlib stream starts with a CMF byte of method 8 and a check value that makes CMF·256+FLG divisible by 31. */
function hasZlibHeader(chunk: Buffer): boolean {
  if (chunk.length < 2) return false;
  const cmf = chunk[0]!;
  const flg = chunk[1]!;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

function discard(body: Readable): void {
  // Destroying an unread undici body emits a RequestAbortedError. Without a listener it would be an
  // uncaught exception that ends the worker process, and this body is not read any more.
  body.on('error', () => {});
  body.destroy();
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function tooLarge(maxBytes: number, seen: string): ActionFailure {
  return new ActionFailure(
    FailureType.ResponseTooLarge,
    `Response body too large: ${seen}, over the limit of ${maxBytes} bytes that fits in a Temporal payload. Ask the API for less data (pagination, field selection) or raise maxResponseBytes if your Temporal server accepts larger payloads.`,
  );
}
