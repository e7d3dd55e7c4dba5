/**
 * Worker entry point of `ductape-temporal`, imported as `ductape-temporal/worker`: create a worker that
 * runs action workflows and activities, in your own process or through the `worker` command.
 */
export {
  type ActionActivities,
  type ActivityDependencies,
  type ActivityLimits,
  createActivities,
} from '../activities';
export {
  type ActionWorkerOptions,
  createActionWorker,
  DEFAULT_TASK_QUEUE,
  workflowsEntryPoint,
} from './create-worker';
export { installJsonLogger } from './logger';
export { runWorkerProcess } from './main';
