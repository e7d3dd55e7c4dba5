import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runsCommand } from '../../src/cli/runs-command';
import { Ductape } from '../../src/client/ductape';
import { registerSearchAttributesCommand } from '../../src/client/search-attribute-rejection';
import { ductapeProductKey } from '../../src/search-attributes';
import { ensureTemporalCli } from '../../src/temporal-cli';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { writeConfigFixture } from '../support/config-fixture';
import { json, RecordingServer } from '../support/recording-server';
import { createTestEnvironment } from '../support/temporal-env';

const input = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.get',
  input: { params: { userId: '1' } },
};

const REGISTER_COMMAND =
  'temporal operator search-attribute create --namespace default ' +
  '--name DuctapeProduct --type Keyword --name DuctapeApp --type Keyword ' +
  '--name DuctapeEvent --type Keyword --name DuctapeEnv --type Keyword';

describe('a namespace without the Ductape search attributes', () => {
  let env: TestWorkflowEnvironment;
  let api: RecordingServer;
  let running: RunningActionWorker;

  beforeAll(async () => {
    env = await createTestEnvironment({ registerSearchAttributes: false });
    api = await RecordingServer.start();
    api.respondWith(json(200, { id: '1' }));
    const { registry } = await writeConfigFixture(api.url);
    running = await startActionWorker(env, { registry });
  });

  afterAll(async () => {
    await running?.stop();
    await api?.close();
    await env?.teardown();
  });

  it('runs actions and warns once per client', async () => {
    const warnings: { message: string; meta?: Record<string, unknown> }[] = [];
    const ductape = new Ductape({
      connection: env.connection,
      taskQueue: running.taskQueue,
      logger: { warn: (message, meta) => warnings.push({ message, meta }) },
    });

    const first = await ductape.processor.action.run(input);
    const second = await ductape.processor.action.run(input);

    expect(first).toEqual({ id: '1' });
    expect(second).toEqual({ id: '1' });
    expect(api.requests).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(
      "Namespace 'default' lacks at least one of the search attributes DuctapeProduct, DuctapeApp, DuctapeEvent and DuctapeEnv",
    );
    expect(warnings[0]?.message).toContain(REGISTER_COMMAND);
    expect(warnings[0]?.meta?.code).toBe('DUCTAPE_SEARCH_ATTRIBUTES_NOT_REGISTERED');
    expect(String(warnings[0]?.meta?.serverMessage)).toMatch(
      /search attribute Ductape(Product|App|Event|Env)\b/,
    );
  });

  it('starts runs without search attributes but with their summary', async () => {
    const ductape = new Ductape({
      connection: env.connection,
      taskQueue: running.taskQueue,
      logger: { warn() {} },
    });

    const workflowId = await ductape.processor.action.start(input);
    const description = await env.client.workflow.getHandle(workflowId).describe();

    expect(description.typedSearchAttributes.get(ductapeProductKey)).toBeUndefined();
    expect(await description.staticSummary()).toBe('payments/user.get (dev, my-product)');
  });

  it('emits a process warning without a logger', async () => {
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    const ductape = new Ductape({ connection: env.connection, taskQueue: running.taskQueue });

    await ductape.processor.action.start(input);
    const warning = (await warned) as Error & { code?: string };

    expect(warning.name).toBe('DuctapeWarning');
    expect(warning.code).toBe('DUCTAPE_SEARCH_ATTRIBUTES_NOT_REGISTERED');
    expect(warning.message).toContain(REGISTER_COMMAND);
  });

  it('makes the runs command explain how to register them', async () => {
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let code: number;
    try {
      code = await runsCommand(
        { product: 'my-product', limit: 20, json: false },
        { TEMPORAL_ADDRESS: env.connection.options.address },
      );
    } finally {
      stderr.mockRestore();
    }
    const output = written.join('');

    expect(code).toBe(1);
    expect(output).toContain("Namespace 'default' has not registered the Ductape search attributes");
    expect(output).toContain(REGISTER_COMMAND);
  });

  // Runs last: it registers the attributes on this test's server.
  it('sets them again once registered with the printed command', async () => {
    const [, ...args] = registerSearchAttributesCommand('default').split(' ');
    await promisify(execFile)(await ensureTemporalCli(), [
      ...args,
      '--address',
      env.connection.options.address,
    ]);
    const ductape = new Ductape({
      connection: env.connection,
      taskQueue: running.taskQueue,
      logger: { warn() {} },
    });

    // The frontend caches the namespace's attributes for a moment, so starts are retried for a while.
    let product: string | undefined;
    for (const deadline = Date.now() + 15_000; product === undefined && Date.now() < deadline; ) {
      const workflowId = await ductape.processor.action.start(input);
      const description = await env.client.workflow.getHandle(workflowId).describe();
      product = description.typedSearchAttributes.get(ductapeProductKey);
      if (product === undefined) await new Promise((resolve) => setTimeout(resolve, 500));
    }

    expect(product).toBe('my-product');
  });
});
