import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ductapeSearchAttributeKeys } from '../src/search-attributes';

/** Options of {@link startDevServer}. */
export interface DevServerOptions {
  /** Path of the Temporal CLI binary. */
  readonly executable: string;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Frontend gRPC port. @default 7233 */
  readonly port?: number;
  /** Web UI port. @default 8233 */
  readonly uiPort?: number;
  /** SQLite file that keeps workflows across restarts; `undefined` keeps them in memory. */
  readonly dbFile?: string;
  /**
   * Time to wait for the frontend to respond, in milliseconds.
   * @default 60000
   */
  readonly startTimeoutMs?: number;
  /**
   * Destination of the server's own output: `inherit` shows its warnings on this process's standard
   * error, `ignore` drops them, and a file path appends all its output to that file.
   * @default 'inherit'
   */
  readonly output?: 'inherit' | 'ignore' | { readonly file: string };
  /**
   * Server dynamic configuration values, passed as `--dynamic-config-value KEY=VALUE`, such as
   * `{ 'system.enableActivityEagerExecution': true }`.
   */
  readonly dynamicConfig?: Readonly<Record<string, string | number | boolean>>;
}

/** A running `temporal server start-dev`. */
export interface DevServer {
  /** Frontend address, `host:port`. */
  readonly address: string;
  readonly uiUrl: string;
  readonly process: ChildProcess;
  /** Stops the server with SIGTERM and waits for it to exit (SIGKILL after 10 seconds). */
  stop(): Promise<void>;
}

/**
 * Starts the Temporal dev server with its Web UI, registers the Ductape search attributes and waits
 * until the frontend responds.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 7233;
  const uiPort = options.uiPort ?? 8233;
  const args = ['server', 'start-dev', '--ip', host, '--port', String(port), '--ui-port', String(uiPort)];
  args.push('--log-level', 'warn', '--namespace', 'default');
  for (const key of ductapeSearchAttributeKeys) args.push('--search-attribute', `${key.name}=Keyword`);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    // The CLI reads each value as JSON, so a string value needs its quotes.
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  if (options.dbFile !== undefined) {
    await mkdir(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }

  const output = options.output ?? 'inherit';
  let outputTarget: 'inherit' | 'ignore' | number;
  if (typeof output === 'object') {
    await mkdir(path.dirname(output.file), { recursive: true });
    outputTarget = openSync(output.file, 'a');
  } else {
    outputTarget = output;
  }
  const child = spawn(options.executable, args, {
    stdio: ['ignore', outputTarget === 'inherit' ? 'ignore' : outputTarget, outputTarget],
  });
  // The child has its own copy of the descriptor.
  if (typeof outputTarget === 'number') closeSync(outputTarget);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = `${host}:${port}`;

  const ready = await Promise.race([
    waitForFrontend(address, options.startTimeoutMs ?? 60_000).then(() => true),
    exited.then(() => false),
  ]);
  if (!ready) {
    throw new Error(
      `The Temporal dev server exited before it was ready. Is port ${port} or ${uiPort} taken? Pass --port and --ui-port to use others.`,
    );
  }

  return {
    address,
    uiUrl: `http://${host}:${uiPort}`,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForFrontend(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`The Temporal dev server at ${address} did not respond within ${timeoutMs} ms.`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
