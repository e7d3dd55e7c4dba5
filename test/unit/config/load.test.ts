import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, type ConfigurationProblem } from '../../../src/config/configuration-error';
import { loadConfiguration } from '../../../src/config/load';
import { Registry } from '../../../src/config/registry';

const APP_YAML = `
tag: payments-api
environments:
  - slug: sandbox
    base_url: http://127.0.0.1:4010
auths:
  - tag: token_access
    type: token
actions:
  - tag: user.get
    method: get
    resource: /v1/users/{userId}
`;

const PRODUCT_YAML = `
tag: my-product
environments:
  - slug: dev
apps:
  - access_tag: payments
    app: payments-api
    envs:
      - product_env: dev
        app_env: sandbox
        auths:
          token_access:
            token: Bearer $Secret{PAYMENTS_API_KEY}
`;

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'ductape-config-'));
  await mkdir(path.join(folder, 'apps'));
  await mkdir(path.join(folder, 'products'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function write(relativePath: string, text: string): Promise<string> {
  const file = path.join(folder, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

async function loadProblems(): Promise<readonly ConfigurationProblem[]> {
  const error = await loadConfiguration(folder).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfigurationError)) throw new Error(`expected a ConfigurationError, got ${error}`);
  return error.problems;
}

function problemAt(
  problems: readonly ConfigurationProblem[],
  file: string,
  key: string,
): ConfigurationProblem {
  const problem = problems.find((candidate) => candidate.file === file && candidate.key === key);
  if (problem === undefined) {
    throw new Error(`no problem in ${file} at '${key}'; problems: ${JSON.stringify(problems, null, 2)}`);
  }
  return problem;
}

describe('loadConfiguration', () => {
  describe('valid folders', () => {
    it('loads YAML apps and products', async () => {
      await write('apps/payments.yaml', APP_YAML);
      await write('products/my-product.yaml', PRODUCT_YAML);

      const registry = await loadConfiguration(folder);

      expect(registry).toBeInstanceOf(Registry);
      expect([...registry.apps.keys()]).toEqual(['payments-api']);
      expect([...registry.products.keys()]).toEqual(['my-product']);
    });

    it('loads JSON files', async () => {
      await write(
        'apps/payments.json',
        JSON.stringify({
          tag: 'payments-api',
          environments: [{ slug: 'sandbox', base_url: 'https://api.example.com' }],
          actions: [{ tag: 'user.get', method: 'GET', resource: '/v1/users' }],
        }),
      );
      await write(
        'products/my-product.json',
        JSON.stringify({
          tag: 'my-product',
          environments: [{ slug: 'dev' }],
          apps: [
            {
              access_tag: 'payments',
              app: 'payments-api',
              envs: [{ product_env: 'dev', app_env: 'sandbox' }],
            },
          ],
        }),
      );

      const registry = await loadConfiguration(folder);

      expect(registry.apps.get('payments-api')?.environments[0]?.base_url).toBe('https://api.example.com');
      expect(registry.products.get('my-product')?.apps[0]?.access_tag).toBe('payments');
    });

    it('loads .yml files and files in subfolders', async () => {
      await write('apps/third-party/payments.yml', APP_YAML);
      await write('products/my-product.yaml', PRODUCT_YAML);

      const registry = await loadConfiguration(folder);

      expect(registry.apps.has('payments-api')).toBe(true);
    });

    it('ignores files that are not YAML or JSON', async () => {
      await write('apps/payments.yaml', APP_YAML);
      await write('apps/README.md', '# not a definition: {');
      await write('products/my-product.yaml', PRODUCT_YAML);

      const registry = await loadConfiguration(folder);

      expect(registry.apps.size).toBe(1);
    });

    it('applies schema defaults', async () => {
      await write('apps/payments.yaml', APP_YAML);
      await write('products/my-product.yaml', PRODUCT_YAML);

      const registry = await loadConfiguration(folder);
      const app = registry.apps.get('payments-api');

      expect(app?.environments[0]?.request_type).toBe('JSON');
      expect(app?.environments[0]?.active).toBe(true);
      expect(app?.actions[0]?.method).toBe('GET');
      expect(app?.auths[0]).toMatchObject({ type: 'token', fields: ['token'] });
      expect(app?.constants).toEqual({});
    });

    it('loads an empty product folder with apps only', async () => {
      await write('apps/payments.yaml', APP_YAML);

      const registry = await loadConfiguration(folder);

      expect(registry.products.size).toBe(0);
    });
  });

  describe('example configuration', () => {
    const examples = path.resolve(__dirname, '../../../examples/config');

    it('loads without problems', async () => {
      const registry = await loadConfiguration(examples);

      expect(registry.apps.has('payments-api')).toBe(true);
      expect(registry.products.has('my-product')).toBe(true);
    });

    it('resolves the action of the documented example call', async () => {
      const registry = await loadConfiguration(examples);
      const resolved = registry.resolve({
        env: 'dev',
        product_tag: 'my-product',
        app: 'payments',
        event: 'user.signup',
      });

      expect(resolved.action.method).toBe('POST');
      expect(resolved.appEnvironment.slug).toBe('sandbox');
    });
  });

  describe('broken files', () => {
    it('reports invalid YAML with its path and line', async () => {
      const file = await write('apps/payments.yaml', 'tag: payments-api\nenvironments: [\n');
      await write('products/my-product.yaml', PRODUCT_YAML);

      const problems = await loadProblems();
      const problem = problemAt(problems, file, '');

      expect(problem.message).toMatch(/^invalid YAML \(line 3, column 1\): /);
    });

    it('reports invalid JSON with its path', async () => {
      const file = await write('apps/payments.json', '{"tag": "payments-api",');

      const problems = await loadProblems();

      expect(problemAt(problems, file, '').message).toMatch(/^invalid JSON: /);
    });

    it('reports an empty file', async () => {
      const file = await write('apps/payments.yaml', '');

      const problems = await loadProblems();

      expect(problems.map((problem) => problem.file)).toContain(file);
    });

    it('reports a bad value with its dotted key', async () => {
      const file = await write(
        'apps/payments.yaml',
        APP_YAML.replace('http://127.0.0.1:4010', 'ftp://files'),
      );
      await write('products/my-product.yaml', PRODUCT_YAML);

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'environments.0.base_url').message).toBe(
        'must be an http:// or https:// URL',
      );
    });

    it('reports a missing required key', async () => {
      const file = await write(
        'apps/payments.yaml',
        APP_YAML.replace('    resource: /v1/users/{userId}\n', ''),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'actions.0.resource')).toBeDefined();
    });

    it('reports an unknown key', async () => {
      const file = await write('apps/payments.yaml', `${APP_YAML}timeout: 5000\n`);

      const problems = await loadProblems();

      expect(problemAt(problems, file, '').message).toContain('timeout');
    });

    it('reports an unknown HTTP method', async () => {
      const file = await write('apps/payments.yaml', APP_YAML.replace('method: get', 'method: FETCH'));

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'actions.0.method')).toBeDefined();
    });

    it('reports a resource without a leading slash', async () => {
      const file = await write('apps/payments.yaml', APP_YAML.replace('/v1/users/{userId}', 'v1/users'));

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'actions.0.resource').message).toBe("must start with '/'");
    });

    it('reports a missing apps folder with what to do', async () => {
      await rm(path.join(folder, 'apps'), { recursive: true });

      const problems = await loadProblems();
      const problem = problemAt(problems, path.join(folder, 'apps'), '');

      expect(problem.message).toContain('folder not found');
      expect(problem.message).toContain('create it');
    });

    it('puts the path and key in the error message', async () => {
      const file = await write('apps/payments.yaml', APP_YAML.replace('slug: sandbox', 'slug: "sand box"'));

      const error = await loadConfiguration(folder).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain(`${file} at 'environments.0.slug'`);
    });
  });

  describe('several problems', () => {
    it('reports problems of every file at once', async () => {
      const appFile = await write('apps/payments.yaml', APP_YAML.replace('method: get', 'method: FETCH'));
      const jsonFile = await write('apps/other.json', '{');
      const productFile = await write(
        'products/my-product.yaml',
        PRODUCT_YAML.replace('slug: dev', 'slug: ""'),
      );

      const problems = await loadProblems();
      const files = problems.map((problem) => problem.file);

      expect(files).toContain(appFile);
      expect(files).toContain(jsonFile);
      expect(files).toContain(productFile);
    });

    it('reports several problems of one file at once', async () => {
      const file = await write(
        'apps/payments.yaml',
        APP_YAML.replace('method: get', 'method: FETCH').replace('/v1/users/{userId}', 'v1'),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'actions.0.method')).toBeDefined();
      expect(problemAt(problems, file, 'actions.0.resource')).toBeDefined();
    });

    it('counts the problems in the message', async () => {
      await write(
        'apps/payments.yaml',
        APP_YAML.replace('method: get', 'method: FETCH').replace('/v1/users/{userId}', 'v1'),
      );

      const error = await loadConfiguration(folder).catch((caught: unknown) => caught);

      expect((error as Error).message).toMatch(/^Invalid configuration \(2 problems\):\n/);
    });

    it('rejects when one file is broken', async () => {
      await write('apps/payments.yaml', APP_YAML);
      await write('apps/broken.yaml', 'tag: [');
      await write('products/my-product.yaml', PRODUCT_YAML);

      await expect(loadConfiguration(folder)).rejects.toBeInstanceOf(ConfigurationError);
    });
  });

  describe('duplicate tags', () => {
    it('reports an app defined twice', async () => {
      await write('apps/a.yaml', APP_YAML);
      const second = await write('apps/b.yaml', APP_YAML);

      const problems = await loadProblems();

      expect(problemAt(problems, second, 'tag').message).toBe("app 'payments-api' is defined twice");
    });

    it('reports a product defined twice', async () => {
      await write('apps/payments.yaml', APP_YAML);
      await write('products/a.yaml', PRODUCT_YAML);
      const second = await write('products/b.yaml', PRODUCT_YAML);

      const problems = await loadProblems();

      expect(problemAt(problems, second, 'tag').message).toBe("product 'my-product' is defined twice");
    });

    it('reports an action tag used twice in one app', async () => {
      const file = await write(
        'apps/payments.yaml',
        `${APP_YAML}  - tag: user.get\n    method: GET\n    resource: /v2/users\n`,
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'actions.1').message).toBe("'user.get' appears more than once");
    });

    it('reports an environment slug used twice in one app', async () => {
      const file = await write(
        'apps/payments.yaml',
        APP_YAML.replace(
          'environments:\n',
          'environments:\n  - slug: sandbox\n    base_url: http://127.0.0.1:4011\n',
        ),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'environments.1').message).toBe("'sandbox' appears more than once");
    });

    it('reports an auth tag used twice in one app', async () => {
      const file = await write(
        'apps/payments.yaml',
        APP_YAML.replace('auths:\n', 'auths:\n  - tag: token_access\n    type: token\n'),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'auths.1').message).toBe("'token_access' appears more than once");
    });

    it('reports an access tag used twice in one product', async () => {
      await write('apps/payments.yaml', APP_YAML);
      const file = await write(
        'products/my-product.yaml',
        `${PRODUCT_YAML}  - access_tag: payments\n    app: payments-api\n    envs:\n      - product_env: dev\n        app_env: sandbox\n`,
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'apps.1').message).toBe("'payments' appears more than once");
    });

    it('reports a product environment slug used twice', async () => {
      await write('apps/payments.yaml', APP_YAML);
      const file = await write(
        'products/my-product.yaml',
        PRODUCT_YAML.replace('  - slug: dev\n', '  - slug: dev\n  - slug: dev\n'),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'environments.1').message).toBe("'dev' appears more than once");
    });
  });

  describe('dangling references', () => {
    it('reports an undefined app and lists defined ones', async () => {
      await write('apps/payments.yaml', APP_YAML);
      const file = await write(
        'products/my-product.yaml',
        PRODUCT_YAML.replace('app: payments-api', 'app: billing-api'),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'apps.0.app').message).toBe(
        "app 'billing-api' not found (defined apps: payments-api)",
      );
    });

    it('reports an undefined app environment', async () => {
      await write('apps/payments.yaml', APP_YAML);
      const file = await write(
        'products/my-product.yaml',
        PRODUCT_YAML.replace('app_env: sandbox', 'app_env: live'),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'apps.0.envs.0.app_env').message).toBe(
        "environment 'live' not found in app 'payments-api' (its environments: sandbox)",
      );
    });

    it('reports an undefined product environment', async () => {
      await write('apps/payments.yaml', APP_YAML);
      const file = await write(
        'products/my-product.yaml',
        PRODUCT_YAML.replace('product_env: dev', 'product_env: prd'),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'apps.0.envs.0.product_env').message).toBe(
        "product environment 'prd' not found (product environments: dev)",
      );
    });

    it('reports data for an undefined auth', async () => {
      await write('apps/payments.yaml', APP_YAML);
      const file = await write('products/my-product.yaml', PRODUCT_YAML.replace('token_access:', 'oauth:'));

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'apps.0.envs.0.auths.oauth').message).toBe(
        "auth 'oauth' not found in app 'payments-api' (its auths: token_access)",
      );
    });

    it('reports a credentials auth whose login action does not exist', async () => {
      const file = await write(
        'apps/payments.yaml',
        APP_YAML.replace(
          'auths:\n',
          'auths:\n  - tag: session\n    type: credentials\n    login_action: auth.login\n',
        ),
      );
      await write('products/my-product.yaml', PRODUCT_YAML);

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'auths.0.login_action').message).toBe(
        "action 'auth.login' not found in app 'payments-api' (its actions: user.get)",
      );
    });

    it('reports every dangling reference at once', async () => {
      await write('apps/payments.yaml', APP_YAML);
      const file = await write(
        'products/my-product.yaml',
        PRODUCT_YAML.replace('product_env: dev', 'product_env: prd')
          .replace('app_env: sandbox', 'app_env: live')
          .replace('token_access:', 'oauth:'),
      );

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'apps.0.envs.0.product_env')).toBeDefined();
      expect(problemAt(problems, file, 'apps.0.envs.0.app_env')).toBeDefined();
      expect(problemAt(problems, file, 'apps.0.envs.0.auths.oauth')).toBeDefined();
    });

    it('says none when no app is defined', async () => {
      const file = await write('products/my-product.yaml', PRODUCT_YAML);

      const problems = await loadProblems();

      expect(problemAt(problems, file, 'apps.0.app').message).toBe(
        "app 'payments-api' not found (defined apps: none)",
      );
    });
  });
});
