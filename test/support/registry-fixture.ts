import type { ResolvedAction } from '../../src/config/registry';
import { Registry } from '../../src/config/registry';
import { appSchema, productSchema } from '../../src/config/schema';
import { Redactor } from '../../src/placeholders/redactor';
import type { PlaceholderContext } from '../../src/placeholders/resolve';

/** Run keys that select the fixture's product, app and environment. */
export const FIXTURE_KEY = { product_tag: 'my-product', app: 'api', env: 'dev' } as const;

/** A registry of one app (tag `test-api`, access tag `api`) and one product, built in memory. */
export interface RegistryFixture {
  readonly registry: Registry;
  /** Looks an action of the app up, as a run with that event would. */
  resolve(event: string): ResolvedAction;
  /** A placeholder context for the action, with its own redactor and the given secrets. */
  placeholders(event: string, secrets?: Record<string, string>): PlaceholderContext;
}

/**
 * Builds a registry from an app definition (fields of `appSchema`, with `environments` defaulting to
 * one `sandbox` at `baseUrl`) and the product environment's auth data.
 */
export function registryFixture(
  baseUrl: string,
  app: Record<string, unknown>,
  auths: Record<string, Record<string, unknown>> = {},
): RegistryFixture {
  const appDefinition = appSchema.parse({
    tag: 'test-api',
    environments: [{ slug: 'sandbox', base_url: baseUrl }],
    ...app,
  });
  const product = productSchema.parse({
    tag: FIXTURE_KEY.product_tag,
    environments: [{ slug: FIXTURE_KEY.env }],
    apps: [
      {
        access_tag: FIXTURE_KEY.app,
        app: 'test-api',
        envs: [{ product_env: FIXTURE_KEY.env, app_env: 'sandbox', auths }],
      },
    ],
  });
  const registry = new Registry([appDefinition], [product]);

  const resolve = (event: string) => registry.resolve({ ...FIXTURE_KEY, event });
  return {
    registry,
    resolve,
    placeholders: (event, secrets = {}) => ({
      registry,
      resolved: resolve(event),
      secrets: { get: (name) => secrets[name] },
      redactor: new Redactor(),
    }),
  };
}
