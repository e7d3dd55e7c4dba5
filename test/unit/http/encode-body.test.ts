import { describe, expect, it } from 'vitest';
import type { RequestType } from '../../../src/config/schema';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { encodeBody } from '../../../src/http/encode-body';

describe('encodeBody', () => {
  describe('methods without a body', () => {
    it.each(['GET', 'HEAD'])('sends no body with %s', (method) => {
      expect(encodeBody(method, 'JSON', { email: 'user@example.com' })).toBeUndefined();
    });

    it('sends no body with GET even for an unsupported request type', () => {
      expect(encodeBody('GET', 'XML', { a: 1 })).toBeUndefined();
    });
  });

  describe('JSON', () => {
    it('encodes the body as JSON', () => {
      const encoded = encodeBody('POST', 'JSON', { email: 'user@example.com', tags: ['a'], n: 1 });

      expect(encoded?.body).toBe('{"email":"user@example.com","tags":["a"],"n":1}');
      expect(encoded?.contentType).toBe('application/json');
    });

    it('encodes an empty body as {}', () => {
      expect(encodeBody('POST', 'JSON', {})?.body).toBe('{}');
    });

    it.each(['PUT', 'PATCH', 'DELETE', 'OPTIONS'])('sends a body with %s', (method) => {
      expect(encodeBody(method, 'JSON', { a: 1 })?.body).toBe('{"a":1}');
    });
  });

  describe('URLENCODED', () => {
    it('encodes fields as a form', () => {
      const encoded = encodeBody('POST', 'URLENCODED', { email: 'user@example.com', plan: 'free plan' });

      expect(encoded?.body).toBe('email=user%40example.com&plan=free+plan');
      expect(encoded?.contentType).toBe('application/x-www-form-urlencoded');
    });

    it('writes arrays as repeated keys', () => {
      expect(encodeBody('POST', 'URLENCODED', { id: [1, 2] })?.body).toBe('id=1&id=2');
    });

    it('writes nested objects in bracket notation', () => {
      expect(encodeBody('POST', 'URLENCODED', { card: { number: '4242' } })?.body).toBe(
        'card%5Bnumber%5D=4242',
      );
    });

    it('leaves out null values', () => {
      expect(encodeBody('POST', 'URLENCODED', { a: null, b: 'x' })?.body).toBe('b=x');
    });
  });

  describe('FORMDATA', () => {
    it('writes text fields and a file part between one boundary', () => {
      const encoded = encodeBody('POST', 'FORMDATA', {
        title: 'Q3 report',
        tags: ['a', 'b'],
        file: {
          filename: 'r.txt',
          contentType: 'text/plain',
          base64: Buffer.from('hi\n').toString('base64'),
        },
      });
      const boundary = encoded?.contentType.replace('multipart/form-data; boundary=', '') ?? '';

      expect(boundary).toMatch(/^----DuctapeFormBoundary[0-9a-f]{24}$/);
      expect(encoded?.body.toString()).toBe(
        [
          `--${boundary}`,
          'Content-Disposition: form-data; name="title"',
          '',
          'Q3 report',
          `--${boundary}`,
          'Content-Disposition: form-data; name="tags"',
          '',
          'a',
          `--${boundary}`,
          'Content-Disposition: form-data; name="tags"',
          '',
          'b',
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="r.txt"',
          'Content-Type: text/plain',
          '',
          'hi\n',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      );
    });

    it('gives a file part without a content type application/octet-stream', () => {
      const encoded = encodeBody('POST', 'FORMDATA', { f: { filename: 'x.bin', base64: 'AAE=' } });

      expect(encoded?.body.toString('latin1')).toContain(
        'filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u0001\r\n',
      );
    });

    it('escapes quotes and line breaks in names so they cannot add headers', () => {
      const encoded = encodeBody('POST', 'FORMDATA', { 'a"\r\nX-Evil: 1': 'v' });

      expect(encoded?.body.toString()).toContain('name="a%22%0D%0AX-Evil: 1"');
    });

    it('writes nested objects in bracket notation', () => {
      const encoded = encodeBody('POST', 'FORMDATA', { card: { number: '4242' } });

      expect(encoded?.body.toString()).toContain('name="card[number]"\r\n\r\n4242\r\n');
    });

    it('rejects a file part whose base64 is not base64', () => {
      const failure = encodeFailure('FORMDATA', { doc: { filename: 'a.pdf', base64: 'not base64!' } });

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toContain("File part 'doc' (a.pdf): base64 must hold standard base64");
    });
  });

  describe('XML, SOAP and TEXT', () => {
    it.each([
      ['XML', 'application/xml; charset=utf-8'],
      ['SOAP', 'text/xml; charset=utf-8'],
      ['TEXT', 'text/plain; charset=utf-8'],
    ] as const)('sends body.raw of %s as it is, typed %s', (type, contentType) => {
      const encoded = encodeBody('POST', type, { raw: '<a>é & b</a>' });

      expect(encoded?.body).toBe('<a>é & b</a>');
      expect(encoded?.contentType).toBe(contentType);
    });

    it('sends an empty body when body.raw is missing', () => {
      expect(encodeBody('POST', 'XML', {})?.body).toBe('');
    });

    it('rejects other body fields, which would be lost', () => {
      const failure = encodeFailure('SOAP', { raw: '<a/>', city: 'Lagos' });

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toContain("body fields 'city' would be lost");
    });

    it('rejects a body.raw that is not a string', () => {
      const failure = encodeFailure('TEXT', { raw: { a: 1 } });

      expect(failure.message).toContain('needs body.raw to be a string, got object');
    });
  });
});

function encodeFailure(type: RequestType, body: Record<string, unknown>): ActionFailure {
  try {
    encodeBody('POST', type, body);
  } catch (error) {
    if (error instanceof ActionFailure) return error;
    throw error;
  }
  throw new Error(`expected ${type} encoding to fail`);
}
