import { describe, expect, it } from 'vitest';
import { actionSchema } from '../../../src/config/schema';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { checkActionSchema, type ResolvedParts } from '../../../src/input/check-action-schema';

const action = actionSchema.parse({
  tag: 'user.signup',
  method: 'POST',
  resource: '/v1/users/{userId}',
  schema: {
    params: { userId: { type: 'string', required: true } },
    query: { page: { type: 'integer' }, tags: { type: 'array' } },
    headers: { 'X-Tenant': { type: 'string', required: true } },
    body: {
      email: { type: 'string', required: true },
      age: { type: 'number' },
      marketing: { type: 'boolean' },
      address: { type: 'object' },
    },
  },
});

const valid: ResolvedParts = {
  params: { userId: 'u1' },
  query: { page: 2, tags: ['a'] },
  headers: { 'x-tenant': 't1' },
  body: { email: 'a@example.com', age: 31.5, marketing: false, address: { city: 'Lagos' } },
};

function problems(parts: ResolvedParts): { path: string; message: string }[] {
  try {
    checkActionSchema(action, parts);
  } catch (error) {
    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as ActionFailure).type).toBe(FailureType.InvalidInput);
    return [...((error as ActionFailure).details.problems ?? [])];
  }
  return [];
}

describe('checkActionSchema', () => {
  it('accepts parts that match the schema', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('accepts a missing optional field', () => {
    expect(problems({ ...valid, body: { email: 'a@example.com' } })).toEqual([]);
  });

  it('matches header names without case', () => {
    expect(problems({ ...valid, headers: { 'X-TENANT': 't1' } })).toEqual([]);
  });

  it('reports every missing required field', () => {
    const found = problems({ params: {}, query: {}, headers: {}, body: { email: '' } });

    expect(found.map((problem) => problem.path)).toEqual([
      'input.params.userId',
      'input.headers.X-Tenant',
      'input.body.email',
    ]);
    expect(found[0]?.message).toContain('is required');
  });

  it('reports each field of the wrong type', () => {
    const found = problems({
      ...valid,
      query: { page: 2.5, tags: 'a' },
      body: { email: 42, age: 'old', marketing: 'yes', address: ['x'] },
    });

    expect(found).toEqual([
      { path: 'input.query.page', message: 'must be an integer, not a number' },
      { path: 'input.query.tags', message: 'must be an array, not a string' },
      { path: 'input.body.email', message: 'must be a string, not a number' },
      { path: 'input.body.age', message: 'must be a number, not a string' },
      { path: 'input.body.marketing', message: 'must be a boolean, not a string' },
      { path: 'input.body.address', message: 'must be an object, not an array' },
    ]);
  });

  it('names fields but never their values', () => {
    try {
      checkActionSchema(action, { ...valid, body: { email: 12345678 } });
      expect.unreachable('checkActionSchema accepted a number for a string field');
    } catch (error) {
      expect((error as Error).message).toContain('input.body.email');
      expect((error as Error).message).not.toContain('12345678');
    }
  });

  it('accepts anything without a schema', () => {
    const bare = actionSchema.parse({ tag: 'ping', method: 'GET', resource: '/ping' });

    expect(() => checkActionSchema(bare, { params: {}, query: {}, headers: {}, body: {} })).not.toThrow();
  });
});
