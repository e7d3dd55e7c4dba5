import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ductapeSearchAttributeKeys } from '../../src/search-attributes';
import { TEMPORAL_CLI_VERSION } from '../../src/temporal-cli';
import { createTestEnvironment } from '../support/temporal-env';

/** `INDEXED_VALUE_TYPE_KEYWORD` of `temporal.api.enums.v1.IndexedValueType` in the Temporal API protos. */
const INDEXED_VALUE_TYPE_KEYWORD = 2;

describe('Temporal dev server harness', () => {
  let testEnv: TestWorkflowEnvironment;

  beforeAll(async () => {
    testEnv = await createTestEnvironment();
  });

  afterAll(async () => {
    await testEnv?.teardown();
  });

  it('serves the pinned server release', async () => {
    const systemInfo = await testEnv.connection.workflowService.getSystemInfo({});

    // CLI 1.5.1 embeds Temporal Server 1.29.1.
    expect(TEMPORAL_CLI_VERSION).toBe('1.5.1');
    expect(systemInfo.serverVersion).toBe('1.29.1');
  });

  it('registers Ductape search attributes as Keyword', async () => {
    const response = await testEnv.connection.operatorService.listSearchAttributes({
      namespace: testEnv.namespace ?? 'default',
    });

    for (const key of ductapeSearchAttributeKeys) {
      expect(response.customAttributes[key.name], key.name).toBe(INDEXED_VALUE_TYPE_KEYWORD);
    }
  });
});
