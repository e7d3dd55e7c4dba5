import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/config/configuration-error';
import { loadConfiguration } from '../../../src/config/load';

/** Writes one app whose headers are `headers` and one product that connects it under `pay`. */
async function folderWith(
  headers: Record<string, string>,
  variables: Record<string, string> = { merchant: 'm-1' },
) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ductape-placeholders-'));
  await mkdir(path.join(folder, 'apps'));
  await mkdir(path.join(folder, 'products'));
  const app = {
    tag: 'pay-api',
    environments: [{ slug: 'live', base_url: 'http://127.0.0.1:9' }],
    auths: [{ tag: 'token_access', type: 'token', fields: ['token'] }],
    constants: { version: '1' },
    headers,
    actions: [{ tag: 'charge', method: 'POST', resource: '/charges' }],
  };
  const product = {
    tag: 'shop',
    environments: [{ slug: 'dev' }, { slug: 'prd' }],
    apps: [
      {
        access_tag: 'pay',
        app: 'pay-api',
        envs: [
          { product_env: 'dev', app_env: 'live', variables },
          { product_env: 'prd', app_env: 'live', variables: { merchant: 'm-2' } },
        ],
      },
    ],
  };
  await writeFile(path.join(folder, 'apps', 'pay.json'), JSON.stringify(app));
  await writeFile(path.join(folder, 'products', 'shop.json'), JSON.stringify(product));
  return folder;
}

async function problems(folder: string): Promise<string[]> {
  try {
    await loadConfiguration(folder);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems.map((problem) => `${problem.key}: ${problem.message}`);
  }
}

describe('placeholder references in configuration', () => {
  it('accepts placeholders that resolve', async () => {
    const folder = await folderWith({
      Authorization: '$Auth{token_access}{token}',
      'X-Version': '$Constant{pay}{version}',
      'X-Merchant': '$Variable{pay}{merchant}',
      'X-Key': '$Secret{ANY_NAME}',
    });

    expect(await problems(folder)).toEqual([]);
  });

  it('reports an auth the app lacks', async () => {
    const found = await problems(await folderWith({ Authorization: '$Auth{token_acess}{token}' }));

    expect(found).toHaveLength(1);
    expect(found[0]).toContain('headers.Authorization');
    expect(found[0]).toContain("names auth 'token_acess'");
    expect(found[0]).toContain('its auths: token_access');
  });

  it('reports an access tag the product lacks', async () => {
    const found = await problems(await folderWith({ 'X-Version': '$Constant{payments}{version}' }));

    expect(found).toHaveLength(1);
    expect(found[0]).toContain("access tag 'payments'");
    expect(found[0]).toContain("product 'shop'");
  });

  it('reports a constant the app lacks', async () => {
    const found = await problems(await folderWith({ 'X-Version': '$Constant{pay}{api_version}' }));

    expect(found).toEqual([
      "headers.X-Version: $Constant{pay}{api_version} names constant 'api_version', which app 'pay-api' does not define",
    ]);
  });

  it('reports a variable unset in one environment', async () => {
    const found = await problems(await folderWith({ 'X-Merchant': '$Variable{pay}{merchant}' }, {}));

    expect(found).toHaveLength(1);
    expect(found[0]).toContain("environment 'dev'");
    expect(found[0]).not.toContain("'prd'");
  });

  it('reports a placeholder with a wrong argument count', async () => {
    const found = await problems(await folderWith({ 'X-Version': '$Constant{version}' }));

    expect(found[0]).toContain('must have two arguments');
  });
});
