import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ZodType } from 'zod';
import { checkPlaceholders } from './check-placeholders';
import { ConfigurationError, type ConfigurationProblem } from './configuration-error';
import { Registry } from './registry';
import { type AppDefinition, appSchema, type ProductDefinition, productSchema } from './schema';

const CONFIG_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Loads and validates every app and product under a configuration folder.
 *
 * The folder contains `apps/` and `products/`, each with YAML or JSON files of one definition each. All
 * files are read and checked before anything is returned, so a broken folder is reported whole and
 * never half-loaded.
 *
 * @throws ConfigurationError listing every problem, by file path and key.
 */
export async function loadConfiguration(folder: string): Promise<Registry> {
  const problems: ConfigurationProblem[] = [];
  const apps = await loadKind(folder, 'apps', appSchema, problems);
  const products = await loadKind(folder, 'products', productSchema, problems);

  if (problems.length === 0) problems.push(...checkReferences(apps, products));
  if (problems.length === 0) problems.push(...checkPlaceholders(apps, products));
  if (problems.length > 0) throw new ConfigurationError(problems);

  return new Registry(
    apps.map((entry) => entry.value),
    products.map((entry) => entry.value),
  );
}

interface LoadedFile<T> {
  readonly file: string;
  readonly value: T;
}

async function loadKind<T>(
  folder: string,
  kind: 'apps' | 'products',
  schema: ZodType<T>,
  problems: ConfigurationProblem[],
): Promise<LoadedFile<T>[]> {
  const kindFolder = path.join(folder, kind);
  let files: string[];
  try {
    files = await listConfigFiles(kindFolder);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder not found' : String(error);
    problems.push({
      file: kindFolder,
      key: '',
      message: `${reason}: create it and put one ${kind === 'apps' ? 'app' : 'product'} per YAML or JSON file in it`,
    });
    return [];
  }

  const loaded: LoadedFile<T>[] = [];
  for (const file of files) {
    const document = await parseFile(file, problems);
    if (document === undefined) continue;

    const result = schema.safeParse(document);
    if (result.success) {
      loaded.push({ file, value: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      problems.push({ file, key: issue.path.map(String).join('.'), message: issue.message });
    }
  }
  return loaded;
}

async function listConfigFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && CONFIG_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function parseFile(file: string, problems: ConfigurationProblem[]): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  if (file.toLowerCase().endsWith('.json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      problems.push({ file, key: '', message: `invalid JSON: ${(error as Error).message}` });
      return undefined;
    }
  }

  // `linePos` is only filled in by pretty errors, whose messages span several lines, so positions are
  // mapped to lines here instead.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const line = lineCounter.linePos(error.pos[0]);
      const where = ` (line ${line.line}, column ${line.col})`;
      problems.push({ file, key: '', message: `invalid YAML${where}: ${error.message.split('\n')[0]}` });
    }
    return undefined;
  }
  return document.toJS() as unknown;
}

/** Checks what no single file can: unique tags, and that each product refers to apps, envs and auths that exist. */
function checkReferences(
  apps: readonly LoadedFile<AppDefinition>[],
  products: readonly LoadedFile<ProductDefinition>[],
): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  const appsByTag = new Map<string, AppDefinition>();

  for (const { file, value: app } of apps) {
    if (appsByTag.has(app.tag))
      problems.push({ file, key: 'tag', message: `app '${app.tag}' is defined twice` });
    appsByTag.set(app.tag, app);
    problems.push(
      ...checkUnique(
        file,
        'environments',
        app.environments.map((env) => env.slug),
      ),
    );
    problems.push(
      ...checkUnique(
        file,
        'actions',
        app.actions.map((action) => action.tag),
      ),
    );
    problems.push(
      ...checkUnique(
        file,
        'auths',
        app.auths.map((auth) => auth.tag),
      ),
    );
    problems.push(...checkLoginActions(file, app));
  }

  const productTags = new Set<string>();
  for (const { file, value: product } of products) {
    if (productTags.has(product.tag)) {
      problems.push({ file, key: 'tag', message: `product '${product.tag}' is defined twice` });
    }
    productTags.add(product.tag);
    problems.push(
      ...checkUnique(
        file,
        'environments',
        product.environments.map((env) => env.slug),
      ),
    );
    problems.push(
      ...checkUnique(
        file,
        'apps',
        product.apps.map((app) => app.access_tag),
      ),
    );
    problems.push(...checkProductApps(file, product, appsByTag));
  }
  return problems;
}

function checkProductApps(
  file: string,
  product: ProductDefinition,
  appsByTag: ReadonlyMap<string, AppDefinition>,
): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  const productEnvs = product.environments.map((env) => env.slug);

  product.apps.forEach((connection, appIndex) => {
    const app = appsByTag.get(connection.app);
    if (app === undefined) {
      const known = [...appsByTag.keys()].join(', ') || 'none';
      problems.push({
        file,
        key: `apps.${appIndex}.app`,
        message: `app '${connection.app}' not found (defined apps: ${known})`,
      });
      return;
    }

    connection.envs.forEach((mapping, envIndex) => {
      const key = `apps.${appIndex}.envs.${envIndex}`;
      if (!productEnvs.includes(mapping.product_env)) {
        problems.push({
          file,
          key: `${key}.product_env`,
          message: `product environment '${mapping.product_env}' not found (product environments: ${productEnvs.join(', ')})`,
        });
      }
      const appEnvs = app.environments.map((env) => env.slug);
      if (!appEnvs.includes(mapping.app_env)) {
        problems.push({
          file,
          key: `${key}.app_env`,
          message: `environment '${mapping.app_env}' not found in app '${app.tag}' (its environments: ${appEnvs.join(', ')})`,
        });
      }
      const authTags = app.auths.map((auth) => auth.tag);
      for (const authTag of Object.keys(mapping.auths)) {
        if (!authTags.includes(authTag)) {
          problems.push({
            file,
            key: `${key}.auths.${authTag}`,
            message: `auth '${authTag}' not found in app '${app.tag}' (its auths: ${authTags.join(', ') || 'none'})`,
          });
        }
      }
    });
  });
  return problems;
}

/** A credentials auth must name a login action of its own app that does not need the token it fetches. */
function checkLoginActions(file: string, app: AppDefinition): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  app.auths.forEach((auth, index) => {
    if (auth.type !== 'credentials') return;
    const login = app.actions.find((action) => action.tag === auth.login_action);
    if (login === undefined) {
      const known = app.actions.map((action) => action.tag).join(', ');
      problems.push({
        file,
        key: `auths.${index}.login_action`,
        message: `action '${auth.login_action}' not found in app '${app.tag}' (its actions: ${known})`,
      });
    }
  });
  return problems;
}

function checkUnique(file: string, key: string, tags: readonly string[]): ConfigurationProblem[] {
  const seen = new Set<string>();
  const problems: ConfigurationProblem[] = [];
  tags.forEach((tag, index) => {
    if (seen.has(tag))
      problems.push({ file, key: `${key}.${index}`, message: `'${tag}' appears more than once` });
    seen.add(tag);
  });
  return problems;
}
