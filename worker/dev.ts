import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NativeConnection } from '@temporalio/worker';
import { type ExampleApi, startExampleApi } from '../examples/api/server';
import { printActionError } from '../src/cli/commands';
import { ActionError } from '../src/client/action-error';
import { Ductape } from '../src/client/ductape';
import { loadConfiguration } from '../src/config/load';
import { webUiRunUrl } from '../src/runs/web-ui-url';
import { ensureTemporalCli } from '../src/temporal-cli';
import { findPackageRoot } from '../src/temporal-cli/locations';
import { createActionWorker, DEFAULT_TASK_QUEUE, sourceOrCompiled } from './create-worker';
import { startDevServer } from './dev-server';
import { installJsonLogger } from './logger';

/**
 * `ductape-temporal dev`: starts a Temporal dev server with its Web UI and a SQLite file, the example
 * payments API and a worker, in one process tree, and stops them all on Ctrl-C.
 */
export async function devCommand(args: readonly string[]): Promise<number> {
  const root = findPackageRoot(__dirname);
  const { values } = parseArgs({
    args: [...args],
    options: {
      config: { type: 'string', default: path.join(root, 'examples', 'config') },
      port: { type: 'string', default: '7233' },
      'ui-port': { type: 'string', default: '8233' },
      'db-file': { type: 'string', default: path.join(root, '.ductape', 'dev.db') },
      'example-api-port': { type: 'string', default: '4010' },
      'run-example': { type: 'boolean', default: false },
    },
  });
  const logger = installJsonLogger(process.env.LOG_LEVEL ?? 'WARN');

  // 1. Configuration first: a broken folder stops here, before any process starts.
  const registry = await loadConfiguration(path.resolve(values.config));

  // 2. The example API checks a bearer key; the worker reads the same key as $Secret{PAYMENTS_API_KEY}.
  process.env.PAYMENTS_API_KEY ??= `example-${randomBytes(12).toString('hex')}`;
  const apiPort = readPort('--example-api-port', values['example-api-port']);
  const exampleApi: ExampleApi | undefined =
    apiPort === 0
      ? undefined
      : await startExampleApi({ port: apiPort, apiKey: process.env.PAYMENTS_API_KEY });

  // 3. The dev server, then the worker that polls it.
  const executable = await ensureTemporalCli();
  const serverLog = path.join(path.dirname(path.resolve(values['db-file'])), 'temporal-server.log');
  const server = await startDevServer({
    executable,
    port: readPort('--port', values.port),
    uiPort: readPort('--ui-port', values['ui-port']),
    dbFile: path.resolve(values['db-file']),
    output: { file: serverLog },
  });
  const connection = await NativeConnection.connect({ address: server.address });
  try {
    // The example workflows module registers processActionWorkflow and the composition patterns.
    const worker = await createActionWorker({
      connection,
      registry,
      taskQueue: DEFAULT_TASK_QUEUE,
      workflowsPath: sourceOrCompiled(path.join(__dirname, '..', 'examples', 'workflows', 'index')),
    });
    const running = worker.run();

    process.stdout.write(
      [
        '',
        'ductape-temporal dev is running:',
        `  Temporal frontend  ${server.address}`,
        `  Temporal Web UI    ${server.uiUrl}`,
        `  Example API        ${exampleApi?.url ?? 'not started'}`,
        `  Task queue         ${DEFAULT_TASK_QUEUE}`,
        `  Configuration      ${path.resolve(values.config)}`,
        `  Runs are kept in   ${path.resolve(values['db-file'])}`,
        `  Server log         ${serverLog}`,
        '',
        'Run the example action from another terminal:',
        `  npx ductape-temporal run @${path.relative(process.cwd(), path.join(root, 'examples', 'example-input.json')) || 'examples/example-input.json'}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );

    if (values['run-example']) await runExample(root, server.address, server.uiUrl);
    await running;
  } catch (error) {
    logger.error('Dev stack failed', { error });
    throw error;
  } finally {
    await connection.close();
    await exampleApi?.close();
    await server.stop();
    process.stdout.write('Stopped the worker, the example API and the Temporal dev server.\n');
  }
  return 0;
}

async function runExample(root: string, address: string, uiUrl: string): Promise<void> {
  const input = JSON.parse(
    await readFile(path.join(root, 'examples', 'example-input.json'), 'utf8'),
  ) as Parameters<Ductape['processor']['action']['run']>[0];
  const ductape = new Ductape({ address, taskQueue: DEFAULT_TASK_QUEUE });
  try {
    const workflowId = await ductape.processor.action.start(input);
    process.stdout.write(`Example run started: ${webUiRunUrl(uiUrl, 'default', workflowId)}\n`);
    const result = await ductape.processor.action.result(workflowId);
    process.stdout.write(`Example result:\n${JSON.stringify(result, null, 2)}\n\n`);
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    printActionError(error);
  } finally {
    await ductape.close();
  }
}

function readPort(option: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${option} must be a port number from 0 to 65535, not '${value}'.`);
  }
  return port;
}
