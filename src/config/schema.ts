/**
 * Schemas of the configuration files: apps (one third-party API each) and products (which connect apps
 * under access tags). Keys use snake_case, as Ductape's own definitions do.
 */
import { z } from 'zod';

const tagSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, {
    error: "must start with a letter or digit and contain only letters, digits, '_', '.', ':' and '-'",
  });

const headerNameSchema = z
  .string()
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, { error: 'must be a valid HTTP header name' });

/** Encoding of a request body on the wire. */
export const requestTypeSchema = z.enum(['JSON', 'URLENCODED', 'FORMDATA', 'XML', 'SOAP', 'TEXT']);

/** Request body encoding of an action. */
export type RequestType = z.infer<typeof requestTypeSchema>;

const httpMethodSchema = z
  .string()
  .transform((method) => method.toUpperCase())
  .pipe(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']));

/** Backoff between attempts. Every field is optional and falls back to the app's, then the defaults. */
export const retryConfigSchema = z
  .object({
    initial_interval_ms: z.number().int().min(1).max(3_600_000).optional(),
    backoff_coefficient: z.number().min(1).max(10).optional(),
    maximum_interval_ms: z.number().int().min(1).max(86_400_000).optional(),
  })
  .strict();

/** One field of a request part's schema. */
export const fieldSchema = z
  .object({
    type: z.enum(['string', 'number', 'integer', 'boolean', 'object', 'array']).optional(),
    required: z.boolean().optional(),
    default: z.unknown().optional(),
    description: z.string().optional(),
  })
  .strict();

const partSchema = z.record(z.string(), fieldSchema);

const valuesSchema = z.record(z.string(), z.unknown());

const headerValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** One endpoint of the third-party API. */
export const actionSchema = z
  .object({
    tag: tagSchema,
    name: z.string().optional(),
    description: z.string().optional(),
    method: httpMethodSchema,
    /** Path relative to the environment's base URL, with `:name` or `{name}` parameters. */
    resource: z.string().min(1).startsWith('/', { error: "must start with '/'" }),
    request_type: requestTypeSchema.optional(),
    headers: headerValuesSchema.default({}),
    query: valuesSchema.default({}),
    params: valuesSchema.default({}),
    body: valuesSchema.default({}),
    schema: z
      .object({
        headers: partSchema.optional(),
        query: partSchema.optional(),
        params: partSchema.optional(),
        body: partSchema.optional(),
      })
      .strict()
      .optional(),
    timeout_ms: z.number().int().min(1).max(600_000).optional(),
    retry: retryConfigSchema.optional(),
    /** Header that carries the run's idempotency key, or `false` to turn off the app's. */
    idempotency_key_header: z.union([headerNameSchema, z.literal(false)]).optional(),
    /** Value of the `SOAPAction` header of a SOAP request. */
    soap_action: z.string().optional(),
  })
  .strict();

/** Fields of every auth kind. */
const authBase = {
  tag: tagSchema,
  description: z.string().optional(),
};

// Kept apart from `fields`: `$Auth{tag}{token}` and `$Auth{tag}{authorization}` are computed by the
// worker for these kinds, so product data under those names would never be read.
const DERIVED_FIELDS = ['token', 'authorization'];

const refreshMarginMs = z
  .number()
  .int()
  .min(0)
  .max(3_600_000)
  .default(60_000)
  .describe('Time before expiry at which the worker fetches a new token, in milliseconds');

/** A static token: its fields (such as `token`) are set per product environment. */
export const tokenAuthSchema = z
  .object({
    ...authBase,
    type: z.literal('token'),
    /** Fields that each product environment must set, such as `token`. */
    fields: z.array(z.string().min(1)).min(1).default(['token']),
  })
  .strict();

/**
 * HTTP basic auth: each product environment sets `username` and `password`, and
 * `$Auth{tag}{authorization}` is `Basic ` followed by their base64 form.
 */
export const basicAuthSchema = z
  .object({
    ...authBase,
    type: z.literal('basic'),
  })
  .strict();

/**
 * A token obtained by calling a login action of the same app with credentials, cached by each worker
 * until it expires.
 */
export const credentialsAuthSchema = z
  .object({
    ...authBase,
    type: z.literal('credentials'),
    /** Tag of the action that exchanges the credentials for a token. */
    login_action: tagSchema,
    /** Fields that each product environment sets, such as `username` and `password`. */
    fields: z
      .array(
        z
          .string()
          .min(1)
          .refine((field) => !DERIVED_FIELDS.includes(field), {
            error: 'is computed by the worker: name the credential field differently',
          }),
      )
      .default(['username', 'password']),
    /** Dotted path of the token in the login response body. */
    token_path: z.string().min(1).default('access_token'),
    /** Dotted path of the token's lifetime in seconds in the login response body. */
    expires_in_path: z.string().min(1).default('expires_in'),
    /** Lifetime of a token whose login response states none, in milliseconds. Without it, such a token is kept until the API responds with 401. */
    token_ttl_ms: z.number().int().min(1).optional(),
    refresh_margin_ms: refreshMarginMs,
  })
  .strict();

/**
 * OAuth 2.0 refresh token grant (RFC 6749 section 6): each product environment sets `client_id`,
 * `client_secret` and `refresh_token`, and the worker calls `token_url` for an access token.
 */
export const oauth2AuthSchema = z
  .object({
    ...authBase,
    type: z.literal('oauth2'),
    /** Token endpoint: an absolute http(s) URL, or a path under the app environment's base URL. */
    token_url: z.string().refine((value) => value.startsWith('/') || /^https?:\/\/[^/]/.test(value), {
      error: 'must be an http:// or https:// URL, or a path starting with /',
    }),
    /** Client authentication at the token endpoint: an `Authorization: Basic` header, or fields in the form body. */
    client_auth: z.enum(['basic', 'body']).default('basic'),
    /** Space-separated scopes to ask for; by default the scopes of the refresh token. */
    scope: z.string().optional(),
    refresh_margin_ms: refreshMarginMs,
  })
  .strict();

/** An auth of an app, discriminated by `type`. */
export const authSchema = z.discriminatedUnion(
  'type',
  [tokenAuthSchema, basicAuthSchema, credentialsAuthSchema, oauth2AuthSchema],
  { error: "must have type 'token', 'basic', 'credentials' or 'oauth2'" },
);

/** One environment of the third-party API. */
export const appEnvironmentSchema = z
  .object({
    slug: tagSchema,
    name: z.string().optional(),
    base_url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
    request_type: requestTypeSchema.default('JSON'),
    active: z.boolean().default(true),
  })
  .strict();

/** An app: one third-party API, described once. */
export const appSchema = z
  .object({
    tag: tagSchema,
    name: z.string().optional(),
    description: z.string().optional(),
    environments: z.array(appEnvironmentSchema).min(1),
    actions: z.array(actionSchema).min(1),
    auths: z.array(authSchema).default([]),
    constants: z.record(z.string(), z.unknown()).default({}),
    /** Names of the variables that each product environment sets, with a description. */
    variables: z.record(z.string(), z.string()).default({}),
    headers: headerValuesSchema.default({}),
    retry: retryConfigSchema.optional(),
    timeout_ms: z.number().int().min(1).max(600_000).optional(),
    /** Header that carries the run's idempotency key on every action of the app, such as `Idempotency-Key`. */
    idempotency_key_header: headerNameSchema.optional(),
  })
  .strict();

/** Mapping of one product environment to one app environment, with its variables and auth data. */
export const productAppEnvironmentSchema = z
  .object({
    product_env: tagSchema,
    app_env: tagSchema,
    variables: valuesSchema.default({}),
    /** Auth data by auth tag, such as `{ token_access: { token: '$Secret{PAYMENTS_TOKEN}' } }`. */
    auths: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  })
  .strict();

/** An app connected to a product under an access tag. */
export const productAppSchema = z
  .object({
    access_tag: tagSchema,
    app: tagSchema,
    envs: z.array(productAppEnvironmentSchema).min(1),
  })
  .strict();

/** A product: the caller's side, connecting apps under access tags. */
export const productSchema = z
  .object({
    tag: tagSchema,
    name: z.string().optional(),
    description: z.string().optional(),
    environments: z.array(z.object({ slug: tagSchema, name: z.string().optional() }).strict()).min(1),
    apps: z.array(productAppSchema).default([]),
  })
  .strict();

export type ActionDefinition = z.output<typeof actionSchema>;
export type AuthDefinition = z.output<typeof authSchema>;
export type CredentialsAuthDefinition = z.output<typeof credentialsAuthSchema>;
export type OAuth2AuthDefinition = z.output<typeof oauth2AuthSchema>;
export type AppEnvironment = z.output<typeof appEnvironmentSchema>;
export type AppDefinition = z.output<typeof appSchema>;
export type RetryConfig = z.output<typeof retryConfigSchema>;
export type FieldDefinition = z.output<typeof fieldSchema>;
export type ProductAppEnvironment = z.output<typeof productAppEnvironmentSchema>;
export type ProductApp = z.output<typeof productAppSchema>;
export type ProductDefinition = z.output<typeof productSchema>;
