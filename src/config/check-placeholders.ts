import { findPlaceholders } from '../placeholders/syntax';
import type { ConfigurationProblem } from './configuration-error';
import type { AppDefinition, ProductDefinition } from './schema';

/** A definition and the file it came from. */
interface Located<T> {
  readonly file: string;
  readonly value: T;
}

/**
 * Checks the placeholders written in app definitions against what the configuration can supply, so
 * `validate` catches a misspelt `$Auth`, `$Constant` or `$Variable` before a run does:
 *
 * - `$Auth{auth_tag}{…}` must name an auth of the app;
 * - `$Constant{access_tag}{key}` and `$Variable{access_tag}{key}` must name, in every product that
 *   connects the app, an access tag of that product whose app has the constant, or whose environment
 *   mappings set the variable.
 *
 * `$Secret` values come from the worker's environment and are checked only when a run resolves them.
 * Placeholders in a caller's input are checked at run time too.
 */
export function checkPlaceholders(
  apps: readonly Located<AppDefinition>[],
  products: readonly Located<ProductDefinition>[],
): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  const appsByTag = new Map(apps.map((entry) => [entry.value.tag, entry.value]));

  for (const { file, value: app } of apps) {
    const users = products.filter((product) =>
      product.value.apps.some((connection) => connection.app === app.tag),
    );

    for (const { key, text } of stringsOf(app)) {
      for (const placeholder of findPlaceholders(text)) {
        const where = `${placeholder.text} `;
        if (placeholder.kind === 'Auth') {
          const authTag = placeholder.args[0] ?? '';
          if (!app.auths.some((auth) => auth.tag === authTag)) {
            const known = app.auths.map((auth) => auth.tag).join(', ') || 'none';
            problems.push({
              file,
              key,
              message: `${where}names auth '${authTag}', which app '${app.tag}' does not define (its auths: ${known})`,
            });
          }
        }
        if (placeholder.kind !== 'Constant' && placeholder.kind !== 'Variable') continue;
        if (placeholder.args.length !== 2) {
          problems.push({
            file,
            key,
            message: `${where}must have two arguments: $${placeholder.kind}{access_tag}{key}`,
          });
          continue;
        }

        const [accessTag = '', name = ''] = placeholder.args;
        for (const product of users) {
          const problem =
            placeholder.kind === 'Constant'
              ? missingConstant(product.value, accessTag, name, appsByTag)
              : missingVariable(product.value, app.tag, accessTag, name);
          if (problem !== undefined) problems.push({ file, key, message: `${where}${problem}` });
        }
      }
    }
  }
  return problems;
}

function missingConstant(
  product: ProductDefinition,
  accessTag: string,
  name: string,
  appsByTag: ReadonlyMap<string, AppDefinition>,
): string | undefined {
  const connection = product.apps.find((candidate) => candidate.access_tag === accessTag);
  if (connection === undefined)
    return `names access tag '${accessTag}', which product '${product.tag}' does not connect`;
  const target = appsByTag.get(connection.app);
  if (target !== undefined && !(name in target.constants)) {
    return `names constant '${name}', which app '${target.tag}' does not define`;
  }
  return undefined;
}

/** A variable must be set for every product environment in which the product uses the calling app. */
function missingVariable(
  product: ProductDefinition,
  appTag: string,
  accessTag: string,
  name: string,
): string | undefined {
  const connection = product.apps.find((candidate) => candidate.access_tag === accessTag);
  if (connection === undefined)
    return `names access tag '${accessTag}', which product '${product.tag}' does not connect`;

  const usedIn = product.apps
    .filter((candidate) => candidate.app === appTag)
    .flatMap((candidate) => candidate.envs.map((mapping) => mapping.product_env));
  const missing = [...new Set(usedIn)].filter(
    (env) => connection.envs.find((mapping) => mapping.product_env === env)?.variables[name] === undefined,
  );
  if (missing.length === 0) return undefined;
  return `names variable '${name}', which product '${product.tag}' does not set for access tag '${accessTag}' in environment ${missing.map((env) => `'${env}'`).join(', ')}`;
}

/** Collects every string that an app definition sends: app headers and each action's default parts. */
function stringsOf(app: AppDefinition): { key: string; text: string }[] {
  const found: { key: string; text: string }[] = [];
  collect(app.headers, 'headers', found);
  app.actions.forEach((action, index) => {
    for (const part of ['headers', 'query', 'params', 'body'] as const) {
      collect(action[part], `actions.${index}.${part}`, found);
    }
  });
  return found;
}

function collect(value: unknown, key: string, found: { key: string; text: string }[]): void {
  if (typeof value === 'string') {
    found.push({ key, text: value });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collect(item, `${key}.${index}`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) collect(item, `${key}.${name}`, found);
  }
}
