/**
 * Public entry point of `ductape-temporal` for backend code: the client, its errors, the input schema
 * and the failure types. Workers import `ductape-temporal/worker`.
 */
export type { AuthToken, FetchedToken } from './auth/auth-token';
export { type AuthTokenCache, MemoryAuthTokenCache, type TokenCacheOptions } from './auth/token-cache';
export { ActionError } from './client/action-error';
export { ActionProcessor, PROCESS_ACTION_WORKFLOW, type RunOptions } from './client/action-processor';
export { Ductape, type DuctapeOptions } from './client/ductape';
export { ConfigurationError, type ConfigurationProblem } from './config/configuration-error';
export { loadConfiguration } from './config/load';
export { Registry } from './config/registry';
export { type ActionFailureDetails, FailureType, isRetryableFailureType } from './failures/failure-types';
export {
  type ActionProcessorInputInit,
  type ActionRequestParts,
  actionProcessorInputSchema,
  actionRequestSchema,
  type FlatActionRequest,
  type IActionProcessorInput,
  type IActionRequest,
  isFlatRequest,
  MAX_RETRIES,
  parseActionInput,
} from './input/schema';
export { EnvironmentSecretSource, type SecretSource } from './secrets/secret-source';
