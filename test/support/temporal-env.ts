import type { LocalTestWorkflowEnvironmentOptions } from '@temporalio/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ductapeSearchAttributeKeys } from '../../src/search-attributes';
import { ensureTemporalCli, TemporalCliNotFoundError } from '../../src/temporal-cli';

type DevServerOptions = NonNullable<LocalTestWorkflowEnvironmentOptions['server']>;

/** Options of {@link createTestEnvironment}. */
export interface TestEnvironmentOptions {
  /**
   * Dev server settings merged over the harness defaults. The executable is chosen by the harness,
   * and `searchAttributes` are registered in addition to the Ductape ones.
   */
  server?: Omit<DevServerOptions, 'executable'>;
  /** Client settings passed to `TestWorkflowEnvironment.createLocal` unchanged. */
  client?: LocalTestWorkflowEnvironmentOptions['client'];
  /**
   * Whether the server registers the Ductape search attributes. Turn it off to test a cluster where
   * nobody registered them.
   * @default true
   */
  registerSearchAttributes?: boolean;
}

/**
 * Environment variable that lets the harness fall back to the Temporal SDK's own dev-server download
 * when no pinned CLI can be found or built. It is opt-in because the download reaches the internet
 * and fetches whichever CLI release the SDK picks, not the pinned one.
 */
export const SDK_DOWNLOAD_OPT_IN = 'DUCTAPE_TEMPORAL_CLI_DOWNLOAD';

/**
 * Starts a Temporal dev server on 127.0.0.1 with the pinned CLI, with the Ductape search attributes
 * registered unless `registerSearchAttributes` is false, and connects a client to it. Call `teardown()` on the result when the tests finish.
 */
export async function createTestEnvironment(
  options: TestEnvironmentOptions = {},
): Promise<TestWorkflowEnvironment> {
  const executable = await resolveDevServerExecutable();
  const { searchAttributes = [], ...server } = options.server ?? {};
  const ductapeKeys = options.registerSearchAttributes === false ? [] : ductapeSearchAttributeKeys;

  return TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      ...server,
      executable,
      searchAttributes: [...ductapeKeys, ...searchAttributes],
    },
    client: options.client,
  });
}

async function resolveDevServerExecutable(): Promise<NonNullable<DevServerOptions['executable']>> {
  try {
    return { type: 'existing-path', path: await ensureTemporalCli() };
  } catch (error) {
    if (!(error instanceof TemporalCliNotFoundError)) {
      throw error;
    }
    if (process.env[SDK_DOWNLOAD_OPT_IN] === '1') {
      return { type: 'cached-download' };
    }
    throw new Error(
      `${error.message} To let the Temporal SDK download a dev server instead, set ${SDK_DOWNLOAD_OPT_IN}=1.`,
      { cause: error },
    );
  }
}
