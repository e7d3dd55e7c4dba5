import { describe, expect, it } from 'vitest';
import {
  formatInputProblems,
  type InputProblem,
  MAX_RETRIES,
  type ParsedActionInput,
  parseActionInput,
} from '../../../src/input/schema';

const VALID = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.signup',
};

function expectValid(parsed: ParsedActionInput) {
  if (!parsed.ok) throw new Error(`expected a valid input, got ${formatInputProblems(parsed.problems)}`);
  return parsed.value;
}

function expectProblems(parsed: ParsedActionInput): readonly InputProblem[] {
  if (parsed.ok) throw new Error('expected problems, got a valid input');
  return parsed.problems;
}

function paths(problems: readonly InputProblem[]): string[] {
  return problems.map((problem) => problem.path);
}

function problemAt(problems: readonly InputProblem[], path: string): InputProblem {
  const problem = problems.find((candidate) => candidate.path === path);
  if (problem === undefined) throw new Error(`no problem at '${path}' in ${JSON.stringify(problems)}`);
  return problem;
}

describe('parseActionInput', () => {
  describe('request parts', () => {
    it('accepts the documented example verbatim', () => {
      const value = expectValid(
        parseActionInput({
          ...VALID,
          input: {
            query: { userId: '123' },
            params: {},
            body: { email: 'user@example.com' },
            headers: { Authorization: '$Auth{token_access}{token}' },
          },
          retries: 3,
        }),
      );

      expect(value.input.query).toEqual({ userId: '123' });
      expect(value.input.body).toEqual({ email: 'user@example.com' });
      expect(value.input.headers).toEqual({ Authorization: '$Auth{token_access}{token}' });
      expect(value.retries).toBe(3);
    });

    it('turns a missing input into empty parts', () => {
      const value = expectValid(parseActionInput(VALID));

      expect(value.input).toEqual({ query: {}, params: {}, body: {}, headers: {} });
    });

    it('turns a null input into empty parts', () => {
      const value = expectValid(parseActionInput({ ...VALID, input: null }));

      expect(value.input).toEqual({ query: {}, params: {}, body: {}, headers: {} });
    });

    it('turns an empty input into empty parts', () => {
      const value = expectValid(parseActionInput({ ...VALID, input: {} }));

      expect(value.input).toEqual({ query: {}, params: {}, body: {}, headers: {} });
    });

    it.each(['query', 'params', 'body', 'headers'])('turns a null %s into {}', (part) => {
      const value = expectValid(parseActionInput({ ...VALID, input: { [part]: null } }));

      expect(value.input[part as keyof typeof value.input]).toEqual({});
    });

    it.each(['query', 'params', 'body', 'headers'])('turns a missing %s into {}', (part) => {
      const others = Object.fromEntries(
        ['query', 'params', 'body', 'headers']
          .filter((name) => name !== part)
          .map((name) => [name, { a: '1' }]),
      );
      const value = expectValid(parseActionInput({ ...VALID, input: others }));

      expect(value.input[part as keyof typeof value.input]).toEqual({});
    });

    it('keeps nested body values as given', () => {
      const body = { user: { email: 'a@example.com', tags: ['x', 'y'] }, count: 2, active: false };
      const value = expectValid(parseActionInput({ ...VALID, input: { body } }));

      expect(value.input.body).toEqual(body);
    });
  });

  describe('headers', () => {
    it('coerces number header values to strings', () => {
      const value = expectValid(parseActionInput({ ...VALID, input: { headers: { 'X-Count': 3 } } }));

      expect(value.input.headers).toEqual({ 'X-Count': '3' });
    });

    it('coerces boolean header values to strings', () => {
      const value = expectValid(parseActionInput({ ...VALID, input: { headers: { 'X-Debug': true } } }));

      expect(value.input.headers).toEqual({ 'X-Debug': 'true' });
    });

    it('rejects an object as a header value', () => {
      const problems = expectProblems(
        parseActionInput({ ...VALID, input: { headers: { 'X-Nested': { a: 1 } } } }),
      );

      expect(paths(problems)).toContain('input.headers.X-Nested');
    });
  });

  describe('tags', () => {
    it.each(['env', 'product_tag', 'app', 'event'])('requires %s', (field) => {
      const input: Record<string, unknown> = { ...VALID };
      delete input[field];
      const problems = expectProblems(parseActionInput(input));

      expect(problemAt(problems, field).message).toBe(`${field} is required`);
    });

    it.each(['env', 'product_tag', 'app', 'event'])('rejects an empty %s', (field) => {
      const problems = expectProblems(parseActionInput({ ...VALID, [field]: '' }));

      expect(problemAt(problems, field).message).toContain('must not be empty');
    });

    it.each(['env', 'product_tag', 'app', 'event'])('rejects a number as %s', (field) => {
      const problems = expectProblems(parseActionInput({ ...VALID, [field]: 42 }));

      expect(problemAt(problems, field).message).toBe(`${field} must be a string`);
    });

    it('rejects a tag with spaces or slashes', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, event: 'user/sign up' }));

      expect(problemAt(problems, 'event').message).toContain('must start with a letter or digit');
    });

    it('rejects a tag longer than 200 characters', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, app: 'a'.repeat(201) }));

      expect(problemAt(problems, 'app').message).toContain('at most 200 characters');
    });

    it('accepts dots, colons, dashes and underscores in tags', () => {
      const value = expectValid(parseActionInput({ ...VALID, event: 'v1:user_profile.get-all' }));

      expect(value.event).toBe('v1:user_profile.get-all');
    });
  });

  describe('retries', () => {
    it('leaves retries undefined when absent', () => {
      const value = expectValid(parseActionInput(VALID));

      expect(value.retries).toBeUndefined();
    });

    it('accepts 0', () => {
      expect(expectValid(parseActionInput({ ...VALID, retries: 0 })).retries).toBe(0);
    });

    it('accepts MAX_RETRIES', () => {
      expect(expectValid(parseActionInput({ ...VALID, retries: MAX_RETRIES })).retries).toBe(MAX_RETRIES);
    });

    it('rejects one more than MAX_RETRIES', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, retries: MAX_RETRIES + 1 }));

      expect(problemAt(problems, 'retries').message).toBe(`retries must be at most ${MAX_RETRIES}`);
    });

    it('rejects a negative number', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, retries: -1 }));

      expect(problemAt(problems, 'retries').message).toBe('retries must be 0 or more');
    });

    it('rejects a fraction', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, retries: 1.5 }));

      expect(problemAt(problems, 'retries').message).toBe('retries must be a whole number');
    });

    it('rejects a numeric string', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, retries: '3' }));

      expect(problemAt(problems, 'retries').message).toBe('retries must be a number');
    });

    it('rejects NaN', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, retries: Number.NaN }));

      expect(paths(problems)).toEqual(['retries']);
    });
  });

  describe('unknown keys', () => {
    it('rejects an unknown top-level key and names it', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, retry: 3 }));

      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe('(input)');
      expect(problems[0]?.message).toContain("unknown field 'retry'");
    });

    it('rejects an unknown request part and names it', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, input: { querry: {} } }));

      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe('input.querry');
      expect(problems[0]?.message).toContain("unknown field 'querry': did you mean input.query?");
    });

    it('lists every allowed field name in the message', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, extra: true }));
      const message = problems[0]?.message ?? '';

      for (const field of ['env', 'product_tag', 'app', 'event', 'input', 'retries', 'input.query']) {
        expect(message).toContain(field);
      }
    });
  });

  describe('request part types', () => {
    it('rejects a string as input.query', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, input: { query: 'userId=123' } }));

      expect(problemAt(problems, 'input.query').message).toBe(
        'input.query must be an object of field names to values',
      );
    });

    it('rejects an array as input.body', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, input: { body: [1, 2] } }));

      expect(paths(problems)).toContain('input.body');
    });

    it('rejects a string as input', () => {
      const problems = expectProblems(parseActionInput({ ...VALID, input: 'query' }));

      expect(paths(problems)).toEqual(['input']);
    });

    it('rejects a non-object input altogether', () => {
      const problems = expectProblems(parseActionInput('dev'));

      expect(paths(problems)).toEqual(['(input)']);
    });
  });

  describe('several problems', () => {
    it('lists every problem at once by field path', () => {
      const problems = expectProblems(
        parseActionInput({
          env: '',
          app: 7,
          event: 'bad event',
          input: { query: 'x', headers: { 'X-A': [] } },
          retries: 2.5,
          unknown: 1,
        }),
      );
      const found = paths(problems);

      expect(found).toContain('env');
      expect(found).toContain('product_tag');
      expect(found).toContain('app');
      expect(found).toContain('event');
      expect(found).toContain('input.query');
      expect(found).toContain('input.headers.X-A');
      expect(found).toContain('retries');
      expect(found).toContain('(input)');
    });
  });
});

describe('formatInputProblems', () => {
  it('writes one problem a line with its path', () => {
    const message = formatInputProblems([
      { path: 'env', message: 'env is required' },
      { path: 'retries', message: 'retries must be 0 or more' },
    ]);

    expect(message).toBe(
      'Invalid action input (2 problems):\n  - env: env is required\n  - retries: retries must be 0 or more',
    );
  });

  it('uses the singular for one problem', () => {
    const message = formatInputProblems([{ path: 'app', message: 'app is required' }]);

    expect(message.startsWith('Invalid action input (1 problem):\n')).toBe(true);
  });

  it('formats the problems of a parsed input', () => {
    const problems = expectProblems(parseActionInput({ ...VALID, retries: -1, env: undefined }));
    const message = formatInputProblems(problems);

    expect(message).toContain('  - env: env is required');
    expect(message).toContain('  - retries: retries must be 0 or more');
  });
});
