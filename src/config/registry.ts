import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import type {
  ActionDefinition,
  AppDefinition,
  AppEnvironment,
  ProductAppEnvironment,
  ProductDefinition,
} from './schema';

/** Keys that select one action of one product environment, as in the run's input. */
export interface ActionKey {
  readonly product_tag: string;
  readonly app: string;
  readonly env: string;
  readonly event: string;
}

/** Everything the worker needs to run one action, looked up from configuration. */
export interface ResolvedAction {
  readonly product: ProductDefinition;
  /** Access tag under which the product connected the app. */
  readonly accessTag: string;
  readonly app: AppDefinition;
  readonly appEnvironment: AppEnvironment;
  /** The product environment's variables and auth data for this app. */
  readonly productEnvironment: ProductAppEnvironment;
  readonly action: ActionDefinition;
}

/**
 * In-memory index of the loaded apps and products. It is built once when the worker starts and only
 * read afterwards, so lookups cost a few map reads.
 */
export class Registry {
  readonly apps: ReadonlyMap<string, AppDefinition>;
  readonly products: ReadonlyMap<string, ProductDefinition>;

  constructor(apps: readonly AppDefinition[], products: readonly ProductDefinition[]) {
    this.apps = new Map(apps.map((app) => [app.tag, app]));
    this.products = new Map(products.map((product) => [product.tag, product]));
  }

  /**
   * Finds the action that a run refers to.
   *
   * @throws ActionFailure of type UnknownProduct, UnknownApp, UnknownEnvironment or UnknownAction,
   * whose message lists what does exist.
   */
  resolve(key: ActionKey): ResolvedAction {
    const product = this.products.get(key.product_tag);
    if (product === undefined) {
      throw new ActionFailure(
        FailureType.UnknownProduct,
        `Product '${key.product_tag}' not found. Known products: ${list(this.products.keys())}.`,
      );
    }

    const connection = product.apps.find((candidate) => candidate.access_tag === key.app);
    if (connection === undefined) {
      throw new ActionFailure(
        FailureType.UnknownApp,
        `App access tag '${key.app}' not found in product '${product.tag}'. Its access tags: ${list(product.apps.map((app) => app.access_tag))}.`,
      );
    }

    if (!product.environments.some((env) => env.slug === key.env)) {
      throw new ActionFailure(
        FailureType.UnknownEnvironment,
        `Environment '${key.env}' not found in product '${product.tag}'. Its environments: ${list(product.environments.map((env) => env.slug))}.`,
      );
    }
    const productEnvironment = connection.envs.find((mapping) => mapping.product_env === key.env);
    if (productEnvironment === undefined) {
      throw new ActionFailure(
        FailureType.UnknownEnvironment,
        `Product '${product.tag}' does not map environment '${key.env}' to an environment of app '${key.app}'. Mapped environments: ${list(connection.envs.map((mapping) => mapping.product_env))}.`,
      );
    }

    // The loader checked these references, so a miss here means the registry was built by hand.
    const app = this.apps.get(connection.app);
    const appEnvironment = app?.environments.find((env) => env.slug === productEnvironment.app_env);
    if (app === undefined || appEnvironment === undefined) {
      throw new ActionFailure(
        FailureType.InvalidConfiguration,
        `Product '${product.tag}' maps '${key.app}' to app '${connection.app}' environment '${productEnvironment.app_env}', which is not defined.`,
      );
    }
    if (!appEnvironment.active) {
      throw new ActionFailure(
        FailureType.UnknownEnvironment,
        `Environment '${appEnvironment.slug}' of app '${app.tag}' is inactive: set active: true in its definition to use it.`,
      );
    }

    const action = app.actions.find((candidate) => candidate.tag === key.event);
    if (action === undefined) {
      throw new ActionFailure(
        FailureType.UnknownAction,
        `Event '${key.event}' not found in app '${app.tag}' (access tag '${key.app}'). Its actions: ${list(app.actions.map((candidate) => candidate.tag))}.`,
      );
    }

    return { product, accessTag: key.app, app, appEnvironment, productEnvironment, action };
  }

  /** Finds the app that a product connected under an access tag, if any. */
  findAppByAccessTag(product: ProductDefinition, accessTag: string): AppDefinition | undefined {
    const connection = product.apps.find((candidate) => candidate.access_tag === accessTag);
    return connection === undefined ? undefined : this.apps.get(connection.app);
  }
}

function list(values: Iterable<string>): string {
  const items = [...values];
  return items.length === 0 ? 'none' : items.join(', ');
}
