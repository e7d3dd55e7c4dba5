import {
  isUnregisteredSearchAttributeError,
  registerSearchAttributesCommand,
} from '../client/search-attribute-rejection';
import { listRuns, type RunListing } from '../runs/list-runs';
import { buildRunsQuery, type RunFilters } from '../runs/run-query';
import { DEFAULT_WEB_UI_URL, webUiListUrl, webUiRunUrl } from '../runs/web-ui-url';
import { ductapeFromEnvironment } from './connect';

/** Options of the `runs` command. */
export interface RunsCommandOptions extends RunFilters {
  /** Maximum number of runs printed. */
  readonly limit: number;
  /**
   * Base URL of the Temporal Web UI, for the link of each run.
   * @default $TEMPORAL_UI_URL, else http://127.0.0.1:8233
   */
  readonly uiUrl?: string;
  /** Print one JSON object a line instead of a table. */
  readonly json: boolean;
}

/** Lists recent action runs with a Web UI link for each. Returns the process exit code. */
export async function runsCommand(options: RunsCommandOptions, environment = process.env): Promise<number> {
  const uiUrl = options.uiUrl ?? environment.TEMPORAL_UI_URL ?? DEFAULT_WEB_UI_URL;
  const ductape = ductapeFromEnvironment(environment);
  const client = ductape.temporalClient();
  const namespace = client.options.namespace;

  try {
    let runs: RunListing[];
    try {
      runs = await listRuns(client, options);
    } catch (error) {
      if (!isUnregisteredSearchAttributeError(error)) throw error;
      process.stderr.write(
        `Namespace '${namespace}' has not registered the Ductape search attributes, so runs cannot be filtered ` +
          `by product, app, event or environment. Register them with:\n  ${registerSearchAttributesCommand(namespace)}\n`,
      );
      return 1;
    }

    const links = runs.map((run) => webUiRunUrl(uiUrl, namespace, run.workflowId, run.runId));
    if (options.json) {
      runs.forEach((run, index) => {
        process.stdout.write(`${JSON.stringify({ ...run, url: links[index] })}\n`);
      });
      return 0;
    }
    process.stdout.write(formatRunsTable(runs, links));
    process.stdout.write(`\nIn the Web UI: ${webUiListUrl(uiUrl, namespace, buildRunsQuery(options))}\n`);
    return 0;
  } finally {
    await ductape.close();
  }
}

/**
 * Formats runs as an aligned table, in the given order, with each run's Web UI link on the line below it.
 */
export function formatRunsTable(runs: readonly RunListing[], links: readonly string[]): string {
  if (runs.length === 0) return 'No action runs match.\n';

  const header = ['STARTED (UTC)', 'STATUS', 'PRODUCT', 'APP', 'EVENT', 'ENV', 'WORKFLOW ID'];
  const rows = runs.map((run) => [
    run.startTime.toISOString().replace('T', ' ').slice(0, 19),
    run.status,
    run.product ?? '-',
    run.app ?? '-',
    run.event ?? '-',
    run.env ?? '-',
    run.workflowId,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');

  const lines = [line(header)];
  rows.forEach((row, index) => {
    lines.push(line(row), `  ${links[index]}`);
  });
  return `${lines.join('\n')}\n`;
}
