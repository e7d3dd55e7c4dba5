/**
 * Parses a `Retry-After` header, in delta-seconds or as an HTTP date, into a delay in milliseconds
 * from `nowMs`. Returns `undefined` for a missing or malformed header, so the normal backoff applies.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();

  if (/^\d+$/.test(value)) return Number(value) * 1000;

  // Every HTTP-date form starts with a day name. Date.parse alone would also read '1.5' or '-5' as dates
  // in 2001, which would cancel the backoff.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
