import { Ductape } from '../client/ductape';

/**
 * Creates a client from the same environment variables as the worker: `TEMPORAL_ADDRESS`,
 * `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY` (which turns TLS on) and `DUCTAPE_TASK_QUEUE`. An empty
 * variable counts as unset.
 */
export function ductapeFromEnvironment(environment: NodeJS.ProcessEnv = process.env): Ductape {
  return new Ductape({
    address: environment.TEMPORAL_ADDRESS || 'localhost:7233',
    namespace: environment.TEMPORAL_NAMESPACE || undefined,
    taskQueue: environment.DUCTAPE_TASK_QUEUE || undefined,
    ...(environment.TEMPORAL_API_KEY ? { apiKey: environment.TEMPORAL_API_KEY, tls: true } : {}),
  });
}
