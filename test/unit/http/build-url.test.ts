import { describe, expect, it } from 'vitest';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { appendQuery, buildUrl } from '../../../src/http/build-url';

const BASE = 'https://api.example.com';

function buildFailure(resource: string, params: Record<string, unknown>): ActionFailure {
  try {
    buildUrl(BASE, resource, params, {});
  } catch (error) {
    if (error instanceof ActionFailure) return error;
    throw error;
  }
  throw new Error(`expected ${resource} not to build`);
}

function queryOf(query: Record<string, unknown>): [string, string][] {
  const search = new URLSearchParams();
  appendQuery(search, query);
  return [...search.entries()];
}

describe('buildUrl', () => {
  describe('path parameters', () => {
    it('replaces a braced parameter', () => {
      expect(buildUrl(BASE, '/v1/users/{userId}', { userId: '123' }, {}).href).toBe(`${BASE}/v1/users/123`);
    });

    it('replaces a colon parameter', () => {
      expect(buildUrl(BASE, '/v1/users/:userId', { userId: '123' }, {}).href).toBe(`${BASE}/v1/users/123`);
    });

    it('replaces every occurrence of a braced parameter', () => {
      const url = buildUrl(BASE, '/v1/{id}/copies/{id}', { id: 'a1' }, {});

      expect(url.pathname).toBe('/v1/a1/copies/a1');
    });

    it('replaces every occurrence of a colon parameter', () => {
      const url = buildUrl(BASE, '/v1/:id/copies/:id', { id: 'a1' }, {});

      expect(url.pathname).toBe('/v1/a1/copies/a1');
    });

    it('replaces both forms in one resource', () => {
      const url = buildUrl(
        BASE,
        '/v1/users/:userId/charges/{chargeId}',
        { userId: 'u1', chargeId: 'c2' },
        {},
      );

      expect(url.pathname).toBe('/v1/users/u1/charges/c2');
    });

    it('leaves a colon inside a segment alone', () => {
      const url = buildUrl(BASE, '/v1/files:batchGet', {}, {});

      expect(url.pathname).toBe('/v1/files:batchGet');
    });

    it('writes numbers and booleans as text', () => {
      const url = buildUrl(BASE, '/v1/pages/:page/:draft', { page: 2, draft: false }, {});

      expect(url.pathname).toBe('/v1/pages/2/false');
    });

    it('ignores parameters the resource does not use', () => {
      const url = buildUrl(BASE, '/v1/users', { userId: '123' }, {});

      expect(url.href).toBe(`${BASE}/v1/users`);
    });
  });

  describe('encoding', () => {
    it('encodes a slash so it stays one segment', () => {
      const url = buildUrl(BASE, '/v1/users/:id/profile', { id: 'a/b' }, {});

      expect(url.pathname).toBe('/v1/users/a%2Fb/profile');
    });

    it('keeps ../ inside its segment', () => {
      const url = buildUrl(BASE, '/v1/users/:id/profile', { id: '../admin' }, {});

      expect(url.pathname).toBe('/v1/users/..%2Fadmin/profile');
    });

    it.each(['.', '..'])('rejects %s as a whole segment', (value) => {
      const failure = buildFailure('/v1/users/:id/profile', { id: value });

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toBe(
        `Invalid path parameter 'id': '${value}' would change the request path. Use another value.`,
      );
    });

    it('keeps three dots as a segment', () => {
      const url = buildUrl(BASE, '/v1/users/{id}/profile', { id: '...' }, {});

      expect(url.pathname).toBe('/v1/users/.../profile');
    });

    it('keeps an encoded dot segment inside its segment', () => {
      const url = buildUrl(BASE, '/v1/users/{id}/profile', { id: '%2E%2E' }, {});

      expect(url.pathname).toBe('/v1/users/%252E%252E/profile');
    });

    it('encodes a question mark instead of starting a query', () => {
      const url = buildUrl(BASE, '/v1/search/:term', { term: 'a?admin=true' }, {});

      expect(url.pathname).toBe('/v1/search/a%3Fadmin%3Dtrue');
      expect(url.search).toBe('');
    });

    it('encodes a hash instead of starting a fragment', () => {
      const url = buildUrl(BASE, '/v1/tags/{tag}', { tag: 'c#' }, {});

      expect(url.pathname).toBe('/v1/tags/c%23');
      expect(url.hash).toBe('');
    });

    it('encodes spaces and non-ASCII characters', () => {
      const url = buildUrl(BASE, '/v1/cities/{name}', { name: 'São Paulo' }, {});

      expect(url.pathname).toBe('/v1/cities/S%C3%A3o%20Paulo');
    });
  });

  describe('missing parameters', () => {
    it.each([
      ['absent', {}],
      ['undefined', { userId: undefined }],
      ['null', { userId: null }],
      ['empty', { userId: '' }],
    ])('fails with InvalidInput when the value is %s', (_, params) => {
      const failure = buildFailure('/v1/users/:userId', params);

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toContain("Missing path parameter 'userId'");
      expect(failure.message).toContain('set input.params.userId');
    });

    it('names a missing braced parameter', () => {
      const failure = buildFailure('/v1/users/{userId}/charges/{chargeId}', { userId: 'u1' });

      expect(failure.message).toContain("Missing path parameter 'chargeId'");
    });

    it('rejects an object as a parameter value', () => {
      const failure = buildFailure('/v1/users/:userId', { userId: { id: 1 } });

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toBe("Path parameter 'userId' must be a string, number or boolean.");
    });
  });

  describe('base URL', () => {
    it('joins a base URL that ends with a slash', () => {
      expect(buildUrl(`${BASE}/`, '/v1/users', {}, {}).href).toBe(`${BASE}/v1/users`);
    });

    it('keeps the path of the base URL', () => {
      expect(buildUrl(`${BASE}/api/v2`, '/users', {}, {}).href).toBe(`${BASE}/api/v2/users`);
    });

    it('keeps the port of the base URL', () => {
      expect(buildUrl('http://127.0.0.1:4010', '/v1', {}, {}).href).toBe('http://127.0.0.1:4010/v1');
    });
  });

  describe('query', () => {
    it('appends the query to the URL', () => {
      const url = buildUrl(BASE, '/v1/users', {}, { userId: '123', page: 2 });

      expect(url.search).toBe('?userId=123&page=2');
    });

    it('encodes reserved characters in query values', () => {
      const url = buildUrl(BASE, '/v1/search', {}, { q: 'a&b=c#d' });

      expect(url.searchParams.get('q')).toBe('a&b=c#d');
      expect(url.hash).toBe('');
    });
  });
});

describe('appendQuery', () => {
  it('writes arrays as repeated keys', () => {
    expect(queryOf({ id: ['1', '2', '3'] })).toEqual([
      ['id', '1'],
      ['id', '2'],
      ['id', '3'],
    ]);
  });

  it('writes nested objects in bracket notation', () => {
    expect(queryOf({ filter: { status: 'open', owner: { id: 7 } } })).toEqual([
      ['filter[status]', 'open'],
      ['filter[owner][id]', '7'],
    ]);
  });

  it('writes objects inside arrays with empty brackets', () => {
    expect(queryOf({ items: [{ id: 1 }, { id: 2 }] })).toEqual([
      ['items[][id]', '1'],
      ['items[][id]', '2'],
    ]);
  });

  it('skips null and undefined values', () => {
    expect(queryOf({ a: null, b: undefined, c: 'kept' })).toEqual([['c', 'kept']]);
  });

  it('skips null items of an array', () => {
    expect(queryOf({ id: ['1', null, undefined, '2'] })).toEqual([
      ['id', '1'],
      ['id', '2'],
    ]);
  });

  it('writes numbers, booleans and empty strings as text', () => {
    expect(queryOf({ n: 0, b: false, s: '' })).toEqual([
      ['n', '0'],
      ['b', 'false'],
      ['s', ''],
    ]);
  });

  it('adds to what is already there', () => {
    const search = new URLSearchParams('id=0');
    appendQuery(search, { id: '1' });

    expect(search.getAll('id')).toEqual(['0', '1']);
  });
});
