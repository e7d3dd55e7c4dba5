/**
 * Public entry point of `ductape-temporal` for backend code: the client, its errors, the input schema
 * and the failure types. Workers import `ductape-temporal/worker`.
 */
export type { AuthToken, FetchedToken } from './auth/auth-token';
export { type AuthTokenCache, MemoryAuthTokenCache, type TokenCacheOptions } from './auth/token-cache';
export { ActionError } from './client/action-error';
export {
  ActionProcessor,
  PROCESS_ACTION_WORKFLOW,
  type RunOptions,
  type WarningLogger,
} from './client/action-processor';
export { Ductape, type DuctapeOptions } from './client/ductape';
export { registerSearchAttributesCommand } from './client/search-attribute-rejection';
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
export { type ListRunsOptions, listRuns, type RunListing } from './runs/list-runs';
export {
  buildRunsQuery,
  parseRunStatus,
  RUN_STATUSES,
  type RunFilters,
  type RunStatusName,
} from './runs/run-query';
export { DEFAULT_WEB_UI_URL, webUiListUrl, webUiRunUrl } from './runs/web-ui-url';
export {
  ductapeAppKey,
  ductapeEnvKey,
  ductapeEventKey,
  ductapeProductKey,
  ductapeSearchAttributeKeys,
} from './search-attributes';
export { EnvironmentSecretSource, type SecretSource } from './secrets/secret-source';
