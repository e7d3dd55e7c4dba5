/** Workflows that the worker registers. */
export { processActionWorkflow } from './process-action';
