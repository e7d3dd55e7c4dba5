import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { stringify } from 'yaml';
import { ensureTemporalCli } from '../src/temporal-cli';
import { type DevServer, startDevServer } from '../worker/dev-server';
import { type BenchChild, startChild } from './child-process';
import { findFreePort } from './free-port';
import { TOKEN_SECRET_NAME } from './signup-request';

/** Everything the scenarios share: the target server, the dev server, a client and the configuration. */
export interface BenchEnvironment {
  /** Base URL of the target server. */
  readonly targetUrl: string;
  readonly target: BenchChild;
  readonly devServer: DevServer;
  readonly connection: Connection;
  readonly client: Client;
  /** Configuration folder of the package scenario, pointed at the target server. */
  readonly configDir: string;
  /** Token that the target server expects, also set as `BENCH_API_TOKEN` in this process. */
  readonly token: string;
  /** Folder of the worker and server logs. */
  readonly logDir: string;
  close(): Promise<void>;
}

/**
 * Starts the target HTTP server and a Temporal dev server (pinned CLI, in-memory database) on free
 * ports of 127.0.0.1, writes the package's configuration, and connects a client.
 */
export async function startBenchEnvironment(options: {
  readonly scriptDir: string;
  readonly logDir: string;
  readonly eagerActivities: boolean;
}): Promise<BenchEnvironment> {
  const token = `bench_${randomBytes(16).toString('hex')}`;
  process.env[TOKEN_SECRET_NAME] = token;
  await mkdir(options.logDir, { recursive: true });

  const { child: target, ready } = await startChild({
    script: path.join(options.scriptDir, 'target-server.js'),
    settings: { token },
    logFile: path.join(options.logDir, 'target-server.log'),
  });
  const targetUrl = ready.url as string;

  const devServer = await startDevServer({
    executable: await ensureTemporalCli(),
    port: await findFreePort(),
    uiPort: await findFreePort(),
    // At shutdown it warns about every poller it closes, so its output goes to a file.
    output: { file: path.join(options.logDir, 'dev-server.log') },
    dynamicConfig: options.eagerActivities ? { 'system.enableActivityEagerExecution': true } : {},
  });
  const connection = await Connection.connect({ address: devServer.address });
  const client = new Client({ connection });
  const configDir = await writeBenchConfiguration(targetUrl);

  return {
    targetUrl,
    target,
    devServer,
    connection,
    client,
    configDir,
    token,
    logDir: options.logDir,
    async close() {
      await connection.close();
      await devServer.stop();
      await target.stop();
      await rm(configDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes the package scenario's app and product. The action sends the same request as the other
 * scenarios: the caller's `$Auth` header resolves to `Bearer $Secret{BENCH_API_TOKEN}`, the API
 * version comes from a `$Constant`, and the JSON body merges the action's default with the input.
 */
async function writeBenchConfiguration(targetUrl: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ductape-bench-'));
  await mkdir(path.join(folder, 'apps'));
  await mkdir(path.join(folder, 'products'));

  const app = {
    tag: 'payments-api',
    environments: [{ slug: 'sandbox', base_url: targetUrl, request_type: 'JSON' }],
    auths: [{ tag: 'token_access', type: 'token', fields: ['token'] }],
    constants: { api_version: '2024-06-01' },
    headers: { 'X-Api-Version': '$Constant{payments}{api_version}' },
    actions: [{ tag: 'user.signup', method: 'POST', resource: '/v1/users/signup', body: { plan: 'free' } }],
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
            auths: { token_access: { token: `Bearer $Secret{${TOKEN_SECRET_NAME}}` } },
          },
        ],
      },
    ],
  };

  await writeFile(path.join(folder, 'apps', 'payments.yaml'), stringify(app));
  await writeFile(path.join(folder, 'products', 'my-product.yaml'), stringify(product));
  return folder;
}

/** The package scenario's input: the README's example call, with the body and query of the others. */
export const PACKAGE_INPUT = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.signup',
  input: {
    query: { userId: '123' },
    body: { email: 'user@example.com' },
    headers: { Authorization: '$Auth{token_access}{token}' },
  },
  retries: 3,
};
