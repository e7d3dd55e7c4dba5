/**
 * Parses a `Retry-After` header, in delta-seconds or as an HTTP date, into a delay in milliseconds
 * from `nowMs`. Returns `undefined` for a missing or malformed header, so the normal backoff applies.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();

  if (/^\d+$/.test(value)) return Number(value) * 1000;

  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
