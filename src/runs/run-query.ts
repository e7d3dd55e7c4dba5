import { PROCESS_ACTION_WORKFLOW } from '../client/action-processor';
import { ductapeAppKey, ductapeEnvKey, ductapeEventKey, ductapeProductKey } from '../search-attributes';

/** Values of `ExecutionStatus` in Temporal's list filter syntax. */
export const RUN_STATUSES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'TimedOut',
  'ContinuedAsNew',
] as const;

/** One of the {@link RUN_STATUSES}. */
export type RunStatusName = (typeof RUN_STATUSES)[number];

/** Filters of a run listing. Each one that is set must match exactly. */
export interface RunFilters {
  /** Product tag (`DuctapeProduct`). */
  readonly product?: string;
  /** App access tag (`DuctapeApp`). */
  readonly app?: string;
  /** Action tag (`DuctapeEvent`). */
  readonly event?: string;
  /** Product environment slug (`DuctapeEnv`). */
  readonly env?: string;
  readonly status?: RunStatusName;
}

/**
 * Builds the visibility list filter for action runs matching `filters`, such as
 * `WorkflowType = "processActionWorkflow" AND DuctapeProduct = "my-product"`. It has no `ORDER BY`,
 * because SQL visibility stores (SQLite, PostgreSQL, MySQL) reject one. Their own order is
 * running runs first, then the rest by close time, newest first.
 */
export function buildRunsQuery(filters: RunFilters): string {
  const conditions = [`WorkflowType = ${quote(PROCESS_ACTION_WORKFLOW)}`];
  const byAttribute: [string, string | undefined][] = [
    [ductapeProductKey.name, filters.product],
    [ductapeAppKey.name, filters.app],
    [ductapeEventKey.name, filters.event],
    [ductapeEnvKey.name, filters.env],
    ['ExecutionStatus', filters.status],
  ];
  for (const [name, value] of byAttribute) {
    if (value !== undefined) conditions.push(`${name} = ${quote(value)}`);
  }
  return conditions.join(' AND ');
}

/**
 * Reads a status name case-insensitively, also in the SDK's spelling (`TIMED_OUT`, `CANCELLED`).
 *
 * @throws Error naming the accepted values when the name is unknown.
 */
export function parseRunStatus(text: string): RunStatusName {
  const normalized = text.replaceAll('_', '').replaceAll('-', '').toLowerCase();
  const spelled = normalized === 'cancelled' ? 'canceled' : normalized;
  const status = RUN_STATUSES.find((name) => name.toLowerCase() === spelled);
  if (status === undefined) {
    throw new Error(`Unknown status '${text}': use one of ${RUN_STATUSES.join(', ')}.`);
  }
  return status;
}

/** Quotes a string for the list filter syntax, escaping `\` and `"`. */
function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
