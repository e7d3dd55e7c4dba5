/**
 * Types shared by the activities and the workflows. Workflow code imports this file with `import type`
 * only, so it must declare types and nothing that runs.
 */
import type { IActionProcessorInput } from '../src/input/schema';

/** Settings with which the workflow schedules `runAction`: timeouts, backoff and a summary, never a secret. */
export interface ActionPlan {
  /** HTTP timeout of one attempt, in milliseconds. */
  readonly timeoutMs: number;
  /** Backoff between attempts that failed with a retryable failure. */
  readonly retry: {
    readonly initialIntervalMs: number;
    readonly backoffCoefficient: number;
    readonly maximumIntervalMs: number;
  };
  /** Maximum silence from a running attempt before Temporal declares its worker lost, in milliseconds. */
  readonly heartbeatTimeoutMs: number;
  /** Name of the idempotency key header, when the app or action opts in. */
  readonly idempotencyHeader?: string;
  readonly method: string;
  /** The action's resource path as configured, before parameters are substituted. */
  readonly resource: string;
  /**
   * Request URL for people to read: base URL and path, without query string. Path parameters with
   * literal values are filled in, and those that come from placeholders stay `{name}`, so it never
   * contains a secret. Plans recorded in histories of runs started before it existed lack it, so
   * workflow code must handle it missing.
   */
  readonly url?: string;
  /** Tag of the app that the access tag refers to. */
  readonly appTag: string;
  /** Slug of the app environment that the product environment maps to. */
  readonly appEnvironment: string;
}

/** Number and idempotency key of the attempt that `runAction` performs. */
export interface ActionAttempt {
  /** Attempt number, starting at 1. Attempts lost with their worker are not counted. */
  readonly number: number;
  /** Value of the idempotency key header, the same for every attempt of the run. */
  readonly idempotencyKey?: string;
  /** HTTP timeout of the attempt in milliseconds, set by a step's options over the action's `timeout_ms`. */
  readonly timeoutMs?: number;
}

/** The activities that `createActivities` returns. */
export interface ActionActivities {
  /** Looks the action up in configuration and returns its plan. Runs as a local activity. */
  describeAction(input: IActionProcessorInput): Promise<ActionPlan>;
  /** Resolves placeholders, sends the request and returns the decoded response body. */
  runAction(input: IActionProcessorInput, attempt?: ActionAttempt): Promise<unknown>;
}
