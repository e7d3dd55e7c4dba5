import type { ActionDefinition, FieldDefinition } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import { findHeader } from '../http/merge-headers';
import type { InputProblem } from './schema';

/** Request parts after merging and placeholder resolution, as the action's schema checks them. */
export interface ResolvedParts {
  readonly headers: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly body: Readonly<Record<string, unknown>>;
}

const PARTS = ['params', 'query', 'headers', 'body'] as const;

/**
 * Checks request parts against the action's declared schema: every `required` field present and
 * every field of the declared `type`. Runs after placeholders are resolved, so a `$Default` or
 * `$Variable` counts as present; messages name fields and rules, never values.
 *
 * @throws ActionFailure of type InvalidInput that lists every problem, by field path.
 */
export function checkActionSchema(action: ActionDefinition, parts: ResolvedParts): void {
  const problems: InputProblem[] = [];

  for (const part of PARTS) {
    const fields = action.schema?.[part];
    if (fields === undefined) continue;
    for (const [field, definition] of Object.entries(fields)) {
      const value = part === 'headers' ? findHeader(parts.headers, field) : parts[part][field];
      const problem = checkField(definition, value);
      if (problem !== undefined) problems.push({ path: `input.${part}.${field}`, message: problem });
    }
  }

  if (problems.length > 0) {
    const lines = problems.map((problem) => `  - ${problem.path}: ${problem.message}`).join('\n');
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Invalid input for action '${action.tag}' (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines}`,
      { problems },
    );
  }
}

function checkField(definition: FieldDefinition, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') {
    return definition.required ? 'is required by the action: set it in the input' : undefined;
  }
  if (definition.type === undefined || matchesType(definition.type, value)) return undefined;
  return `must be ${article(definition.type)} ${definition.type}, not ${describeType(value)}`;
}

function matchesType(type: NonNullable<FieldDefinition['type']>, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
  }
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${article(typeof value)} ${typeof value}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
