/**
 * Workflow-side API of `ductape-temporal`, imported as `ductape-temporal/workflow` by workflow code:
 * run actions as steps of your own workflows, in sequence, in parallel, with compensation, with
 * fallbacks or as child workflows. Everything here is safe in a workflow bundle: it depends on
 * `@temporalio/workflow`, zod and the input schema only, and secrets stay in the activities.
 *
 * A worker that runs these workflows registers the action activities (`createActionWorker` does), and
 * its workflows module re-exports `processActionWorkflow` when it uses `executeActionChild`.
 */
export {
  type ActionFailureDetails,
  FailureType,
  isRetryableFailureType,
} from '../src/failures/failure-types';
export { type ActionProcessorInputInit, type IActionProcessorInput, MAX_RETRIES } from '../src/input/schema';
export { actionFailureType, isActionFailure } from './action-failures';
export { executeAction, MAX_LOST_WORKER_ATTEMPTS } from './execute-action';
export { type ActionChildOptions, childActionWorkflowId, executeActionChild } from './execute-action-child';
export { DEFAULT_FALLBACK_FAILURE_TYPES, executeActionWithFallback, type FallbackOptions } from './fallback';
export { type MapSettledOptions, mapSettled } from './map-settled';
export { processActionWorkflow } from './process-action';
export { type CompensationFailure, Saga } from './saga';
export { type ActionStepOptions, MAX_STEP_TIMEOUT_MS, MAX_SUMMARY_LENGTH } from './step-options';
