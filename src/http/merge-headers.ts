import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';

/**
 * Merges header sets case-insensitively: a later set wins over an earlier one, and the winning set's
 * spelling of the name is kept.
 *
 * @throws ActionFailure of type InvalidInput when a name is not a valid token or a value contains CR,
 * LF or NUL, which would let input inject headers.
 */
export function mergeHeaders(...sets: readonly Readonly<Record<string, unknown>>[]): Record<string, string> {
  const merged = new Map<string, [name: string, value: string]>();
  for (const set of sets) {
    for (const [name, value] of Object.entries(set)) {
      if (value === undefined || value === null) continue;
      const text = headerText(value);
      checkHeader(name, text);
      merged.set(name.toLowerCase(), [name, text]);
    }
  }
  return Object.fromEntries(merged.values());
}

/** Finds a header value by name, ignoring case. */
export function findHeader<T>(headers: Readonly<Record<string, T>>, name: string): T | undefined {
  const target = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === target) return value;
  return undefined;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function checkHeader(name: string, value: string): void {
  if (!TOKEN.test(name)) {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Invalid header name '${name.replace(/[\r\n]/g, ' ')}': use letters, digits and !#$%&'*+-.^_\`|~ only.`,
    );
  }
  if (/[\r\n\0]/.test(value)) {
    throw new ActionFailure(
      FailureType.InvalidInput,
      `Invalid value of header '${name}': it contains CR, LF or NUL, which HTTP forbids. Remove the line breaks.`,
    );
  }
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
