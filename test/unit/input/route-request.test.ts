import { describe, expect, it } from 'vitest';
import { actionSchema } from '../../../src/config/schema';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { routeRequest } from '../../../src/input/route-request';
import { parseActionInput } from '../../../src/input/schema';

const ACTION = actionSchema.parse({
  tag: 'charge.create',
  method: 'POST',
  resource: '/v1/users/:userId/charges',
  query: { expand: 'customer' },
  schema: {
    body: { amount: { type: 'integer' }, currency: { type: 'string' }, id: { type: 'string' } },
    query: { id: { type: 'string' } },
    headers: { 'Idempotency-Key': { type: 'string' } },
  },
});

function routeFailure(request: Record<string, unknown>): ActionFailure {
  try {
    routeRequest(request, ACTION);
  } catch (error) {
    if (error instanceof ActionFailure) return error;
    throw error;
  }
  throw new Error('expected routing to fail');
}

describe('routeRequest', () => {
  it('routes flat keys by the declared schema, defaults and path', () => {
    const parts = routeRequest(
      { userId: 'usr_1', amount: 500, currency: 'usd', expand: 'invoice', 'idempotency-key': 'k-1' },
      ACTION,
    );

    expect(parts).toEqual({
      params: { userId: 'usr_1' },
      body: { amount: 500, currency: 'usd' },
      query: { expand: 'invoice' },
      headers: { 'idempotency-key': 'k-1' },
    });
  });

  it('routes prefixed keys to their part', () => {
    const parts = routeRequest(
      { userId: 'u', 'query:id': 'q-1', 'body:id': 'b-1', 'body:note': 'x' },
      ACTION,
    );

    expect(parts.query).toEqual({ id: 'q-1' });
    expect(parts.body).toEqual({ id: 'b-1', note: 'x' });
  });

  it('turns prefixed header values into strings', () => {
    expect(routeRequest({ 'headers:X-Count': 3 }, ACTION).headers).toEqual({ 'X-Count': '3' });
  });

  it('returns a structured request as it is', () => {
    const structured = { query: { a: 1 }, params: {}, body: {}, headers: {} };

    expect(routeRequest(structured, ACTION)).toBe(structured);
  });

  it('names a key declared in two parts and the prefixes that settle it', () => {
    const failure = routeFailure({ id: 'x' });

    expect(failure.type).toBe(FailureType.InvalidInput);
    expect(failure.details.problems).toEqual([
      {
        path: 'input.id',
        message:
          "'id' is declared in query and body of action 'charge.create': write 'query:id' or 'body:id'",
      },
    ]);
  });

  it('names a key that fits no part, with the declared fields', () => {
    const failure = routeFailure({ colour: 'red' });

    expect(failure.details.problems?.[0]?.message).toBe(
      "'colour' fits no part of action 'charge.create' (declared query: id, expand; params: userId; body: amount, currency, id; headers: idempotency-key): prefix it, as in 'body:colour', to send it anyway",
    );
  });

  it('rejects a field given both bare and prefixed', () => {
    const failure = routeFailure({ amount: 1, 'body:amount': 2 });

    expect(failure.details.problems?.[0]).toEqual({
      path: 'input.body:amount',
      message: "body.amount is given twice: keep one of 'amount' and 'body:amount'",
    });
  });

  it('lists every problem at once', () => {
    const failure = routeFailure({ id: 'x', colour: 'red', shade: 'dark' });

    expect(failure.details.problems?.map((problem) => problem.path)).toEqual([
      'input.id',
      'input.colour',
      'input.shade',
    ]);
  });
});

describe('flat input validation', () => {
  const base = { env: 'dev', product_tag: 'my-product', app: 'payments', event: 'charge.create' };

  it('keeps a flat input as it is', () => {
    const parsed = parseActionInput({ ...base, input: { userId: 'u', 'body:note': 'x' } });

    expect(parsed.ok && parsed.value.input).toEqual({ userId: 'u', 'body:note': 'x' });
  });

  it('rejects a prefix without a field name', () => {
    const parsed = parseActionInput({ ...base, input: { 'body:': 1 } });

    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: 'input.body:', message: "'body:' has no field name after its prefix: write body:<name>" },
    ]);
  });

  it('rejects an object as a prefixed header value', () => {
    const parsed = parseActionInput({ ...base, input: { 'headers:X-A': { a: 1 } } });

    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: 'input.headers:X-A', message: 'a header value must be a string, number or boolean' },
    ]);
  });

  it('still applies the strict structured schema when a part is present', () => {
    const parsed = parseActionInput({ ...base, input: { body: {}, amount: 5 } });

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problems[0]?.message).toContain("unknown field 'amount'");
  });
});
