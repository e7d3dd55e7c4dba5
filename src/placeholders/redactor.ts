/** Text put in place of a secret value. */
export const REDACTED = '[REDACTED]';

/**
 * Collects the sensitive values that an attempt resolved (secrets and auth data) and removes them from
 * any text that leaves the activity: error messages, body excerpts and log fields.
 */
export class Redactor {
  private readonly values = new Set<string>();

  /** Marks a resolved value as sensitive. Empty strings are ignored because they cannot leak. */
  add(value: unknown): void {
    if (typeof value === 'string' && value.length > 0) this.values.add(value);
    else if (typeof value === 'number' || typeof value === 'boolean') this.values.add(String(value));
  }

  /** Replaces every sensitive value in the text, longest first so that a secret containing another is fully hidden. */
  redact(text: string): string {
    if (this.values.size === 0) return text;
    let redacted = text;
    const longestFirst = [...this.values].sort((a, b) => b.length - a.length);
    for (const value of longestFirst) redacted = redacted.split(value).join(REDACTED);
    return redacted;
  }
}
