import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** The body as UTF-8 text. */
  readonly text: string;
  /** When the request arrived, in milliseconds since the epoch. */
  readonly receivedAt: number;
}

/** Responds to one request. It may write a response, hang, or destroy the socket. */
export type Responder = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 that records every request it receives and responds with scripted
 * responders: queued ones first, one per request, then the default.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Responder[] = [];
  private fallback: Responder = json(200, { ok: true });
  private readonly server: Server;
  url = '';

  private constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  /** Starts a server on a free port. */
  static async start(): Promise<RecordingServer> {
    const recording = new RecordingServer();
    await new Promise<void>((resolve) => recording.server.listen(0, '127.0.0.1', resolve));
    const { port } = recording.server.address() as AddressInfo;
    recording.url = `http://127.0.0.1:${port}`;
    return recording;
  }

  /** Sets the responder for requests that find the queue empty. */
  respondWith(responder: Responder): void {
    this.fallback = responder;
  }

  /** Queues responders for the next requests, in order. */
  enqueue(...responders: Responder[]): void {
    this.queue.push(...responders);
  }

  /** Forgets recorded requests and queued responders, and restores the default 200 response. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.fallback = json(200, { ok: true });
  }

  /** Requests whose path (without query) equals `path`. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.url.split('?')[0] === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const recorded = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
      text: body.toString('utf8'),
      receivedAt,
    };
    this.requests.push(recorded);

    const responder = this.queue.shift() ?? this.fallback;
    await responder(recorded, response);
  }
}

/** Responds with a JSON body and status. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Responder {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

/** Never responds, until the client gives up or the server closes. */
export function hang(): Responder {
  return () => undefined;
}

/** Destroys the connection without a response. */
export function resetConnection(): Responder {
  return (_request, response) => {
    response.socket?.destroy();
  };
}

/** Waits `delayMs`, then responds with `responder`. */
export function delayed(delayMs: number, responder: Responder): Responder {
  return async (request, response) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!response.destroyed) await responder(request, response);
  };
}

/** Returns a responder that keeps requests waiting until `release()` is called, then responds with `responder`. */
export function gate(responder: Responder): { responder: Responder; release(): void } {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    responder: async (request, response) => {
      await opened;
      if (!response.destroyed) await responder(request, response);
    },
    release,
  };
}

/**
 * Routes each request by `'<METHOD> <path>'` (path without query) to its responder, and answers any
 * other request 404, so a request the test did not expect fails its step.
 */
export function routes(table: Readonly<Record<string, Responder>>): Responder {
  return async (request, response) => {
    const responder = table[`${request.method} ${request.url.split('?')[0]}`];
    if (responder === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'no_route', method: request.method, url: request.url }));
      return;
    }
    await responder(request, response);
  };
}
