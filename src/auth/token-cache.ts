import type { AuthToken, FetchedToken } from './auth-token';

/** Options of one {@link AuthTokenCache.get}. */
export interface TokenCacheOptions {
  /** Time before expiry at which a new token is fetched, in milliseconds. */
  readonly refreshMarginMs: number;
}

/**
 * Cache of auth tokens, shared by every attempt that a worker runs. A custom implementation can share
 * tokens between workers (such as through Redis); it must keep the contract of each method.
 */
export interface AuthTokenCache {
  /**
   * Returns the cached token under `key` while it is fresh. Otherwise calls `fetchToken` with the
   * previous token, if any, and caches the result. Concurrent calls for one key share one fetch.
   */
  get(
    key: string,
    fetchToken: (previous: AuthToken | undefined) => Promise<FetchedToken>,
    options: TokenCacheOptions,
  ): Promise<AuthToken>;
  /**
   * Marks `token` as rejected by the API, so the next `get` fetches a new one. A token that was
   * already replaced is left alone, so that many runs seeing one 401 cause one refresh.
   */
  invalidate(key: string, token: AuthToken): void;
}

interface Entry {
  readonly token: AuthToken;
  stale: boolean;
}

/** {@link AuthTokenCache} in the worker's memory: the default. Tokens are lost when the worker stops. */
export class MemoryAuthTokenCache implements AuthTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<AuthToken>>();
  private readonly now: () => number;

  /** @param now clock in epoch milliseconds; tests pass their own. */
  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  get(
    key: string,
    fetchToken: (previous: AuthToken | undefined) => Promise<FetchedToken>,
    options: TokenCacheOptions,
  ): Promise<AuthToken> {
    const entry = this.entries.get(key);
    if (entry !== undefined && !entry.stale && this.isFresh(entry.token)) return Promise.resolve(entry.token);

    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending;

    const fetching = fetchToken(entry?.token)
      .then((fetched) => {
        const token = this.toCached(fetched, options.refreshMarginMs);
        this.entries.set(key, { token, stale: false });
        return token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, fetching);
    return fetching;
  }

  invalidate(key: string, token: AuthToken): void {
    const entry = this.entries.get(key);
    if (entry?.token === token) entry.stale = true;
  }

  private isFresh(token: AuthToken): boolean {
    return token.refreshAtMs === undefined || this.now() < token.refreshAtMs;
  }

  private toCached(fetched: FetchedToken, refreshMarginMs: number): AuthToken {
    let refreshAtMs: number | undefined;
    if (fetched.expiresInMs !== undefined) {
      // A margin as long as the lifetime would make every token stale at once and log in on every
      // call, so at least half of the lifetime is used.
      const usableMs = Math.max(fetched.expiresInMs - refreshMarginMs, fetched.expiresInMs / 2);
      refreshAtMs = this.now() + usableMs;
    }
    return {
      accessToken: fetched.accessToken,
      ...(refreshAtMs === undefined ? {} : { refreshAtMs }),
      ...(fetched.refreshToken === undefined ? {} : { refreshToken: fetched.refreshToken }),
    };
  }
}
