import { describe, expect, it } from 'vitest';
import {
  actionSchema,
  appSchema,
  authSchema,
  productSchema,
  tokenAuthSchema,
} from '../../../src/config/schema';

const ACTION = { tag: 'user.get', method: 'GET', resource: '/v1/users' };

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));
}

describe('configuration schemas', () => {
  describe('actions', () => {
    it('upper-cases the method', () => {
      expect(actionSchema.parse({ ...ACTION, method: 'patch' }).method).toBe('PATCH');
    });

    it('rejects an unknown method', () => {
      expect(actionSchema.safeParse({ ...ACTION, method: 'CONNECT' }).success).toBe(false);
    });

    it('defaults every request part to {}', () => {
      const action = actionSchema.parse(ACTION);

      expect(action.headers).toEqual({});
      expect(action.query).toEqual({});
      expect(action.params).toEqual({});
      expect(action.body).toEqual({});
    });

    it('rejects a timeout above ten minutes', () => {
      const result = actionSchema.safeParse({ ...ACTION, timeout_ms: 600_001 });

      expect(issuePaths(result)).toEqual(['timeout_ms']);
    });

    it('rejects a fractional timeout', () => {
      const result = actionSchema.safeParse({ ...ACTION, timeout_ms: 1.5 });

      expect(issuePaths(result)).toEqual(['timeout_ms']);
    });

    it('rejects an unknown request type', () => {
      const result = actionSchema.safeParse({ ...ACTION, request_type: 'YAML' });

      expect(issuePaths(result)).toEqual(['request_type']);
    });

    it('rejects an unknown schema field key', () => {
      const result = actionSchema.safeParse({
        ...ACTION,
        schema: { body: { email: { type: 'string', requried: true } } },
      });

      expect(issuePaths(result)).toEqual(['schema.body.email']);
    });

    it('rejects a backoff coefficient below 1', () => {
      const result = actionSchema.safeParse({ ...ACTION, retry: { backoff_coefficient: 0.5 } });

      expect(issuePaths(result)).toEqual(['retry.backoff_coefficient']);
    });
  });

  describe('auths', () => {
    it('defaults fields to token', () => {
      expect(tokenAuthSchema.parse({ tag: 'token_access', type: 'token' }).fields).toEqual(['token']);
    });

    it('rejects an auth kind this version does not support', () => {
      const result = authSchema.safeParse({ tag: 'login', type: 'saml' });

      expect(issuePaths(result)).toEqual(['type']);
    });

    it('reads a basic auth', () => {
      expect(authSchema.parse({ tag: 'basic_access', type: 'basic' })).toEqual({
        tag: 'basic_access',
        type: 'basic',
      });
    });

    it('applies the defaults of a credentials auth', () => {
      const auth = authSchema.parse({ tag: 'session', type: 'credentials', login_action: 'auth.login' });

      expect(auth).toEqual({
        tag: 'session',
        type: 'credentials',
        login_action: 'auth.login',
        fields: ['username', 'password'],
        token_path: 'access_token',
        expires_in_path: 'expires_in',
        refresh_margin_ms: 60_000,
      });
    });

    it('rejects a credentials field named like a computed one', () => {
      const result = authSchema.safeParse({
        tag: 'session',
        type: 'credentials',
        login_action: 'auth.login',
        fields: ['username', 'token'],
      });

      expect(issuePaths(result)).toEqual(['fields.1']);
    });

    it('requires the login action of a credentials auth', () => {
      const result = authSchema.safeParse({ tag: 'session', type: 'credentials' });

      expect(issuePaths(result)).toEqual(['login_action']);
    });

    it.each(['https://auth.example.com/token', '/oauth/token'])(
      'accepts %s as an OAuth2 token URL',
      (url) => {
        const auth = authSchema.parse({ tag: 'oauth', type: 'oauth2', token_url: url });

        expect(auth).toMatchObject({ token_url: url, client_auth: 'basic', refresh_margin_ms: 60_000 });
      },
    );

    it.each(['ftp://auth.example.com/token', 'oauth/token'])('rejects %s as an OAuth2 token URL', (url) => {
      const result = authSchema.safeParse({ tag: 'oauth', type: 'oauth2', token_url: url });

      expect(issuePaths(result)).toEqual(['token_url']);
    });
  });

  describe('apps', () => {
    const APP = {
      tag: 'payments-api',
      environments: [{ slug: 'sandbox', base_url: 'https://sandbox.example.com' }],
      actions: [ACTION],
    };

    it('requires at least one environment', () => {
      expect(issuePaths(appSchema.safeParse({ ...APP, environments: [] }))).toEqual(['environments']);
    });

    it('requires at least one action', () => {
      expect(issuePaths(appSchema.safeParse({ ...APP, actions: [] }))).toEqual(['actions']);
    });

    it('rejects a base URL that is not a URL', () => {
      const result = appSchema.safeParse({
        ...APP,
        environments: [{ slug: 'sandbox', base_url: 'sandbox' }],
      });

      expect(issuePaths(result)).toEqual(['environments.0.base_url']);
    });

    it('rejects a tag that starts with a dash', () => {
      expect(issuePaths(appSchema.safeParse({ ...APP, tag: '-payments' }))).toEqual(['tag']);
    });

    it('defaults auths, constants, variables and headers', () => {
      const app = appSchema.parse(APP);

      expect(app.auths).toEqual([]);
      expect(app.constants).toEqual({});
      expect(app.variables).toEqual({});
      expect(app.headers).toEqual({});
    });
  });

  describe('products', () => {
    it('defaults apps to none', () => {
      expect(productSchema.parse({ tag: 'p', environments: [{ slug: 'dev' }] }).apps).toEqual([]);
    });

    it('requires at least one environment mapping per app', () => {
      const result = productSchema.safeParse({
        tag: 'p',
        environments: [{ slug: 'dev' }],
        apps: [{ access_tag: 'payments', app: 'payments-api', envs: [] }],
      });

      expect(issuePaths(result)).toEqual(['apps.0.envs']);
    });

    it('defaults variables and auths of a mapping', () => {
      const product = productSchema.parse({
        tag: 'p',
        environments: [{ slug: 'dev' }],
        apps: [
          { access_tag: 'payments', app: 'payments-api', envs: [{ product_env: 'dev', app_env: 'sandbox' }] },
        ],
      });

      expect(product.apps[0]?.envs[0]?.variables).toEqual({});
      expect(product.apps[0]?.envs[0]?.auths).toEqual({});
    });
  });
});
