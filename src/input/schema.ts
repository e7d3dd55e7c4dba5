/**
 * Input schema of an action run. Both the client and the workflow import this file, so it may depend
 * on zod and nothing else: it ends up inside Temporal's deterministic workflow bundle.
 */
import { z } from 'zod';

// zod 4 compiles parsers with `new Function` unless told not to. Workflow sandboxes and strict CSPs
// forbid or penalise that, and the interpreted path is fast enough for inputs of this size.
z.config({ jitless: true });

/** Maximum of `retries`: at most this many retries after the first failed attempt. */
export const MAX_RETRIES = 20;

/** Pattern of tags (product, access tag, event, environment slug), as Ductape writes them. */
const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

function tag(field: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`),
    })
    .min(1, { error: `${field} must not be empty` })
    .max(200, { error: `${field} must be at most 200 characters` })
    .regex(TAG_PATTERN, {
      error: `${field} must start with a letter or digit and contain only letters, digits, '_', '.', ':' and '-'`,
    });
}

/** A part of the request: a plain JSON object. Missing, `null` and `{}` all become `{}`. */
function requestPart(part: string) {
  return z
    .record(z.string(), z.unknown(), { error: `input.${part} must be an object of field names to values` })
    .nullish()
    .transform((value) => value ?? {});
}

/** Headers are strings, because HTTP sends them as strings. */
const headersPart = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]), {
    error: 'input.headers must be an object of header names to string values',
  })
  .nullish()
  .transform((value): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const [name, headerValue] of Object.entries(value ?? {})) headers[name] = String(headerValue);
    return headers;
  });

/** Request parts of an action run, as Ductape's `IActionRequest` defines them. */
export const actionRequestSchema = z
  .object({
    query: requestPart('query'),
    params: requestPart('params'),
    body: requestPart('body'),
    headers: headersPart,
  })
  .strict()
  .nullish()
  .transform((value) => value ?? { query: {}, params: {}, body: {}, headers: {} });

/** Input of `processor.action.run`, as Ductape's `IActionProcessorInput` defines it. */
export const actionProcessorInputSchema = z
  .object({
    env: tag('env'),
    product_tag: tag('product_tag'),
    app: tag('app'),
    event: tag('event'),
    input: actionRequestSchema,
    retries: z
      .number({ error: 'retries must be a number' })
      .int({ error: 'retries must be a whole number' })
      .min(0, { error: 'retries must be 0 or more' })
      .max(MAX_RETRIES, { error: `retries must be at most ${MAX_RETRIES}` })
      .optional(),
  })
  .strict();

/** Request parts after validation: every part present. */
export type IActionRequest = z.output<typeof actionRequestSchema>;

/** Input of an action run after validation: request parts present, `retries` maybe absent. */
export type IActionProcessorInput = z.output<typeof actionProcessorInputSchema>;

/** Input of an action run as a caller writes it: any request part may be missing. */
export type ActionProcessorInputInit = z.input<typeof actionProcessorInputSchema>;

/** Options of `processActionWorkflow` beside its input. They carry no secret, because they enter history. */
export interface ProcessActionOptions {
  /** Value of the idempotency key header; the workflow draws a random one when it is missing. */
  readonly idempotencyKey?: string;
}

/** One problem with an input: the dotted path of the field and the rule it broke. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/** Outcome of {@link parseActionInput}: the normalised input, or every problem found. */
export type ParsedActionInput =
  | { readonly ok: true; readonly value: IActionProcessorInput }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** Validates and normalises an action input, collecting every problem instead of stopping at the first. */
export function parseActionInput(data: unknown): ParsedActionInput {
  const result = actionProcessorInputSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };

  const problems = result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)',
    message: issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : issue.message,
  }));
  return { ok: false, problems };
}

function unknownKeysMessage(keys: readonly string[]): string {
  const names = keys.map((key) => `'${key}'`).join(', ');
  return `unknown field ${names}: remove it, or check its spelling against env, product_tag, app, event, input, retries and input.query, input.params, input.body, input.headers`;
}

/** Formats input problems as one message, one problem a line. */
export function formatInputProblems(problems: readonly InputProblem[]): string {
  const lines = problems.map((problem) => `  - ${problem.path}: ${problem.message}`);
  return `Invalid action input (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
