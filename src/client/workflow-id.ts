import { randomUUID } from 'node:crypto';
import type { IActionProcessorInput } from '../input/schema';

/**
 * Builds a workflow ID that a person can read and search for in the Web UI:
 * `action:<product>:<access tag>:<event>:<env>:<unique part>`. With an idempotency key the unique
 * part is `key:<key>`, so the same key always gives the same ID.
 */
export function buildWorkflowId(input: IActionProcessorInput, idempotencyKey?: string): string {
  const unique = idempotencyKey === undefined ? randomUUID() : `key:${idempotencyKey}`;
  return ['action', input.product_tag, input.app, input.event, input.env, unique].join(':');
}
