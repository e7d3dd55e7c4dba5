import { randomBytes } from 'node:crypto';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';

/**
 * A file part of a FORMDATA body, given inline because run input must be JSON. It has the shape of a
 * binary response body plus a file name, so one action's binary result can be uploaded by the next.
 */
export interface FilePart {
  readonly filename: string;
  /** @default 'application/octet-stream' */
  readonly contentType?: string;
  /** The file's bytes, base64-encoded. */
  readonly base64: string;
}

/** A multipart body and the content type that carries its boundary. */
export interface MultipartBody {
  readonly body: Buffer;
  readonly contentType: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Encodes fields as `multipart/form-data` (RFC 7578). Field names follow the URLENCODED rules (arrays
 * as repeated names, nested objects in bracket notation), and a {@link FilePart} value becomes a file
 * part with its name, type and decoded bytes.
 *
 * The body is built in memory rather than streamed, so that a 307 or 308 redirect can send it again.
 *
 * @throws ActionFailure of type InvalidInput when a file part's `base64` is not valid base64.
 */
export function encodeMultipart(fields: Readonly<Record<string, unknown>>): MultipartBody {
  const boundary = `----DuctapeFormBoundary${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];

  for (const [name, value] of flatten(fields, '')) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"`;
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`${head}\r\n\r\n${value}\r\n`, 'utf8'));
      continue;
    }
    head += `; filename="${quote(value.filename)}"\r\nContent-Type: ${value.contentType ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), decodeFile(name, value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));

  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Tells whether a value is a {@link FilePart}: an object with string `filename` and `base64`. */
export function isFilePart(value: unknown): value is FilePart {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.filename === 'string' &&
    typeof candidate.base64 === 'string' &&
    (candidate.contentType === undefined || typeof candidate.contentType === 'string')
  );
}

function* flatten(
  value: Readonly<Record<string, unknown>>,
  prefix: string,
): Generator<[name: string, value: string | FilePart]> {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}[${key}]`;
    yield* flattenValue(name, item);
  }
}

function* flattenValue(name: string, value: unknown): Generator<[name: string, value: string | FilePart]> {
  if (value === undefined || value === null) return;
  if (isFilePart(value)) {
    yield [name, value];
  } else if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !isFilePart(item) && !Array.isArray(item)) {
        yield* flatten(item as Record<string, unknown>, `${name}[]`);
      } else {
        yield* flattenValue(name, item);
      }
    }
  } else if (typeof value === 'object') {
    yield* flatten(value as Record<string, unknown>, name);
  } else {
    yield [name, String(value)];
  }
}

function decodeFile(name: string, file: FilePart): Buffer {
  const base64 = file.base64.replace(/\s+/g, '');
  if (!BASE64.test(base64)) {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `File part '${name}' (${quote(file.filename)}): base64 must hold standard base64 (A-Z, a-z, 0-9, '+', '/', '=' padding). Encode the file with Buffer.from(bytes).toString('base64').`,
    );
  }
  return Buffer.from(base64, 'base64');
}

/**
 * Escapes a name for a quoted Content-Disposition parameter the way browsers do (HTML's form encoding
 * algorithm): '"', CR and LF are percent-encoded, so a name cannot end the header or start another.
 */
function quote(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
