import { ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  isUnregisteredSearchAttributeError,
  registerSearchAttributesCommand,
} from '../../../src/client/search-attribute-rejection';

/** Builds a gRPC error as `@grpc/grpc-js` raises it: an Error with a status code and details. */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

describe('isUnregisteredSearchAttributeError', () => {
  it.each([
    'Namespace default has no mapping defined for search attribute DuctapeProduct',
    "invalid query: invalid expression: column name 'DuctapeEnv' is not a valid search attribute",
  ])('recognises %j', (details) => {
    const error = new ServiceError('Failed to start Workflow', { cause: grpcError(3, details) });

    expect(isUnregisteredSearchAttributeError(error)).toBe(true);
  });

  it('ignores other invalid arguments', () => {
    const error = new ServiceError('Failed to start Workflow', {
      cause: grpcError(3, 'WorkflowId is not set'),
    });

    expect(isUnregisteredSearchAttributeError(error)).toBe(false);
  });

  it('ignores other status codes', () => {
    const error = new ServiceError('Failed', { cause: grpcError(14, 'search attribute store unavailable') });

    expect(isUnregisteredSearchAttributeError(error)).toBe(false);
  });

  it('ignores plain errors', () => {
    expect(isUnregisteredSearchAttributeError(new Error('search attribute'))).toBe(false);
  });
});

describe('registerSearchAttributesCommand', () => {
  it('registers all four as Keyword in one command', () => {
    expect(registerSearchAttributesCommand('payments-prod')).toBe(
      'temporal operator search-attribute create --namespace payments-prod ' +
        '--name DuctapeProduct --type Keyword --name DuctapeApp --type Keyword ' +
        '--name DuctapeEvent --type Keyword --name DuctapeEnv --type Keyword',
    );
  });
});
