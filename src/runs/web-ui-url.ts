/** Base URL of the Web UI that `temporal server start-dev` serves by default. */
export const DEFAULT_WEB_UI_URL = 'http://127.0.0.1:8233';

/**
 * Returns the Web UI page of one run: its event history, or the latest run of the workflow ID when
 * `runId` is not given. The workflow ID is percent-encoded, so IDs with ':' or '/' stay one segment.
 */
export function webUiRunUrl(baseUrl: string, namespace: string, workflowId: string, runId?: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const workflow = `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId === undefined ? workflow : `${workflow}/${encodeURIComponent(runId)}/history`;
}

/** Returns the Web UI's workflow list filtered by a visibility query. */
export function webUiListUrl(baseUrl: string, namespace: string, query: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
}
