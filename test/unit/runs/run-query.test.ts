import { describe, expect, it } from 'vitest';
import { buildRunsQuery, parseRunStatus } from '../../../src/runs/run-query';

describe('buildRunsQuery', () => {
  it('lists every action run without filters', () => {
    expect(buildRunsQuery({})).toBe('WorkflowType = "processActionWorkflow"');
  });

  it('adds one condition per filter', () => {
    const query = buildRunsQuery({
      product: 'my-product',
      app: 'payments',
      event: 'user.signup',
      env: 'dev',
      status: 'Failed',
    });

    expect(query).toBe(
      'WorkflowType = "processActionWorkflow" AND DuctapeProduct = "my-product" AND DuctapeApp = "payments" ' +
        'AND DuctapeEvent = "user.signup" AND DuctapeEnv = "dev" AND ExecutionStatus = "Failed"',
    );
  });

  it('escapes quotes and backslashes in values', () => {
    expect(buildRunsQuery({ product: 'a"b\\c' })).toContain('DuctapeProduct = "a\\"b\\\\c"');
  });
});

describe('parseRunStatus', () => {
  it.each([
    ['failed', 'Failed'],
    ['RUNNING', 'Running'],
    ['TIMED_OUT', 'TimedOut'],
    ['timed-out', 'TimedOut'],
    ['cancelled', 'Canceled'],
    ['Canceled', 'Canceled'],
    ['continuedasnew', 'ContinuedAsNew'],
  ])('reads %s as %s', (text, status) => {
    expect(parseRunStatus(text)).toBe(status);
  });

  it('rejects an unknown status, listing the accepted ones', () => {
    expect(() => parseRunStatus('broken')).toThrow(
      "Unknown status 'broken': use one of Running, Completed, Failed, Canceled, Terminated, TimedOut, ContinuedAsNew.",
    );
  });
});
