import type { AuthDefinition } from '../config/schema';

/** A token as a login or token endpoint returned it, with its lifetime relative to now. */
export interface FetchedToken {
  readonly accessToken: string;
  /** Lifetime from now, in milliseconds; `undefined` when the endpoint stated none. */
  readonly expiresInMs?: number;
  /** OAuth2 refresh token to use for the next refresh, which rotates on some servers. */
  readonly refreshToken?: string;
}

/** A cached token. */
export interface AuthToken {
  readonly accessToken: string;
  /** Time from which the token counts as expired, as epoch milliseconds, the safety margin included. */
  readonly refreshAtMs?: number;
  /** OAuth2 refresh token to use for the next refresh. */
  readonly refreshToken?: string;
}

/** Source of the current token of a credentials or OAuth2 auth, used by placeholder resolution. */
export interface AuthTokenSource {
  /**
   * Returns the current token of the auth, fetching a new one when none is cached or the cached one
   * expired.
   */
  token(auth: AuthDefinition): Promise<AuthToken>;
}
