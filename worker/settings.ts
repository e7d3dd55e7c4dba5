import { readFileSync } from 'node:fs';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { DEFAULT_TASK_QUEUE } from './create-worker';

/** Settings of the worker process, read from its environment. */
export interface WorkerSettings {
  readonly connection: NativeConnectionOptions;
  readonly namespace: string;
  readonly taskQueue: string;
  /** Folder with `apps/` and `products/`. */
  readonly configDir: string;
  readonly shutdownGraceTimeMs: number;
  /** Heartbeat timeout of attempts: how long a lost worker goes unnoticed. */
  readonly heartbeatTimeoutMs: number;
}

/**
 * Reads the worker's settings from environment variables:
 *
 * | Variable | Default |
 * | --- | --- |
 * | `TEMPORAL_ADDRESS` | `localhost:7233` |
 * | `TEMPORAL_NAMESPACE` | `default` |
 * | `TEMPORAL_API_KEY` | none; when set, TLS is on |
 * | `TEMPORAL_TLS_CERT_PATH`, `TEMPORAL_TLS_KEY_PATH` | none; mutual TLS when both are set |
 * | `TEMPORAL_TLS` | `false`; `true` turns on TLS with the system's CAs |
 * | `DUCTAPE_TASK_QUEUE` | `ductape-actions` |
 * | `DUCTAPE_CONFIG_DIR` | `config` |
 * | `DUCTAPE_SHUTDOWN_GRACE_MS` | `30000` |
 * | `DUCTAPE_HEARTBEAT_TIMEOUT_MS` | `5000` |
 *
 * @throws Error naming the variable, when a value is invalid.
 */
export function readWorkerSettings(environment: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const apiKey = nonEmpty(environment.TEMPORAL_API_KEY);
  const certPath = nonEmpty(environment.TEMPORAL_TLS_CERT_PATH);
  const keyPath = nonEmpty(environment.TEMPORAL_TLS_KEY_PATH);
  if ((certPath === undefined) !== (keyPath === undefined)) {
    throw new Error('Set both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH for mutual TLS, or neither.');
  }

  let tls: NativeConnectionOptions['tls'];
  if (certPath !== undefined && keyPath !== undefined) {
    tls = { clientCertPair: { crt: readFileSync(certPath), key: readFileSync(keyPath) } };
  } else if (apiKey !== undefined || readBoolean(environment, 'TEMPORAL_TLS')) {
    tls = true;
  }

  return {
    connection: {
      address: nonEmpty(environment.TEMPORAL_ADDRESS) ?? 'localhost:7233',
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(tls === undefined ? {} : { tls }),
    },
    namespace: nonEmpty(environment.TEMPORAL_NAMESPACE) ?? 'default',
    taskQueue: nonEmpty(environment.DUCTAPE_TASK_QUEUE) ?? DEFAULT_TASK_QUEUE,
    configDir: nonEmpty(environment.DUCTAPE_CONFIG_DIR) ?? 'config',
    shutdownGraceTimeMs: readMilliseconds(environment, 'DUCTAPE_SHUTDOWN_GRACE_MS', 30_000),
    heartbeatTimeoutMs: readMilliseconds(environment, 'DUCTAPE_HEARTBEAT_TIMEOUT_MS', 5_000, 1_000),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function readBoolean(environment: NodeJS.ProcessEnv, name: string): boolean {
  const value = nonEmpty(environment[name])?.toLowerCase();
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new Error(`${name} must be true or false, not '${value}'.`);
}

function readMilliseconds(
  environment: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  minimum = 0,
): number {
  const value = nonEmpty(environment[name]);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new Error(`${name} must be a whole number of milliseconds, ${minimum} or more, not '${value}'.`);
  }
  return number;
}
