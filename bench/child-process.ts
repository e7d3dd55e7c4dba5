import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** A message from a bench child process: a reply to a request, or an unprompted event. */
export interface ChildMessage {
  readonly id?: number;
  readonly type: string;
  readonly error?: string;
  readonly [key: string]: unknown;
}

/** A Node.js child process that handles requests over its IPC channel. */
export interface BenchChild {
  readonly process: ChildProcess;
  /** Sends a request and waits for the reply with the same `id`. */
  request<T extends ChildMessage>(type: string, fields?: Record<string, unknown>): Promise<T>;
  /** Asks the child to stop and waits for it to exit (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Options of {@link startChild}. */
export interface StartChildOptions {
  /** Compiled script to run. */
  readonly script: string;
  /** JSON-serialisable settings, passed as the script's only argument. */
  readonly settings: unknown;
  /** Extra environment variables of the child. */
  readonly env?: NodeJS.ProcessEnv;
  /** File that receives the child's standard output and error. Without it, both are discarded. */
  readonly logFile?: string;
  /** Extra Node.js options of the child, such as `--cpu-prof`. */
  readonly execArgv?: readonly string[];
  /**
   * Time to wait for the child's `ready` message, in milliseconds.
   * @default 120000
   */
  readonly readyTimeoutMs?: number;
}

/**
 * Starts a bench child process with `--expose-gc` and waits for its `ready` message, which it returns
 * with the child. The child exits when its IPC channel closes, so it never outlives the bench.
 */
export async function startChild(
  options: StartChildOptions,
): Promise<{ child: BenchChild; ready: ChildMessage }> {
  // The child writes its logs to the file itself, so this process spends no CPU time relaying them.
  const log = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'a');
  const child = fork(options.script, [JSON.stringify(options.settings)], {
    execArgv: ['--expose-gc', ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log, 'ipc'],
  });
  if (typeof log === 'number') closeSync(log);

  const pending = new Map<
    number,
    { resolve: (message: ChildMessage) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let readyResolve: (message: ChildMessage) => void = () => {};
  const ready = new Promise<ChildMessage>((resolve) => {
    readyResolve = resolve;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      for (const request of pending.values())
        request.reject(new Error(`${options.script} exited with ${code}.`));
      pending.clear();
      resolve(code);
    });
  });

  child.on('message', (message: ChildMessage) => {
    if (message.type === 'ready') {
      readyResolve(message);
      return;
    }
    const request = message.id === undefined ? undefined : pending.get(message.id);
    if (request === undefined) return;
    pending.delete(message.id!);
    if (message.type === 'error') request.reject(new Error(message.error));
    else request.resolve(message);
  });

  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready,
    exited.then((code) => new Error(`${options.script} exited with ${code} before it was ready.`)),
    new Promise<Error>((resolve) => {
      timer = setTimeout(
        () => resolve(new Error(`${options.script} was not ready within ${readyTimeoutMs} ms.`)),
        readyTimeoutMs,
      );
    }),
  ]);
  clearTimeout(timer);
  if (outcome instanceof Error) {
    child.kill('SIGKILL');
    throw outcome;
  }

  const benchChild: BenchChild = {
    process: child,
    request<T extends ChildMessage>(type: string, fields: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (message: ChildMessage) => void, reject });
        child.send({ ...fields, id, type });
      });
    },
    async stop(timeoutMs = 30_000): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killTimer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.disconnect();
      await exited;
      clearTimeout(killTimer);
    },
  };
  return { child: benchChild, ready: outcome };
}
