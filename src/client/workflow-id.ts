import { randomUUID } from 'node:crypto';
import { FailureType } from '../failures/failure-types';
import type { IActionProcessorInput } from '../input/schema';
import { ActionError } from './action-error';

/**
 * Builds a workflow ID that a person can read and search for in the Web UI:
 * `action:<product>:<access tag>:<event>:<env>:<unique part>`. With an idempotency key the unique
 * part is `key:<key>`, so the same key always gives the same ID, and otherwise it is a random UUID.
 * Tags may contain ':' too, so the ID is for reading and prefix searches, and exact filters belong to
 * the search attributes.
 */
export function buildWorkflowId(input: IActionProcessorInput, idempotencyKey?: string): string {
  const unique = idempotencyKey === undefined ? randomUUID() : `key:${idempotencyKey}`;
  return ['action', input.product_tag, input.app, input.event, input.env, unique].join(':');
}

/**
 * Checks a workflow ID chosen by the caller and returns it unchanged.
 *
 * @throws ActionError of type InvalidInput when the ID is empty or only whitespace.
 */
export function validateWorkflowId(workflowId: string): string {
  if (typeof workflowId === 'string' && workflowId.trim() !== '') return workflowId;

  const message =
    'options.workflowId must be a non-empty string: pass an ID, or leave it out to get a generated one';
  throw new ActionError(FailureType.InvalidInput, message, {
    type: FailureType.InvalidInput,
    problems: [{ path: 'options.workflowId', message }],
  });
}
