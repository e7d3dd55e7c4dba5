import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/failures/retry-after';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  describe('delta-seconds', () => {
    it('converts seconds to milliseconds', () => {
      expect(parseRetryAfter('120', NOW)).toBe(120_000);
    });

    it('accepts zero', () => {
      expect(parseRetryAfter('0', NOW)).toBe(0);
    });

    it('ignores surrounding spaces', () => {
      expect(parseRetryAfter(' 5 ', NOW)).toBe(5_000);
    });
  });

  describe('HTTP-date', () => {
    it('returns the time until an IMF-fixdate', () => {
      expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:30 GMT', NOW)).toBe(30_000);
    });

    it('returns the time until an obsolete RFC 850 date', () => {
      expect(parseRetryAfter('Saturday, 01-Mar-25 12:01:00 GMT', NOW)).toBe(60_000);
    });

    it('returns 0 for a date in the past', () => {
      expect(parseRetryAfter('Sat, 01 Mar 2025 11:59:00 GMT', NOW)).toBe(0);
    });
  });

  describe('missing or malformed', () => {
    it('returns undefined for a missing header', () => {
      expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    });

    it.each(['', 'soon', '120s', '-5', '1.5', '2.5'])('returns undefined for %j', (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    });
  });
});
