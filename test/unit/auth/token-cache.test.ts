import { describe, expect, it } from 'vitest';
import type { AuthToken, FetchedToken } from '../../../src/auth/auth-token';
import { MemoryAuthTokenCache } from '../../../src/auth/token-cache';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A fetch that counts its calls and returns token-1, token-2, … with the given lifetime. */
function counter(expiresInMs?: number) {
  const previous: (AuthToken | undefined)[] = [];
  const fetch = async (last: AuthToken | undefined): Promise<FetchedToken> => {
    previous.push(last);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return {
      accessToken: `token-${previous.length}`,
      expiresInMs,
      refreshToken: `refresh-${previous.length}`,
    };
  };
  return { fetch, previous };
}

const MARGIN = { refreshMarginMs: 60_000 };

describe('MemoryAuthTokenCache', () => {
  it('shares one fetch between concurrent callers', async () => {
    const cache = new MemoryAuthTokenCache();
    const { fetch, previous } = counter();

    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.get('k', fetch, MARGIN)));

    expect(previous).toHaveLength(1);
    expect(new Set(tokens.map((token) => token.accessToken))).toEqual(new Set(['token-1']));
  });

  it('keeps a token until the margin before its expiry', async () => {
    const time = clock();
    const cache = new MemoryAuthTokenCache(time.now);
    const { fetch, previous } = counter(3_600_000);

    await cache.get('k', fetch, MARGIN);
    time.advance(3_600_000 - 60_001);
    const before = await cache.get('k', fetch, MARGIN);
    time.advance(1);
    const after = await cache.get('k', fetch, MARGIN);

    expect(before.accessToken).toBe('token-1');
    expect(after.accessToken).toBe('token-2');
    expect(previous).toHaveLength(2);
  });

  it('uses half the lifetime when the margin is longer', async () => {
    const time = clock();
    const cache = new MemoryAuthTokenCache(time.now);
    const { fetch } = counter(30_000);

    await cache.get('k', fetch, MARGIN);
    time.advance(14_999);
    const kept = await cache.get('k', fetch, MARGIN);
    time.advance(1);
    const renewed = await cache.get('k', fetch, MARGIN);

    expect(kept.accessToken).toBe('token-1');
    expect(renewed.accessToken).toBe('token-2');
  });

  it('keeps a token without a lifetime until it is invalidated', async () => {
    const time = clock();
    const cache = new MemoryAuthTokenCache(time.now);
    const { fetch } = counter();

    const first = await cache.get('k', fetch, MARGIN);
    time.advance(86_400_000);
    const later = await cache.get('k', fetch, MARGIN);
    cache.invalidate('k', first);
    const renewed = await cache.get('k', fetch, MARGIN);

    expect(later.accessToken).toBe('token-1');
    expect(renewed.accessToken).toBe('token-2');
  });

  it('passes the previous token, with its refresh token, to the next fetch', async () => {
    const cache = new MemoryAuthTokenCache();
    const { fetch, previous } = counter();

    const first = await cache.get('k', fetch, MARGIN);
    cache.invalidate('k', first);
    await cache.get('k', fetch, MARGIN);

    expect(previous[0]).toBeUndefined();
    expect(previous[1]?.refreshToken).toBe('refresh-1');
  });

  it('ignores the invalidation of a token already replaced', async () => {
    const cache = new MemoryAuthTokenCache();
    const { fetch, previous } = counter();

    const first = await cache.get('k', fetch, MARGIN);
    cache.invalidate('k', first);
    await cache.get('k', fetch, MARGIN);
    cache.invalidate('k', first);
    const current = await cache.get('k', fetch, MARGIN);

    expect(current.accessToken).toBe('token-2');
    expect(previous).toHaveLength(2);
  });

  it('does not cache a failed fetch', async () => {
    const cache = new MemoryAuthTokenCache();
    let calls = 0;
    const flaky = async (): Promise<FetchedToken> => {
      calls++;
      if (calls === 1) throw new Error('login down');
      return { accessToken: 'ok' };
    };

    await expect(cache.get('k', flaky, MARGIN)).rejects.toThrow('login down');
    const token = await cache.get('k', flaky, MARGIN);

    expect(token.accessToken).toBe('ok');
  });

  it('keeps keys apart', async () => {
    const cache = new MemoryAuthTokenCache();
    const { fetch } = counter();

    const a = await cache.get('a', fetch, MARGIN);
    const b = await cache.get('b', fetch, MARGIN);

    expect(a.accessToken).not.toBe(b.accessToken);
  });
});
