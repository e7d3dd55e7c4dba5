import type { AuthTokenSource } from '../auth/auth-token';
import type { Registry, ResolvedAction } from '../config/registry';
import type { AuthDefinition } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import type { SecretSource } from '../secrets/secret-source';
import type { Redactor } from './redactor';
import { PLACEHOLDER_PATTERN, placeholderArguments } from './syntax';

/** Request part in which a value sits; `$Default` looks up the action's default for that part. */
export type RequestPart = 'headers' | 'query' | 'params' | 'body';

/** Sources of placeholder values for one attempt. */
export interface PlaceholderContext {
  readonly registry: Registry;
  readonly resolved: ResolvedAction;
  readonly secrets: SecretSource;
  /** Collects every secret and auth value resolved, so that errors and logs can hide them. */
  readonly redactor: Redactor;
  /** Current tokens of credentials and OAuth2 auths; without it, `$Auth{tag}{token}` of those fails. */
  readonly auth?: AuthTokenSource;
}

/** Location of a value: its request part and top-level field name. `$Default` needs it. */
interface FieldLocation {
  readonly part: RequestPart;
  readonly field: string;
}

// Nested placeholders (a variable whose value is `$Secret{…}`) are resolved up to this depth, which
// also stops a `$Default` that refers to itself.
const MAX_DEPTH = 5;

/**
 * Resolves the placeholders in every field of a request part, recursing into arrays and objects.
 *
 * @throws ActionFailure of type UnresolvedPlaceholder, naming the placeholder but never a value.
 */
export async function resolvePart(
  part: RequestPart,
  values: Readonly<Record<string, unknown>>,
  context: PlaceholderContext,
): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    resolved[field] = await resolveValue(value, context, { part, field }, 0);
  }
  return resolved;
}

async function resolveValue(
  value: unknown,
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<unknown> {
  if (typeof value === 'string') return resolveString(value, context, location, depth);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(await resolveValue(item, context, location, depth));
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      resolved[key] = await resolveValue(item, context, location, depth);
    return resolved;
  }
  return value;
}

/**
 * Resolves the placeholders in one string. A string that is exactly one placeholder takes the value's
 * own type (a number stays a number); otherwise each placeholder is replaced by its text.
 */
async function resolveString(
  text: string,
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<unknown> {
  const matches = [...text.matchAll(PLACEHOLDER_PATTERN)];
  if (matches.length === 0) return text;
  if (depth >= MAX_DEPTH) {
    throw unresolved(
      matches[0]![0],
      `placeholders nest deeper than ${MAX_DEPTH} levels, or refer to themselves`,
    );
  }

  const only = matches[0]!;
  if (matches.length === 1 && only[0] === text) return resolvePlaceholder(only, context, location, depth);

  let result = '';
  let last = 0;
  for (const match of matches) {
    const value = await resolvePlaceholder(match, context, location, depth);
    result += text.slice(last, match.index) + (typeof value === 'string' ? value : JSON.stringify(value));
    last = match.index + match[0].length;
  }
  return result + text.slice(last);
}

async function resolvePlaceholder(
  match: RegExpMatchArray,
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<unknown> {
  const placeholder = match[0];
  const kind = match[1];
  if (kind === undefined) return resolveDefault(context, location, depth);

  const args = placeholderArguments(match[2] ?? '');
  switch (kind) {
    case 'Secret':
      return resolveSecret(placeholder, args, context);
    case 'Auth':
      return resolveAuth(placeholder, args, context, location, depth);
    case 'Variable':
      return resolveVariable(placeholder, args, context, location, depth);
    default:
      return resolveConstant(placeholder, args, context, location, depth);
  }
}

async function resolveSecret(
  placeholder: string,
  args: string[],
  context: PlaceholderContext,
): Promise<unknown> {
  const [name] = args;
  if (args.length !== 1 || !name) throw unresolved(placeholder, 'write it as $Secret{NAME}');

  const value = await context.secrets.get(name);
  if (value === undefined) {
    throw unresolved(
      placeholder,
      `secret '${name}' is not set in the worker's secret source (by default, its environment variables)`,
    );
  }
  context.redactor.add(value);
  return value;
}

async function resolveAuth(
  placeholder: string,
  args: string[],
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<unknown> {
  const [authTag, ...fieldPath] = args;
  if (!authTag || fieldPath.length === 0) throw unresolved(placeholder, 'write it as $Auth{auth_tag}{field}');

  const { app, productEnvironment, product } = context.resolved;
  const auth = app.auths.find((candidate) => candidate.tag === authTag);
  if (auth === undefined) {
    const known = app.auths.map((candidate) => candidate.tag).join(', ') || 'none';
    throw unresolved(placeholder, `app '${app.tag}' has no auth '${authTag}' (its auths: ${known})`);
  }
  const derived = await resolveDerivedAuthField(placeholder, auth, fieldPath, context, location, depth);
  if (derived !== undefined) return derived;

  const data = productEnvironment.auths[authTag];
  if (data === undefined) {
    throw unresolved(
      placeholder,
      `product '${product.tag}' sets no data for auth '${authTag}' in environment '${productEnvironment.product_env}'`,
    );
  }

  const raw = readPath(data, fieldPath);
  if (raw === undefined) {
    throw unresolved(
      placeholder,
      `auth '${authTag}' has no field '${fieldPath.join('.')}' in environment '${productEnvironment.product_env}'`,
    );
  }
  const value = await resolveValue(raw, context, location, depth + 1);
  markSensitive(value, context.redactor);
  return value;
}

/**
 * Resolves the fields that the worker computes: `token` and `authorization` of credentials and OAuth2
 * auths (the current token, and `Bearer <token>`), and `authorization` of basic auths
 * (`Basic <base64 of username:password>`). Returns `undefined` for any other field.
 */
async function resolveDerivedAuthField(
  placeholder: string,
  auth: AuthDefinition,
  fieldPath: readonly string[],
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<string | undefined> {
  const [field, ...rest] = fieldPath;
  if (rest.length > 0) return undefined;

  if (auth.type === 'basic' && field === 'authorization') {
    const username = await resolveAuth(
      `$Auth{${auth.tag}}{username}`,
      [auth.tag, 'username'],
      context,
      location,
      depth,
    );
    const password = await resolveAuth(
      `$Auth{${auth.tag}}{password}`,
      [auth.tag, 'password'],
      context,
      location,
      depth,
    );
    const header = `Basic ${Buffer.from(`${String(username)}:${String(password)}`, 'utf8').toString('base64')}`;
    context.redactor.add(header);
    return header;
  }

  if (
    (auth.type === 'credentials' || auth.type === 'oauth2') &&
    (field === 'token' || field === 'authorization')
  ) {
    if (context.auth === undefined) {
      throw unresolved(
        placeholder,
        `tokens of ${auth.type} auths are only fetched inside the runAction activity`,
      );
    }
    const token = await context.auth.token(auth);
    context.redactor.add(token.accessToken);
    return field === 'token' ? token.accessToken : `Bearer ${token.accessToken}`;
  }
  return undefined;
}

/**
 * Resolves every value of the product environment's data for an auth, such as the credentials that a
 * login sends, and marks each as sensitive.
 *
 * @throws ActionFailure of type UnresolvedPlaceholder when the product sets no data for the auth, or
 * a value has a placeholder without a value.
 */
export async function resolveAuthData(
  authTag: string,
  context: PlaceholderContext,
): Promise<Record<string, unknown>> {
  const { productEnvironment, product } = context.resolved;
  const data = productEnvironment.auths[authTag];
  if (data === undefined) {
    throw unresolved(
      `$Auth{${authTag}}`,
      `product '${product.tag}' sets no data for auth '${authTag}' in environment '${productEnvironment.product_env}'`,
    );
  }

  const resolved: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    resolved[field] = await resolveValue(value, context, { part: 'body', field }, 1);
    markSensitive(resolved[field], context.redactor);
  }
  return resolved;
}

async function resolveVariable(
  placeholder: string,
  args: string[],
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<unknown> {
  const [accessTag, key] = args;
  if (args.length !== 2 || !accessTag || !key)
    throw unresolved(placeholder, 'write it as $Variable{access_tag}{key}');

  const { product, productEnvironment } = context.resolved;
  const connection = product.apps.find((candidate) => candidate.access_tag === accessTag);
  if (connection === undefined)
    throw unresolved(placeholder, `product '${product.tag}' has no app under access tag '${accessTag}'`);

  const mapping = connection.envs.find((env) => env.product_env === productEnvironment.product_env);
  const raw = mapping?.variables[key];
  if (raw === undefined) {
    throw unresolved(
      placeholder,
      `variable '${key}' is not set for access tag '${accessTag}' in environment '${productEnvironment.product_env}'`,
    );
  }
  return resolveValue(raw, context, location, depth + 1);
}

async function resolveConstant(
  placeholder: string,
  args: string[],
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<unknown> {
  const [accessTag, key] = args;
  if (args.length !== 2 || !accessTag || !key)
    throw unresolved(placeholder, 'write it as $Constant{access_tag}{key}');

  const app = context.registry.findAppByAccessTag(context.resolved.product, accessTag);
  if (app === undefined) {
    throw unresolved(
      placeholder,
      `product '${context.resolved.product.tag}' has no app under access tag '${accessTag}'`,
    );
  }
  const raw = app.constants[key];
  if (raw === undefined) throw unresolved(placeholder, `app '${app.tag}' has no constant '${key}'`);
  return resolveValue(raw, context, location, depth + 1);
}

/** `$Default` takes the action's declared default for the field: its schema default, else its default value. */
async function resolveDefault(
  context: PlaceholderContext,
  location: FieldLocation,
  depth: number,
): Promise<unknown> {
  const { action } = context.resolved;
  const declared =
    action.schema?.[location.part]?.[location.field]?.default ?? action[location.part][location.field];
  if (declared === undefined || declared === '$Default') {
    throw unresolved(
      '$Default',
      `action '${action.tag}' declares no default for ${location.part}.${location.field}: add one to its ${location.part} or schema`,
    );
  }
  return resolveValue(declared, context, location, depth + 1);
}

function readPath(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function markSensitive(value: unknown, redactor: Redactor): void {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) markSensitive(item, redactor);
    return;
  }
  redactor.add(value);
}

function unresolved(placeholder: string, reason: string): ActionFailure {
  return new ActionFailure(
    FailureType.UnresolvedPlaceholder,
    `Cannot resolve placeholder ${placeholder}: ${reason}.`,
  );
}
