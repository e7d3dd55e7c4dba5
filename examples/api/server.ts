import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startExampleApi}. */
export interface ExampleApiOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Port to listen on; 0 picks a free one. @default 4010 */
  readonly port?: number;
  /** API key that requests must send as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
}

/** A running example API. */
export interface ExampleApi {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

interface User {
  id: string;
  userId: string;
  email: string;
  plan: string;
}

/**
 * Starts a small payments API, the third party of the example configuration. It keeps users and
 * charges in memory and checks the bearer key, so the example shows a real authenticated HTTP call.
 */
export async function startExampleApi(options: ExampleApiOptions): Promise<ExampleApi> {
  const users = new Map<string, User>();
  let chargeCount = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { error: 'internal_error', message: String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://example.invalid');
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
      send(response, 401, { error: 'unauthorized', message: 'Send Authorization: Bearer <api key>.' });
      return;
    }
    const body = await readJson(request);

    if (request.method === 'POST' && url.pathname === '/v1/users/signup') {
      const userId = url.searchParams.get('userId');
      const email = body.email;
      if (!userId || typeof email !== 'string') {
        send(response, 400, {
          error: 'invalid_request',
          message: 'userId (query) and email (body) are required.',
        });
        return;
      }
      const user = {
        id: `usr_${userId}`,
        userId,
        email,
        plan: typeof body.plan === 'string' ? body.plan : 'free',
      };
      users.set(userId, user);
      send(response, 201, { ...user, apiVersion: request.headers['x-api-version'] ?? null });
      return;
    }

    const userMatch = /^\/v1\/users\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && userMatch) {
      const user = users.get(decodeURIComponent(userMatch[1]!));
      if (user === undefined) send(response, 404, { error: 'not_found', message: 'No such user.' });
      else send(response, 200, user);
      return;
    }

    const chargeMatch = /^\/v1\/users\/([^/]+)\/charges$/.exec(url.pathname);
    if (request.method === 'POST' && chargeMatch) {
      chargeCount += 1;
      send(response, 201, {
        id: `chg_${chargeCount}`,
        userId: decodeURIComponent(chargeMatch[1]!),
        amount: body.amount ?? null,
        currency: body.currency ?? null,
        merchant: body.merchant ?? null,
        status: 'succeeded',
      });
      return;
    }

    const refundMatch = /^\/v1\/charges\/([^/]+)\/refund$/.exec(url.pathname);
    if (request.method === 'POST' && refundMatch) {
      send(response, 200, { id: decodeURIComponent(refundMatch[1]!), status: 'refunded' });
      return;
    }

    send(response, 404, { error: 'not_found', message: `No route for ${request.method} ${url.pathname}.` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const value = JSON.parse(text) as unknown;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
