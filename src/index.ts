/**
 * Public entry point of `ductape-temporal` for backend code: the client, its errors, the input schema
 * and the failure types. Workers import `ductape-temporal/worker`.
 */
export { ActionError } from './client/action-error';
export { ActionProcessor, PROCESS_ACTION_WORKFLOW, type RunOptions } from './client/action-processor';
export { Ductape, type DuctapeOptions } from './client/ductape';
export { ConfigurationError, type ConfigurationProblem } from './config/configuration-error';
export { loadConfiguration } from './config/load';
export { Registry } from './config/registry';
export { type ActionFailureDetails, FailureType, isRetryableFailureType } from './failures/failure-types';
export {
  type ActionProcessorInputInit,
  actionProcessorInputSchema,
  actionRequestSchema,
  type IActionProcessorInput,
  type IActionRequest,
  MAX_RETRIES,
  parseActionInput,
} from './input/schema';
export { EnvironmentSecretSource, type SecretSource } from './secrets/secret-source';
