/** `$Kind{a}{b}…` with one or more braced arguments, or a bare `$Default`. */
export const PLACEHOLDER_PATTERN =
  /\$(Secret|Auth|Variable|Constant)((?:\{[^{}]*\})+)|\$Default(?![A-Za-z0-9_])/g;

/** Kind of a placeholder. */
export type PlaceholderKind = 'Secret' | 'Auth' | 'Variable' | 'Constant' | 'Default';

/** One placeholder found in a string. */
export interface PlaceholderMatch {
  /** The placeholder as written, such as `$Auth{token_access}{token}`. */
  readonly text: string;
  readonly kind: PlaceholderKind;
  /** The braced arguments, in order. */
  readonly args: readonly string[];
}

/** Finds every placeholder in a string. */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => ({
    text: match[0],
    kind: (match[1] ?? 'Default') as PlaceholderKind,
    args: placeholderArguments(match[2] ?? ''),
  }));
}

/** Splits `{a}{b}` into `['a', 'b']`. */
export function placeholderArguments(braced: string): string[] {
  return [...braced.matchAll(/\{([^{}]*)\}/g)].map((argument) => argument[1] ?? '');
}
