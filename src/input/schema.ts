/**
 * Input schema of an action run. Both the client and the workflow import this file, so it may depend
 * on zod and nothing else: it ends up inside Temporal's deterministic workflow bundle.
 */
import { z } from 'zod';
import './zod-setup';

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

/** Returns the schema of one request part: a plain JSON object, where missing, `null` and `{}` all become `{}`. */
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

/** Names of the request parts of the structured form. */
export const REQUEST_PARTS = ['query', 'params', 'body', 'headers'] as const;

/** A request part, and the prefix (`body:`) that routes a flat key to it. */
export type RequestPartName = (typeof REQUEST_PARTS)[number];

/** Request parts of an action run, as Ductape's `IActionRequest` defines them. */
const structuredRequestSchema = z
  .object({
    query: requestPart('query'),
    params: requestPart('params'),
    body: requestPart('body'),
    headers: headersPart,
  })
  .strict();

/**
 * Ductape's flat form: one object of fields that the worker routes to the request parts by the
 * action's declared schema. A `body:`, `params:`, `query:` or `headers:` prefix routes a key itself.
 * Routing needs the action's definition, so it happens in the worker; here only the keys are checked.
 */
const flatRequestSchema = z.record(z.string(), z.unknown()).superRefine((fields, context) => {
  for (const [key, value] of Object.entries(fields)) {
    const prefixed = splitPrefix(key);
    const lookalike = prefixed === undefined ? misspeltPart(key, value) : undefined;
    if (lookalike !== undefined) {
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown field '${key}': did you mean input.${lookalike}? To send a field of that name in the flat form, write '${lookalike === 'body' ? 'query' : 'body'}:${key}'`,
      });
    }
    if (prefixed === undefined) continue;
    if (prefixed.field === '') {
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `'${key}' has no field name after its prefix: write ${prefixed.part}:<name>`,
      });
    } else if (prefixed.part === 'headers' && !['string', 'number', 'boolean'].includes(typeof value)) {
      context.addIssue({
        code: 'custom',
        path: [key],
        message: 'a header value must be a string, number or boolean',
      });
    }
  }
});

/**
 * Returns the request part that a flat key with an object value looks like a misspelling of, such as
 * `querry` or `Body`, so that a typo in the structured form is reported instead of sent as a field.
 */
function misspeltPart(key: string, value: unknown): RequestPartName | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const lower = key.toLowerCase();
  return REQUEST_PARTS.find((part) => editDistance(lower, part) <= 2);
}

/** Counts the single-character insertions, deletions and substitutions that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Splits a flat key into its part prefix and field name, or returns `undefined` for a key without one. */
export function splitPrefix(key: string): { part: RequestPartName; field: string } | undefined {
  const colon = key.indexOf(':');
  if (colon === -1) return undefined;
  const part = REQUEST_PARTS.find((name) => name === key.slice(0, colon));
  return part === undefined ? undefined : { part, field: key.slice(colon + 1) };
}

/**
 * Tells whether an input's `input` is in the flat form: a non-empty object with none of the keys
 * `query`, `params`, `body` and `headers`. Anything else is read as the structured form, so a flat
 * field named like a part is written with its prefix (`body:body`).
 */
export function isFlatRequest(value: unknown): value is FlatActionRequest {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && !keys.some((key) => (REQUEST_PARTS as readonly string[]).includes(key));
}

/** The request of an action run, structured or flat. Missing, `null` and `{}` become empty parts. */
export const actionRequestSchema = z
  .unknown()
  .optional()
  .transform((value, context): IActionRequest => {
    const result = isFlatRequest(value)
      ? flatRequestSchema.safeParse(value)
      : structuredRequestSchema.nullish().safeParse(value);
    if (!result.success) {
      // The inner issues are passed on as they are, so their codes and paths (`input.query`) survive.
      for (const issue of result.error.issues) context.issues.push(issue as (typeof context.issues)[number]);
      return z.NEVER;
    }
    return result.data ?? { query: {}, params: {}, body: {}, headers: {} };
  });

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
export type ActionRequestParts = z.output<typeof structuredRequestSchema>;

/** A flat request after validation: fields, some with a part prefix, routed by the worker. */
export type FlatActionRequest = Readonly<Record<string, unknown>>;

/** The request of an action run after validation: its parts, or a flat request for the worker to route. */
export type IActionRequest = ActionRequestParts | FlatActionRequest;

/** Input of an action run after validation: request parts present, `retries` maybe absent. */
export type IActionProcessorInput = z.output<typeof actionProcessorInputSchema>;

/** Input of an action run as a caller writes it: any request part may be missing, or the request flat. */
export type ActionProcessorInputInit = Omit<z.input<typeof actionProcessorInputSchema>, 'input'> & {
  readonly input?: z.input<typeof structuredRequestSchema> | FlatActionRequest | null;
};

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
