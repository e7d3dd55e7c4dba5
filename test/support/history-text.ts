import type { temporal } from '@temporalio/proto';

/**
 * Renders a workflow history as searchable text, with every payload's base64 `data` decoded, so a test
 * can check that a value appears nowhere in it.
 */
export function historyText(history: temporal.api.history.v1.IHistory): string {
  return JSON.stringify(history, (key, value: unknown) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (key === 'data' && typeof value === 'string') return Buffer.from(value, 'base64').toString('utf8');
    return value;
  });
}
