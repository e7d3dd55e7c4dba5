import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { ductapeAppKey, ductapeEnvKey, ductapeEventKey, ductapeProductKey } from '../search-attributes';
import { buildRunsQuery, type RunFilters } from './run-query';

/** One action run as the visibility store lists it. */
export interface RunListing {
  readonly workflowId: string;
  readonly runId: string;
  /** Status in the SDK's spelling, such as `RUNNING` or `FAILED`. */
  readonly status: string;
  readonly startTime: Date;
  readonly closeTime?: Date;
  readonly product?: string;
  readonly app?: string;
  readonly event?: string;
  readonly env?: string;
}

/** Options of {@link listRuns}. */
export interface ListRunsOptions extends RunFilters {
  /**
   * Maximum number of runs returned.
   * @default 20
   */
  readonly limit?: number;
}

/**
 * Lists the most recent action runs that match the filters, in the visibility store's order: running
 * runs first, then by close time, newest first. Visibility is eventually consistent, so a run started
 * a moment ago may be missing for a short while.
 *
 * @throws ServiceError from the server, for example when a filter names a search attribute that the
 * namespace has not registered.
 */
export async function listRuns(client: Client, options: ListRunsOptions = {}): Promise<RunListing[]> {
  const limit = options.limit ?? 20;
  const runs: RunListing[] = [];
  if (limit <= 0) return runs;

  const executions = client.workflow.list({
    query: buildRunsQuery(options),
    pageSize: Math.min(limit, 1000),
  });
  for await (const execution of executions) {
    runs.push(toRunListing(execution));
    if (runs.length >= limit) break;
  }
  return runs;
}

function toRunListing(execution: WorkflowExecutionInfo): RunListing {
  const attributes = execution.typedSearchAttributes;
  return {
    workflowId: execution.workflowId,
    runId: execution.runId,
    status: execution.status.name,
    startTime: execution.startTime,
    closeTime: execution.closeTime,
    product: attributes.get(ductapeProductKey),
    app: attributes.get(ductapeAppKey),
    event: attributes.get(ductapeEventKey),
    env: attributes.get(ductapeEnvKey),
  };
}
