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
   * they are not registered.
   * @default true
   */
  registerSearchAttributes?: boolean;
}

/**
 * Environment variable that turns off the harness's fallback to the Temporal SDK's own dev-server
 * download (set it to `0`). The fallback applies only when no pinned CLI can be found or built, as
 * on a machine without Go. It needs the internet, and it fetches the CLI release that the SDK picks.
 */
export const SDK_DOWNLOAD_SWITCH = 'DUCTAPE_TEMPORAL_CLI_DOWNLOAD';

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
    if (process.env[SDK_DOWNLOAD_SWITCH] === '0') {
      throw new Error(
        `${error.message} (The SDK download fallback is off because ${SDK_DOWNLOAD_SWITCH}=0.)`,
        {
          cause: error,
        },
      );
    }
    // NOTE: tests that run the CLI binary themselves (server restart) still need the pinned CLI.
    process.emitWarning(`${error.message} Falling back to the Temporal SDK's dev-server download.`);
    return { type: 'cached-download' };
  }
}
