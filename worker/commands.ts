import { parseArgs } from 'node:util';
import { devCommand } from './dev';
import { runWorkerProcess } from './main';

/** `ductape-temporal worker [--config DIR]`: runs a worker until SIGINT or SIGTERM. */
export async function workerCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' } } });
  const environment =
    values.config === undefined ? process.env : { ...process.env, DUCTAPE_CONFIG_DIR: values.config };
  await runWorkerProcess(environment);
  return 0;
}

export { devCommand };
