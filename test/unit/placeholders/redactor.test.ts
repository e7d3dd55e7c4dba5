import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../src/placeholders/redactor';

describe('Redactor', () => {
  describe('redact', () => {
    it('returns text unchanged when nothing is sensitive', () => {
      expect(new Redactor().redact('Bearer abc')).toBe('Bearer abc');
    });

    it('hides every occurrence of a value', () => {
      const redactor = new Redactor();
      redactor.add('sk_live_1');

      expect(redactor.redact('a sk_live_1 b sk_live_1')).toBe(`a ${REDACTED} b ${REDACTED}`);
    });

    it('hides every added value', () => {
      const redactor = new Redactor();
      redactor.add('first-secret');
      redactor.add('second-secret');
      redactor.add('third-secret');

      const text = redactor.redact('first-secret, second-secret and third-secret');

      expect(text).toBe(`${REDACTED}, ${REDACTED} and ${REDACTED}`);
    });

    it('hides a value that contains another one whole', () => {
      const redactor = new Redactor();
      redactor.add('sk_live_1');
      redactor.add('Bearer sk_live_1');

      expect(redactor.redact('Authorization: Bearer sk_live_1')).toBe(`Authorization: ${REDACTED}`);
    });

    it('hides the contained value on its own too', () => {
      const redactor = new Redactor();
      redactor.add('Bearer sk_live_1');
      redactor.add('sk_live_1');

      expect(redactor.redact('token sk_live_1')).toBe(`token ${REDACTED}`);
    });

    it('hides numbers and booleans by their text', () => {
      const redactor = new Redactor();
      redactor.add(987654);
      redactor.add(true);

      expect(redactor.redact('pin 987654 flag true')).toBe(`pin ${REDACTED} flag ${REDACTED}`);
    });
  });

  describe('add', () => {
    it('ignores empty strings', () => {
      const redactor = new Redactor();
      redactor.add('');

      expect(redactor.redact('text')).toBe('text');
    });

    it('ignores null, undefined and objects', () => {
      const redactor = new Redactor();
      redactor.add(null);
      redactor.add(undefined);
      redactor.add({ token: 'abc' });

      expect(redactor.redact('abc null undefined [object Object]')).toBe(
        'abc null undefined [object Object]',
      );
    });
  });
});
