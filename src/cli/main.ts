#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseRunStatus } from '../runs/run-query';
import { cancelCommand, resultCommand, runCommand, validateCommand } from './commands';
import { runsCommand } from './runs-command';
import { USAGE } from './usage';

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          file: { type: 'string' },
          'workflow-id': { type: 'string' },
          'idempotency-key': { type: 'string' },
          'no-wait': { type: 'boolean', default: false },
        },
      });
      if (positionals.length > 1)
        throw new Error('run takes one input: quote the JSON as a single argument.');
      return runCommand({
        argument: positionals[0],
        file: values.file,
        workflowId: values['workflow-id'],
        idempotencyKey: values['idempotency-key'],
        wait: !values['no-wait'],
      });
    }
    case 'result':
    case 'cancel': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      const [workflowId] = positionals;
      if (workflowId === undefined || positionals.length > 1) {
        throw new Error(
          `${command} takes one workflow ID, such as: ductape-temporal ${command} action:my-product:…`,
        );
      }
      return command === 'result' ? resultCommand(workflowId) : cancelCommand(workflowId);
    }
    case 'runs': {
      const { values } = parseArgs({
        args: rest,
        options: {
          product: { type: 'string' },
          app: { type: 'string' },
          event: { type: 'string' },
          env: { type: 'string' },
          status: { type: 'string' },
          limit: { type: 'string', default: '20' },
          'ui-url': { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new Error(`--limit must be a whole number of runs, 1 or more, not '${values.limit}'.`);
      }
      return runsCommand({
        product: values.product,
        app: values.app,
        event: values.event,
        env: values.env,
        status: values.status === undefined ? undefined : parseRunStatus(values.status),
        limit,
        uiUrl: values['ui-url'],
        json: values.json,
      });
    }
    case 'validate': {
      const { values } = parseArgs({ args: rest, options: { config: { type: 'string' } } });
      return validateCommand(values.config ?? process.env.DUCTAPE_CONFIG_DIR ?? 'config');
    }
    case 'worker':
    case 'dev': {
      // The worker commands load the worker (native Temporal core and the workflow bundler) only when
      // needed, so `run` and `validate` start quickly.
      const workerCommands = require(path.join(__dirname, '..', '..', 'worker', 'commands')) as {
        workerCommand(args: readonly string[]): Promise<number>;
        devCommand(args: readonly string[]): Promise<number>;
      };
      return command === 'worker' ? workerCommands.workerCommand(rest) : workerCommands.devCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ductape-temporal: ${describeError(error)}\n`);
    process.exitCode = 1;
  },
);

/**
 * Describes an error with its chain of causes, because the Temporal client's own message ("Failed to
 * start Workflow") hides why, and adds a hint when the server could not be reached.
 */
function describeError(error: unknown): string {
  const messages: string[] = [];
  let unavailable = false;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (!messages.includes(current.message)) messages.push(current.message);
    // gRPC status 14 (UNAVAILABLE) is what the client reports for a server it cannot reach.
    if ((current as Error & { code?: unknown }).code === 14) unavailable = true;
    current = current.cause;
  }
  if (messages.length === 0) return String(error);

  const text = messages.join(': ');
  if (!unavailable) return text;
  const address = process.env.TEMPORAL_ADDRESS || 'localhost:7233';
  return `${text}\nCannot reach Temporal at ${address}. Start it with \`npm start\` (or \`ductape-temporal dev\`), or set TEMPORAL_ADDRESS to your server.`;
}
