import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** Path of the compiled `ductape-temporal` command, built by the integration tests' global setup. */
export const CLI_PATH = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

/** A `ductape-temporal` child process and what it printed so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process exits, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits until standard error contains `text`, failing after `timeoutMs`. */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
}

/** Starts `ductape-temporal <args>` with the given environment added to this process's. */
export function startCli(args: readonly string[], environment: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForStderr: (text, timeoutMs = 60_000) =>
      waitFor(
        () => stderr.includes(text),
        timeoutMs,
        () => `'${text}' not printed; stderr so far:\n${stderr}`,
      ),
  };
}

/** Runs `ductape-temporal <args>` to the end and returns its exit code and output. */
export async function runCli(
  args: readonly string[],
  environment: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = startCli(args, environment);
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Polls `condition` every 50 ms until it holds, failing with `describe()` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
