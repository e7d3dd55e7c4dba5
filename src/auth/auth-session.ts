import type { AuthDefinition } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import type { SendOptions } from '../http/send-request';
import type { PlaceholderContext } from '../placeholders/resolve';
import type { AuthToken, AuthTokenSource } from './auth-token';
import { loginWithCredentials } from './credentials-login';
import { refreshOAuth2Token } from './oauth2-refresh';
import type { AuthTokenCache } from './token-cache';

/** Dependencies of an {@link AuthSession}, taken from its attempt. */
export interface AuthSessionOptions {
  readonly cache: AuthTokenCache;
  /** Placeholder context of the attempt, without `auth`: the session adds itself. */
  readonly placeholders: Omit<PlaceholderContext, 'auth'>;
  /** Send options of logins and token refreshes. */
  readonly send: Omit<SendOptions, 'signal'>;
  /** Length of the body excerpt in failures, in characters. */
  readonly excerptLength: number;
}

/**
 * The tokens of one attempt. It fetches credentials and OAuth2 tokens through the worker's cache,
 * remembers which ones the attempt used, and drops them from the cache when the API rejects them.
 */
export class AuthSession implements AuthTokenSource {
  private readonly options: AuthSessionOptions;
  private readonly used = new Map<string, AuthToken>();
  /** Auth tags whose login is running in this session, to stop a login action that needs its own token. */
  private readonly fetching: ReadonlySet<string>;

  constructor(options: AuthSessionOptions, fetching: ReadonlySet<string> = new Set()) {
    this.options = options;
    this.fetching = fetching;
  }

  /** The attempt's placeholder context, with this session as its token source. */
  get placeholders(): PlaceholderContext {
    return { ...this.options.placeholders, auth: this };
  }

  /**
   * Returns the current token of a credentials or OAuth2 auth.
   *
   * @throws ActionFailure of type InvalidConfiguration for another auth kind, or a login action that
   * needs the token it fetches; the errors of the login or token request.
   */
  async token(auth: AuthDefinition): Promise<AuthToken> {
    if (auth.type !== 'credentials' && auth.type !== 'oauth2') {
      throw new ActionFailure(
        FailureType.InvalidConfiguration,
        `Auth '${auth.tag}' is of type '${auth.type}', which has no token to fetch: refer to one of its fields instead.`,
      );
    }
    if (this.fetching.has(auth.tag)) {
      throw new ActionFailure(
        FailureType.InvalidConfiguration,
        `Login action of auth '${auth.tag}' refers to the token it fetches ($Auth{${auth.tag}}{token} or {authorization}): remove that placeholder from the login action.`,
      );
    }

    const key = this.cacheKey(auth.tag);
    const token = await this.options.cache.get(key, (previous) => this.fetch(auth, previous), {
      refreshMarginMs: auth.refresh_margin_ms,
    });
    this.used.set(key, token);
    return token;
  }

  /**
   * Marks every token this attempt used as rejected, so the next request fetches new ones. Returns
   * whether there was any, that is whether another try can help after a 401.
   */
  invalidateUsed(): boolean {
    for (const [key, token] of this.used) this.options.cache.invalidate(key, token);
    const any = this.used.size > 0;
    this.used.clear();
    return any;
  }

  private fetch(auth: AuthDefinition, previous: AuthToken | undefined) {
    const inner = new AuthSession(this.options, new Set([...this.fetching, auth.tag]));
    const context = {
      placeholders: inner.placeholders,
      send: this.options.send,
      excerptLength: this.options.excerptLength,
    };
    if (auth.type === 'credentials') return loginWithCredentials(auth, context);
    if (auth.type === 'oauth2') return refreshOAuth2Token(auth, previous, context);
    throw new Error(`unreachable: auth type ${auth.type} has no token`);
  }

  /** Tokens belong to one auth of one app as one product environment uses it. */
  private cacheKey(authTag: string): string {
    const { product, accessTag, productEnvironment } = this.options.placeholders.resolved;
    return JSON.stringify([product.tag, accessTag, productEnvironment.product_env, authTag]);
  }
}
