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

  describe('unsupported request types', () => {
    it.each<RequestType>(['FORMDATA', 'XML', 'SOAP', 'TEXT'])(
      'rejects %s as InvalidConfiguration',
      (type) => {
        let failure: unknown;
        try {
          encodeBody('POST', type, { a: 1 });
        } catch (error) {
          failure = error;
        }

        expect(failure).toBeInstanceOf(ActionFailure);
        expect((failure as ActionFailure).type).toBe(FailureType.InvalidConfiguration);
        expect((failure as ActionFailure).message).toContain(`Request type ${type} is not supported yet`);
      },
    );
  });
});
