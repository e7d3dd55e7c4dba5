import { describe, expect, it } from 'vitest';
import { runDetails, runSearchAttributes, runSummary } from '../../../src/client/run-metadata';
import { buildWorkflowId, validateWorkflowId } from '../../../src/client/workflow-id';
import type { IActionProcessorInput } from '../../../src/input/schema';

const input: IActionProcessorInput = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.signup',
  input: { query: {}, params: {}, body: {}, headers: { Authorization: 'Bearer sk_live_literal' } },
};

describe('run metadata', () => {
  it('sets one Keyword search attribute per tag', () => {
    const pairs = runSearchAttributes(input).map(({ key, value }) => [key.name, key.type, value]);

    expect(pairs).toEqual([
      ['DuctapeProduct', 'KEYWORD', 'my-product'],
      ['DuctapeApp', 'KEYWORD', 'payments'],
      ['DuctapeEvent', 'KEYWORD', 'user.signup'],
      ['DuctapeEnv', 'KEYWORD', 'dev'],
    ]);
  });

  it('summarises the run on one line', () => {
    expect(runSummary(input)).toBe('payments/user.signup (dev, my-product)');
  });

  it('details the run in Markdown', () => {
    expect(runDetails({ ...input, retries: 2 })).toBe(
      [
        '- **Action:** `user.signup` of access tag `payments`',
        '- **Product:** `my-product`, environment `dev`',
        '- **Retries:** 2, so at most 3 attempts',
      ].join('\n'),
    );
    expect(runDetails(input)).toContain('- **Retries:** 0, so at most 1 attempt');
  });

  it('leaves input values out of summary and details', () => {
    expect(runSummary(input)).not.toContain('sk_live_literal');
    expect(runDetails(input)).not.toContain('sk_live_literal');
  });
});

describe('workflow IDs', () => {
  it('builds readable, unique IDs', () => {
    const first = buildWorkflowId(input);
    const second = buildWorkflowId(input);

    expect(first).toMatch(/^action:my-product:payments:user\.signup:dev:[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it('keeps a caller ID unchanged', () => {
    expect(validateWorkflowId('order-42')).toBe('order-42');
  });

  it.each(['', '   '])('rejects the ID %j', (workflowId) => {
    expect(() => validateWorkflowId(workflowId)).toThrow('options.workflowId must be a non-empty string');
  });
});
