import type { Client } from '@temporalio/client';

/**
 * Lists the workflow IDs that match a visibility query, polling until `expected` of them are there or
 * `timeoutMs` passes, because visibility is eventually consistent. Returns the last listing either way,
 * so the caller's assertion shows what was found.
 */
export async function listWorkflowIds(
  client: Client,
  query: string,
  expected: number,
  timeoutMs = 10_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids: string[] = [];
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    if (ids.length >= expected || Date.now() > deadline) return ids.sort();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
