import zlib from 'node:zlib';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { bodyExcerpt } from '../../../src/failures/to-application-failure';
import { decodeResponse } from '../../../src/http/decode-response';
import type { HttpResponse } from '../../../src/http/http-request';
import { sendRequest } from '../../../src/http/send-request';
import { RawHttpServer, type RawResponder, respond, respondChunked } from '../../support/raw-http-server';

const MAX_BYTES = 64 * 1024;

let server: RawHttpServer;
let dispatcher: Agent;

beforeAll(async () => {
  server = await RawHttpServer.start();
  dispatcher = new Agent();
});

afterAll(async () => {
  await dispatcher.close();
  await server.close();
});

beforeEach(() => server.reset());

async function exchange(responder: RawResponder, method = 'GET'): Promise<HttpResponse> {
  server.respondWith(responder);
  return sendRequest(
    { method, url: new URL('/resource', server.url), headers: {} },
    { dispatcher, timeoutMs: 5_000, maxResponseBytes: MAX_BYTES },
  );
}

async function decoded(responder: RawResponder, method = 'GET'): Promise<unknown> {
  const response = await exchange(responder, method);
  return decodeResponse(response, (body) => bodyExcerpt(body, { redact: (text) => text, excerptLength: 40 }));
}

async function failure(responder: RawResponder): Promise<ActionFailure> {
  const error = await decoded(responder).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ActionFailure)) throw new Error(`expected an ActionFailure, got ${String(error)}`);
  return error;
}

const withBody =
  (status: number, headers: Record<string, string>, body: string | Buffer): RawResponder =>
  (_request, socket) =>
    respond(socket, status, headers, body);

describe('responses on the wire', () => {
  describe('content types', () => {
    it('parses JSON', async () => {
      const result = await decoded(
        withBody(200, { 'content-type': 'application/json' }, '{"id":"usr_1","n":2}'),
      );

      expect(result).toEqual({ id: 'usr_1', n: 2 });
    });

    it('parses a +json type', async () => {
      const body = '{"type":"about:blank","status":409}';

      expect(await decoded(withBody(409, { 'content-type': 'application/problem+json' }, body))).toEqual({
        type: 'about:blank',
        status: 409,
      });
    });

    it('decodes text in the charset it names', async () => {
      const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1

      expect(await decoded(withBody(200, { 'content-type': 'text/plain; charset=ISO-8859-1' }, latin1))).toBe(
        'café',
      );
    });

    it('decodes a quoted multi-byte charset', async () => {
      const shiftJis = Buffer.from([0x82, 0xa0, 0x82, 0xa2]); // "あい" in Shift_JIS

      expect(
        await decoded(withBody(200, { 'content-type': 'text/html; charset="Shift_JIS"' }, shiftJis)),
      ).toBe('あい');
    });

    it('decodes XML as UTF-8 text when no charset is named', async () => {
      expect(await decoded(withBody(200, { 'content-type': 'application/soap+xml' }, '<a>é</a>'))).toBe(
        '<a>é</a>',
      );
    });

    it('returns a binary body as its content type and base64 bytes', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

      expect(await decoded(withBody(200, { 'content-type': 'image/png' }, png))).toEqual({
        contentType: 'image/png',
        base64: png.toString('base64'),
      });
    });

    it('returns bytes without a content type that are not UTF-8 as binary', async () => {
      const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80]);

      expect(await decoded(withBody(200, {}, bytes))).toEqual({
        contentType: 'application/octet-stream',
        base64: bytes.toString('base64'),
      });
    });

    it('returns text in a charset the runtime does not know as binary', async () => {
      const result = await decoded(withBody(200, { 'content-type': 'text/plain; charset=x-unknown' }, 'abc'));

      expect(result).toEqual({ contentType: 'text/plain; charset=x-unknown', base64: 'YWJj' });
    });
  });

  describe('empty bodies', () => {
    it.each([204, 205])('returns null for %i', async (status) => {
      expect(await decoded(withBody(status, { 'content-type': 'application/json' }, ''))).toBeNull();
    });

    it('returns null for HEAD, even with a Content-Length', async () => {
      const result = await decoded(
        (_request, socket) =>
          respond(socket, 200, { 'content-type': 'application/json', 'content-length': '120' }, ''),
        'HEAD',
      );

      expect(result).toBeNull();
      expect(server.requests[0]?.method).toBe('HEAD');
    });
  });

  describe('content encodings', () => {
    const payload = JSON.stringify({ items: Array.from({ length: 50 }, (_, index) => ({ index })) });

    it.each([
      ['gzip', zlib.gzipSync(payload)],
      ['deflate', zlib.deflateSync(payload)],
      ['br', zlib.brotliCompressSync(payload)],
    ])('decodes %s', async (encoding, bytes) => {
      const response = await exchange(
        withBody(200, { 'content-type': 'application/json', 'content-encoding': encoding }, bytes),
      );

      expect(JSON.parse(response.body.toString())).toEqual(JSON.parse(payload));
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers['content-length']).toBeUndefined();
    });

    it('decodes deflate sent without its zlib wrapper', async () => {
      const result = await decoded(
        withBody(
          200,
          { 'content-type': 'text/plain', 'content-encoding': 'deflate' },
          zlib.deflateRawSync('raw!'),
        ),
      );

      expect(result).toBe('raw!');
    });

    it('undoes stacked encodings in reverse order', async () => {
      const bytes = zlib.brotliCompressSync(zlib.gzipSync('twice'));

      const result = await decoded(
        withBody(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip, br' }, bytes),
      );

      expect(result).toBe('twice');
    });

    it('decodes a gzip body sent in chunks', async () => {
      const bytes = zlib.gzipSync('chunked and compressed');
      const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 11), bytes.subarray(11)];

      const result = await decoded((_request, socket) =>
        respondChunked(socket, 200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, chunks),
      );

      expect(result).toBe('chunked and compressed');
    });

    it('fails with InvalidResponse on a body that does not decode', async () => {
      const error = await failure(
        withBody(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, 'not gzip at all'),
      );

      expect(error.type).toBe(FailureType.InvalidResponse);
      expect(error.message).toContain("does not decode as Content-Encoding 'gzip'");
    });

    it('fails with InvalidResponse on an encoding it cannot decode', async () => {
      const error = await failure(withBody(200, { 'content-encoding': 'compress-x' }, 'abc'));

      expect(error.type).toBe(FailureType.InvalidResponse);
      expect(error.message).toContain("Content-Encoding 'compress-x', which is not supported");
    });
  });

  describe('malformed JSON', () => {
    it('fails with InvalidResponse and an excerpt of the body', async () => {
      const error = await failure(
        withBody(200, { 'content-type': 'application/json' }, '{"id": "usr_1", oops'),
      );

      expect(error.type).toBe(FailureType.InvalidResponse);
      expect(error.message).toMatch(/^The API sent a malformed JSON body \(/);
      expect(error.details.bodyExcerpt).toBe('{"id": "usr_1", oops');
      expect(error.details.status).toBe(200);
    });
  });

  describe('size limit', () => {
    it('fails on a declared length over the limit', async () => {
      const error = await failure(withBody(200, { 'content-type': 'text/plain' }, 'x'.repeat(MAX_BYTES + 1)));

      expect(error.type).toBe(FailureType.ResponseTooLarge);
      expect(error.message).toContain(`${MAX_BYTES + 1} bytes declared by Content-Length`);
    });

    it('stops reading an endless chunked body at the limit', async () => {
      const endless: RawResponder = (_request, socket) => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n');
        const chunk = `1000\r\n${'y'.repeat(0x1000)}\r\n`;
        const timer = setInterval(() => socket.write(chunk), 1);
        socket.on('close', () => clearInterval(timer));
      };

      const error = await exchange(endless).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).type).toBe(FailureType.ResponseTooLarge);
      expect((error as ActionFailure).message).toContain(`more than ${MAX_BYTES} bytes received`);
    });

    it('stops a small gzip body that expands past the limit', async () => {
      const bomb = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024));

      const error = await failure(
        withBody(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb),
      );

      expect(bomb.length).toBeLessThan(MAX_BYTES);
      expect(error.type).toBe(FailureType.ResponseTooLarge);
      expect(error.message).toContain(`more than ${MAX_BYTES} bytes after decoding`);
    });

    it('stops an endless gzip stream by its decoded size', async () => {
      const endlessGzip: RawResponder = (_request, socket) => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-encoding: gzip\r\n\r\n');
        const gzip = zlib.createGzip();
        gzip.on('data', (chunk: Buffer) => socket.write(chunk));
        const timer = setInterval(() => gzip.write(Buffer.alloc(64 * 1024), () => gzip.flush()), 1);
        socket.on('close', () => {
          clearInterval(timer);
          gzip.destroy();
        });
      };

      const error = await exchange(endlessGzip).catch((caught: unknown) => caught);

      expect((error as ActionFailure).type).toBe(FailureType.ResponseTooLarge);
      expect((error as ActionFailure).message).toContain('after decoding');
    });
  });
});
