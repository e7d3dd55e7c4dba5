import { describe, expect, it } from 'vitest';
import { type ActionKey, Registry } from '../../../src/config/registry';
import { appSchema, productSchema } from '../../../src/config/schema';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';

const payments = appSchema.parse({
  tag: 'payments-api',
  environments: [
    { slug: 'sandbox', base_url: 'http://127.0.0.1:4010' },
    { slug: 'live', base_url: 'http://127.0.0.1:4011' },
    { slug: 'legacy', base_url: 'http://127.0.0.1:4012', active: false },
  ],
  actions: [
    { tag: 'user.get', method: 'GET', resource: '/v1/users/:userId' },
    { tag: 'user.signup', method: 'POST', resource: '/v1/users/signup' },
  ],
});

const product = productSchema.parse({
  tag: 'my-product',
  environments: [{ slug: 'dev' }, { slug: 'prd' }, { slug: 'old' }, { slug: 'staging' }],
  apps: [
    {
      access_tag: 'payments',
      app: 'payments-api',
      envs: [
        { product_env: 'dev', app_env: 'sandbox', variables: { merchant_id: 'm-1' } },
        { product_env: 'prd', app_env: 'live' },
        { product_env: 'old', app_env: 'legacy' },
      ],
    },
    { access_tag: 'billing', app: 'payments-api', envs: [{ product_env: 'dev', app_env: 'sandbox' }] },
  ],
});

const registry = new Registry([payments], [product]);

const KEY: ActionKey = { product_tag: 'my-product', app: 'payments', env: 'dev', event: 'user.get' };

function resolveFailure(key: ActionKey, from: Registry = registry): ActionFailure {
  try {
    from.resolve(key);
  } catch (error) {
    if (error instanceof ActionFailure) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(key)} not to resolve`);
}

describe('Registry', () => {
  describe('resolve', () => {
    it('finds the action and its environments', () => {
      const resolved = registry.resolve(KEY);

      expect(resolved.product.tag).toBe('my-product');
      expect(resolved.accessTag).toBe('payments');
      expect(resolved.app.tag).toBe('payments-api');
      expect(resolved.appEnvironment.base_url).toBe('http://127.0.0.1:4010');
      expect(resolved.productEnvironment.variables).toEqual({ merchant_id: 'm-1' });
      expect(resolved.action.resource).toBe('/v1/users/:userId');
    });

    it('maps each product environment to its app environment', () => {
      const resolved = registry.resolve({ ...KEY, env: 'prd' });

      expect(resolved.appEnvironment.slug).toBe('live');
    });

    it('keeps the access tag of the request', () => {
      const resolved = registry.resolve({ ...KEY, app: 'billing' });

      expect(resolved.accessTag).toBe('billing');
      expect(resolved.app.tag).toBe('payments-api');
    });
  });

  describe('unknown product', () => {
    it('fails with UnknownProduct listing known products', () => {
      const failure = resolveFailure({ ...KEY, product_tag: 'other-product' });

      expect(failure.type).toBe(FailureType.UnknownProduct);
      expect(failure.message).toBe("Product 'other-product' not found. Known products: my-product.");
    });

    it('says none when no product is loaded', () => {
      const failure = resolveFailure(KEY, new Registry([payments], []));

      expect(failure.message).toContain('Known products: none.');
    });
  });

  describe('unknown access tag', () => {
    it('fails with UnknownApp listing the access tags', () => {
      const failure = resolveFailure({ ...KEY, app: 'payments-api' });

      expect(failure.type).toBe(FailureType.UnknownApp);
      expect(failure.message).toBe(
        "App access tag 'payments-api' not found in product 'my-product'. Its access tags: payments, billing.",
      );
    });
  });

  describe('unknown environment', () => {
    it('fails with UnknownEnvironment listing product environments', () => {
      const failure = resolveFailure({ ...KEY, env: 'qa' });

      expect(failure.type).toBe(FailureType.UnknownEnvironment);
      expect(failure.message).toBe(
        "Environment 'qa' not found in product 'my-product'. Its environments: dev, prd, old, staging.",
      );
    });

    it('fails with UnknownEnvironment when the app has no mapping for it', () => {
      const failure = resolveFailure({ ...KEY, env: 'staging' });

      expect(failure.type).toBe(FailureType.UnknownEnvironment);
      expect(failure.message).toContain("does not map environment 'staging'");
      expect(failure.message).toContain('Mapped environments: dev, prd, old.');
    });

    it('fails with UnknownEnvironment for an inactive app environment', () => {
      const failure = resolveFailure({ ...KEY, env: 'old' });

      expect(failure.type).toBe(FailureType.UnknownEnvironment);
      expect(failure.message).toContain("Environment 'legacy' of app 'payments-api' is inactive");
      expect(failure.message).toContain('set active: true');
    });
  });

  describe('unknown event', () => {
    it('fails with UnknownAction listing the actions', () => {
      const failure = resolveFailure({ ...KEY, event: 'user.delete' });

      expect(failure.type).toBe(FailureType.UnknownAction);
      expect(failure.message).toBe(
        "Event 'user.delete' not found in app 'payments-api' (access tag 'payments'). Its actions: user.get, user.signup.",
      );
    });
  });

  describe('registry built by hand', () => {
    it('fails with InvalidConfiguration when the app is missing', () => {
      const failure = resolveFailure(KEY, new Registry([], [product]));

      expect(failure.type).toBe(FailureType.InvalidConfiguration);
      expect(failure.message).toContain("app 'payments-api' environment 'sandbox', which is not defined");
    });
  });

  describe('findAppByAccessTag', () => {
    it('returns the app connected under the access tag', () => {
      expect(registry.findAppByAccessTag(product, 'billing')?.tag).toBe('payments-api');
    });

    it('returns undefined for an unknown access tag', () => {
      expect(registry.findAppByAccessTag(product, 'crm')).toBeUndefined();
    });
  });
});
