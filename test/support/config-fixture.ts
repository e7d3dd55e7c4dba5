import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfiguration } from '../../src/config/load';
import type { Registry } from '../../src/config/registry';

/** A configuration folder written for a test, and the registry loaded from it. */
export interface ConfigFixture {
  readonly folder: string;
  readonly registry: Registry;
}

/** Secret that the fixture's product uses as its API token; tests check it never leaks. */
export const FIXTURE_SECRET_NAME = 'DUCTAPE_TEST_API_TOKEN';

/** Another app for the fixture's product, connected under its own access tag with the same token. */
export interface FixtureApp {
  readonly accessTag: string;
  /** App tag, also its file name. */
  readonly tag: string;
  readonly baseUrl: string;
  readonly actions: readonly Record<string, unknown>[];
  /** Fields merged over the app's defaults: a token auth and an `Authorization` header from it. */
  readonly overrides?: Record<string, unknown>;
}

/**
 * Writes the example's app and product, pointed at `baseUrl`, with fast retries, any extra actions,
 * app fields, extra apps and product auth data, to a temporary folder, and loads it through the real
 * loader.
 */
export async function writeConfigFixture(
  baseUrl: string,
  extraActions: readonly Record<string, unknown>[] = [],
  appOverrides: Record<string, unknown> = {},
  extraApps: readonly FixtureApp[] = [],
  authData: Record<string, Record<string, unknown>> = {},
): Promise<ConfigFixture> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ductape-config-'));
  await mkdir(path.join(folder, 'apps'));
  await mkdir(path.join(folder, 'products'));

  const app = {
    tag: 'payments-api',
    environments: [{ slug: 'sandbox', base_url: baseUrl }],
    auths: [{ tag: 'token_access', type: 'token', fields: ['token'] }],
    constants: { api_version: '2024-06-01' },
    variables: { merchant_id: 'Merchant account' },
    headers: { 'X-Api-Version': '$Constant{payments}{api_version}' },
    // Short intervals keep retry tests fast; the backoff shape is the production one.
    retry: { initial_interval_ms: 100, backoff_coefficient: 2, maximum_interval_ms: 1000 },
    actions: [
      {
        tag: 'user.signup',
        method: 'POST',
        resource: '/v1/users/signup',
        body: { plan: 'free' },
        schema: {
          query: { userId: { type: 'string', required: true } },
          body: { email: { type: 'string', required: true } },
        },
      },
      { tag: 'user.get', method: 'GET', resource: '/v1/users/{userId}' },
      ...extraActions,
    ],
    ...appOverrides,
  };
  const product = {
    tag: 'my-product',
    environments: [{ slug: 'dev' }],
    apps: [
      {
        access_tag: 'payments',
        app: 'payments-api',
        envs: [
          {
            product_env: 'dev',
            app_env: 'sandbox',
            variables: { merchant_id: 'merchant-test' },
            auths: { token_access: { token: `Bearer $Secret{${FIXTURE_SECRET_NAME}}` }, ...authData },
          },
        ],
      },
      ...extraApps.map((extra) => ({
        access_tag: extra.accessTag,
        app: extra.tag,
        envs: [
          {
            product_env: 'dev',
            app_env: 'sandbox',
            auths: { token_access: { token: `Bearer $Secret{${FIXTURE_SECRET_NAME}}` } },
          },
        ],
      })),
    ],
  };

  await writeFile(path.join(folder, 'apps', 'payments.yaml'), stringify(app));
  for (const extra of extraApps) {
    const extraApp = {
      tag: extra.tag,
      environments: [{ slug: 'sandbox', base_url: extra.baseUrl }],
      auths: [{ tag: 'token_access', type: 'token', fields: ['token'] }],
      headers: { Authorization: '$Auth{token_access}{token}' },
      retry: { initial_interval_ms: 100, backoff_coefficient: 2, maximum_interval_ms: 1000 },
      actions: extra.actions,
      ...extra.overrides,
    };
    await writeFile(path.join(folder, 'apps', `${extra.tag}.yaml`), stringify(extraApp));
  }
  await writeFile(path.join(folder, 'products', 'my-product.json'), JSON.stringify(product, null, 2));
  return { folder, registry: await loadConfiguration(folder) };
}
