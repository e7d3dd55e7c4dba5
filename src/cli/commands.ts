import path from 'node:path';
import { ActionError } from '../client/action-error';
import type { Ductape } from '../client/ductape';
import { ConfigurationError } from '../config/configuration-error';
import { loadConfiguration } from '../config/load';
import type { ActionProcessorInputInit } from '../input/schema';
import { ductapeFromEnvironment } from './connect';
import { readRunInput } from './read-input';

/** Options of the `run` command. */
export interface RunCommandOptions {
  readonly argument?: string;
  readonly file?: string;
  readonly workflowId?: string;
  readonly idempotencyKey?: string;
  readonly wait: boolean;
}

/** Runs one action and prints its result as JSON. Returns the process exit code. */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const data = (await readRunInput(options.argument, options.file)) as ActionProcessorInputInit;
  const ductape = ductapeFromEnvironment();
  const runOptions = { workflowId: options.workflowId, idempotencyKey: options.idempotencyKey };

  if (options.wait) return printOutcome(ductape, () => ductape.processor.action.run(data, runOptions));
  try {
    const workflowId = await ductape.processor.action.start(data, runOptions);
    process.stdout.write(`${workflowId}\n`);
    return 0;
  } finally {
    await ductape.close();
  }
}

/** Waits for the result of a run started by any process and prints it. Returns the process exit code. */
export async function resultCommand(workflowId: string): Promise<number> {
  const ductape = ductapeFromEnvironment();
  return printOutcome(ductape, () => ductape.processor.action.result(workflowId));
}

/**
 * Prints a run's result as JSON (exit code 0) or its failure's fields (exit code 1), then closes the
 * client. Errors other than a run's failure, such as an unreachable server, propagate.
 */
async function printOutcome(ductape: Ductape, outcome: () => Promise<unknown>): Promise<number> {
  try {
    const result = await outcome();
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    printActionError(error);
    return 1;
  } finally {
    await ductape.close();
  }
}

/** Requests cancellation of a run. Returns the process exit code. */
export async function cancelCommand(workflowId: string): Promise<number> {
  const ductape = ductapeFromEnvironment();
  try {
    await ductape.processor.action.cancel(workflowId);
    process.stdout.write(`Cancellation requested for ${workflowId}.\n`);
    return 0;
  } finally {
    await ductape.close();
  }
}

/** Prints an action failure's fields on standard error, one per line. */
export function printActionError(error: ActionError): void {
  const lines = [`Action failed: ${error.type}`];
  if (error.status !== undefined) lines.push(`  status:   ${error.status}`);
  if (error.attempts !== undefined) lines.push(`  attempts: ${error.attempts}`);
  if (error.workflowId !== undefined) lines.push(`  workflow: ${error.workflowId}`);
  if (error.details.url !== undefined)
    lines.push(`  request:  ${error.details.method ?? ''} ${error.details.url}`);
  lines.push(`  message:  ${error.message.replace(/\n/g, '\n            ')}`);
  // The message of an HTTP failure already ends with the start of the body, so the body line is printed
  // only when the excerpt adds to it.
  const excerpt = error.details.bodyExcerpt;
  if (excerpt && !error.message.includes(excerpt)) lines.push(`  body:     ${excerpt}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** Loads the configuration folder and reports every problem. Returns the process exit code. */
export async function validateCommand(configDir: string): Promise<number> {
  const folder = path.resolve(configDir);
  try {
    const registry = await loadConfiguration(folder);
    const actions = [...registry.apps.values()].reduce((count, app) => count + app.actions.length, 0);
    process.stdout.write(
      `Configuration in ${folder} is valid: ${registry.apps.size} apps, ${actions} actions, ${registry.products.size} products.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}
