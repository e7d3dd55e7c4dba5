import { randomUUID } from 'node:crypto';
import type { IActionProcessorInput } from '../input/schema';

/**
 * Builds a workflow ID that a person can read and search for in the Web UI:
 * `action:<product>:<access tag>:<event>:<env>:<unique part>`.
 */
export function buildWorkflowId(input: IActionProcessorInput): string {
  return ['action', input.product_tag, input.app, input.event, input.env, randomUUID()].join(':');
}
