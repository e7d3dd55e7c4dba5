import { describe, expect, it } from 'vitest';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { decodeResponse } from '../../../src/http/decode-response';
import type { HttpResponse } from '../../../src/http/http-request';

function response(body: string | Buffer, contentType?: string | string[], status = 200): HttpResponse {
  return {
    status,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body: typeof body === 'string' ? Buffer.from(body) : body,
  };
}

const excerpt = (body: Buffer) => `excerpt:${body.subarray(0, 8).toString('utf8')}`;

function decodeFailure(httpResponse: HttpResponse): ActionFailure {
  try {
    decodeResponse(httpResponse, excerpt);
  } catch (error) {
    if (error instanceof ActionFailure) return error;
    throw error;
  }
  throw new Error('expected the response not to decode');
}

describe('decodeResponse', () => {
  describe('JSON', () => {
    it('decodes application/json', () => {
      expect(decodeResponse(response('{"id":1}', 'application/json'), excerpt)).toEqual({ id: 1 });
    });

    it('decodes a media type ending in +json', () => {
      const decoded = decodeResponse(response('{"title":"Bad"}', 'application/problem+json'), excerpt);

      expect(decoded).toEqual({ title: 'Bad' });
    });

    it('ignores parameters and case of the content type', () => {
      expect(decodeResponse(response('[1,2]', 'Application/JSON; charset=utf-8'), excerpt)).toEqual([1, 2]);
    });

    it('decodes a JSON scalar', () => {
      expect(decodeResponse(response('"ok"', 'application/json'), excerpt)).toBe('ok');
    });

    it('uses the first of repeated content types', () => {
      expect(decodeResponse(response('{"a":1}', ['application/json', 'text/plain']), excerpt)).toEqual({
        a: 1,
      });
    });
  });

  describe('malformed JSON', () => {
    it('fails with InvalidResponse', () => {
      const failure = decodeFailure(response('{"id":', 'application/json', 200));

      expect(failure.type).toBe(FailureType.InvalidResponse);
      expect(failure.message).toMatch(/^The API sent a malformed JSON body \(/);
    });

    it('carries the status and the excerpt', () => {
      const failure = decodeFailure(response('<html>oops</html>', 'application/json', 201));

      expect(failure.details.status).toBe(201);
      expect(failure.details.bodyExcerpt).toBe('excerpt:<html>oo');
    });
  });

  describe('text', () => {
    it.each([
      'text/plain',
      'text/html; charset=utf-8',
      'application/xml',
      'application/soap+xml',
      'application/x-www-form-urlencoded',
      'application/javascript',
    ])('decodes %s as a string', (contentType) => {
      expect(decodeResponse(response('héllo', contentType), excerpt)).toBe('héllo');
    });

    it('decodes a body without a content type as a string', () => {
      expect(decodeResponse(response('plain'), excerpt)).toBe('plain');
    });
  });

  describe('empty body', () => {
    it('decodes an empty body as null', () => {
      expect(decodeResponse(response('', 'text/plain'), excerpt)).toBeNull();
    });

    it('decodes an empty JSON body as null', () => {
      expect(decodeResponse(response('', 'application/json', 204), excerpt)).toBeNull();
    });
  });

  describe('binary', () => {
    it('returns the content type and base64 bytes', () => {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

      expect(decodeResponse(response(bytes, 'image/png'), excerpt)).toEqual({
        contentType: 'image/png',
        base64: bytes.toString('base64'),
      });
    });

    it('keeps the full content type with its parameters', () => {
      const decoded = decodeResponse(response('%PDF', 'application/pdf; name=a.pdf'), excerpt);

      expect(decoded).toEqual({ contentType: 'application/pdf; name=a.pdf', base64: 'JVBERg==' });
    });
  });
});
