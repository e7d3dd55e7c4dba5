import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { ActionProcessor, type WarningLogger } from './action-processor';

/** Options of {@link Ductape}: where Temporal is and which task queue the workers poll. */
export interface DuctapeOptions extends ConnectionOptions {
  /**
   * An open connection to reuse. When given, the connection options are ignored and `close()` leaves
   * the connection open.
   */
  readonly connection?: Connection;
  /** @default 'default' */
  readonly namespace?: string;
  /**
   * Task queue that the action workers poll.
   * @default 'ductape-actions'
   */
  readonly taskQueue?: string;
  /**
   * Receives the client's warnings, such as the one-time warning that the namespace lacks the Ductape
   * search attributes. Temporal's `Logger` fits.
   * @default a Node process warning (`process.emitWarning`), printed on standard error
   */
  readonly logger?: WarningLogger;
}

/**
 * Client for action runs, with the same call shape as Ductape's SDK:
 * `ductape.processor.action.run({ env, product_tag, app, event, input, retries })`.
 *
 * The connection to Temporal opens on the first call, so constructing a client never throws for an
 * unreachable server.
 */
export class Ductape {
  /** Processors by kind, as in Ductape's SDK. */
  readonly processor: { readonly action: ActionProcessor };
  private readonly connection: Connection;
  private readonly ownsConnection: boolean;
  private client: Client | undefined;
  private readonly namespace: string;

  constructor(options: DuctapeOptions = {}) {
    const { connection, namespace, taskQueue, logger, ...connectionOptions } = options;
    this.ownsConnection = connection === undefined;
    this.connection = connection ?? Connection.lazy(connectionOptions);
    this.namespace = namespace ?? 'default';
    this.processor = {
      action: new ActionProcessor(() => this.temporalClient(), taskQueue ?? 'ductape-actions', logger),
    };
  }

  /** Temporal client that this instance uses, for anything the facade does not cover. */
  temporalClient(): Client {
    this.client ??= new Client({ connection: this.connection, namespace: this.namespace });
    return this.client;
  }

  /** Closes the connection to Temporal, unless it was passed in by the caller. */
  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}
