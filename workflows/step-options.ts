/**
 * Options of one action step, and their validation. Workflow code imports this file, so it may depend
 * on zod and the input schema only.
 */
import { z } from 'zod';
import { type InputProblem, MAX_RETRIES, type ProcessActionOptions } from '../src/input/schema';

/** Maximum of {@link ActionStepOptions.timeoutMs}, the same as `timeout_ms` in configuration. */
export const MAX_STEP_TIMEOUT_MS = 600_000;

/** Maximum length of {@link ActionStepOptions.summary}. */
export const MAX_SUMMARY_LENGTH = 200;

/** Options of one action step, beside the Ductape-shaped input. */
export interface ActionStepOptions extends ProcessActionOptions {
  /**
   * Value of the idempotency key header, when the app or action declares one, for every attempt of the
   * step: 1 to 255 visible ASCII characters. Derive it from the workflow's input, such as an order ID,
   * so that a workflow started again for the same order sends the same key.
   * @default a random UUID drawn by the workflow, the same for every attempt of the step
   */
  readonly idempotencyKey?: string;
  /**
   * Retry attempts after the first failed attempt, from 0 to `MAX_RETRIES` (20). It replaces the
   * input's `retries` for this step.
   * @default the input's `retries`, else 0
   */
  readonly retries?: number;
  /**
   * HTTP timeout of each attempt, in milliseconds, from 1 to 600000. It replaces the action's
   * `timeout_ms` for this step.
   * @default the action's `timeout_ms`, else its app's, else the worker's default (15000)
   */
  readonly timeoutMs?: number;
  /**
   * One-line summary of the step's attempts in the Temporal Web UI, at most 200 characters. It is
   * stored in the history as written, so it must not contain a secret.
   * @default `<method> <access tag>/<event> (<env>)`, such as `POST payments/charge.create (dev)`
   */
  readonly summary?: string;
}

const stepOptionsSchema = z
  .object(
    {
      retries: z
        .number({ error: 'options.retries must be a number' })
        .int({ error: 'options.retries must be a whole number' })
        .min(0, { error: 'options.retries must be 0 or more' })
        .max(MAX_RETRIES, { error: `options.retries must be at most ${MAX_RETRIES}` })
        .optional(),
      timeoutMs: z
        .number({ error: 'options.timeoutMs must be a number of milliseconds' })
        .int({ error: 'options.timeoutMs must be a whole number of milliseconds' })
        .min(1, { error: 'options.timeoutMs must be 1 or more' })
        .max(MAX_STEP_TIMEOUT_MS, { error: `options.timeoutMs must be at most ${MAX_STEP_TIMEOUT_MS}` })
        .optional(),
      summary: z
        .string({ error: 'options.summary must be a string' })
        .min(1, { error: 'options.summary must not be empty' })
        .max(MAX_SUMMARY_LENGTH, {
          error: `options.summary must be at most ${MAX_SUMMARY_LENGTH} characters`,
        })
        .regex(/^[^\r\n]*$/, { error: 'options.summary must be a single line' })
        .optional(),
      idempotencyKey: z
        .string({ error: 'options.idempotencyKey must be a string' })
        .regex(/^[\x21-\x7e]{1,255}$/, {
          error: 'options.idempotencyKey must be 1 to 255 visible ASCII characters without spaces',
        })
        .optional(),
    },
    { error: 'options must be an object' },
  )
  .strict();

/** Outcome of {@link parseStepOptions}: the options, or every problem found. */
export type ParsedStepOptions =
  | { readonly ok: true; readonly value: ActionStepOptions }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** Validates step options, collecting every problem with its path under `options`. */
export function parseStepOptions(data: unknown): ParsedStepOptions {
  const result = stepOptionsSchema.safeParse(data ?? {});
  if (result.success) return { ok: true, value: result.data };

  const problems = result.error.issues.map((issue) => ({
    path: ['options', ...issue.path.map(String)].join('.'),
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown option ${issue.keys.map((key) => `'${key}'`).join(', ')}: use retries, timeoutMs, summary or idempotencyKey`
        : issue.message,
  }));
  return { ok: false, problems };
}
