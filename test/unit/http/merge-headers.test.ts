import { describe, expect, it } from 'vitest';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { findHeader, mergeHeaders } from '../../../src/http/merge-headers';

function mergeFailure(...sets: Record<string, unknown>[]): ActionFailure {
  try {
    mergeHeaders(...sets);
  } catch (error) {
    if (error instanceof ActionFailure) return error;
    throw error;
  }
  throw new Error('expected the headers to be rejected');
}

describe('mergeHeaders', () => {
  describe('precedence', () => {
    it('lets a later set win', () => {
      expect(mergeHeaders({ Accept: 'text/plain' }, { Accept: 'application/json' })).toEqual({
        Accept: 'application/json',
      });
    });

    it('matches names regardless of case', () => {
      const merged = mergeHeaders({ 'content-type': 'text/plain' }, { 'Content-Type': 'application/json' });

      expect(merged).toEqual({ 'Content-Type': 'application/json' });
    });

    it('keeps the spelling of the winning set', () => {
      const merged = mergeHeaders({ 'X-Api-Key': 'a' }, { 'x-api-key': 'b' });

      expect(Object.keys(merged)).toEqual(['x-api-key']);
    });

    it('lets the last of three sets win', () => {
      const merged = mergeHeaders({ 'X-Source': 'app' }, { 'x-source': 'action' }, { 'X-SOURCE': 'input' });

      expect(merged).toEqual({ 'X-SOURCE': 'input' });
    });

    it('keeps headers that only one set has', () => {
      const merged = mergeHeaders({ Accept: 'application/json' }, { Authorization: 'Bearer t' });

      expect(merged).toEqual({ Accept: 'application/json', Authorization: 'Bearer t' });
    });

    it('skips null and undefined so an earlier value stays', () => {
      const merged = mergeHeaders({ Accept: 'application/json' }, { Accept: null, 'X-A': undefined });

      expect(merged).toEqual({ Accept: 'application/json' });
    });

    it('returns an empty object for no sets', () => {
      expect(mergeHeaders()).toEqual({});
    });
  });

  describe('values', () => {
    it('writes numbers and booleans as text', () => {
      expect(mergeHeaders({ 'X-Count': 3, 'X-Debug': true })).toEqual({ 'X-Count': '3', 'X-Debug': 'true' });
    });

    it('writes objects as JSON', () => {
      expect(mergeHeaders({ 'X-Meta': { a: 1 } })).toEqual({ 'X-Meta': '{"a":1}' });
    });
  });

  describe('validation', () => {
    it.each([
      ['CR', 'a\rb'],
      ['LF', 'a\nb'],
      ['CRLF', 'a\r\nX-Injected: 1'],
      ['NUL', 'a\0b'],
    ])('rejects a value with %s', (_, value) => {
      const failure = mergeFailure({ 'X-Note': value });

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toContain("Invalid value of header 'X-Note'");
    });

    it('keeps the rejected value out of the message', () => {
      const failure = mergeFailure({ 'X-Note': 'token-123\r\n' });

      expect(failure.message).not.toContain('token-123');
    });

    it.each([
      ['a space', 'X Note'],
      ['a colon', 'X-Note:'],
      ['a line break', 'X-Note\r\nX-Injected'],
      ['an empty name', ''],
    ])('rejects a name with %s', (_, name) => {
      const failure = mergeFailure({ [name]: 'v' });

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toContain('Invalid header name');
    });

    it('writes no line break of a rejected name into the message', () => {
      const failure = mergeFailure({ 'X-Note\r\nX-Injected': 'v' });

      expect(failure.message).not.toMatch(/[\r\n]/);
    });

    it('accepts every token character in a name', () => {
      const name = "!#$%&'*+-.^_`|~09AZaz";

      expect(mergeHeaders({ [name]: 'v' })).toEqual({ [name]: 'v' });
    });
  });
});

describe('findHeader', () => {
  it('finds a header regardless of case', () => {
    expect(findHeader({ 'Content-Type': 'application/json' }, 'content-type')).toBe('application/json');
  });

  it('returns undefined for a missing header', () => {
    expect(findHeader({ Accept: 'text/plain' }, 'Authorization')).toBeUndefined();
  });
});
