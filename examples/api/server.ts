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
 * Starts a small payments API and two email APIs, the third parties of the example configuration. It
 * keeps users and charges in memory and checks the bearer key, so the example shows a real
 * authenticated HTTP call. The first email API answers 503 for recipients at `unavailable.example`,
 * and both answer 422 for recipients at `bounce.example`, so the fallback and saga examples can fail
 * on request.
 */
export async function startExampleApi(options: ExampleApiOptions): Promise<ExampleApi> {
  const users = new Map<string, User>();
  let chargeCount = 0;
  let messageCount = 0;

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
    if (request.method === 'DELETE' && userMatch) {
      const userId = decodeURIComponent(userMatch[1]!);
      // Deleting twice succeeds, so a compensation that runs again after a crash does no harm.
      users.delete(userId);
      send(response, 200, { id: `usr_${userId}`, deleted: true });
      return;
    }

    if (request.method === 'POST' && url.pathname === '/mailer/v1/messages') {
      sendMail(response, body.to, 'mailer', { unavailableDomain: 'unavailable.example' });
      return;
    }
    if (request.method === 'POST' && url.pathname === '/backup-mailer/v2/mail/send') {
      sendMail(response, body.recipient, 'backup-mailer', {});
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

  function sendMail(
    response: ServerResponse,
    recipient: unknown,
    provider: string,
    options: { unavailableDomain?: string },
  ): void {
    if (typeof recipient !== 'string' || !recipient.includes('@')) {
      send(response, 400, { error: 'invalid_recipient', message: 'Send an email address as the recipient.' });
      return;
    }
    const domain = recipient.slice(recipient.lastIndexOf('@') + 1);
    if (domain === options.unavailableDomain) {
      send(response, 503, { error: 'unavailable', message: `${provider} cannot send to ${domain} now.` });
      return;
    }
    if (domain === 'bounce.example') {
      send(response, 422, { error: 'undeliverable', message: `${recipient} does not accept mail.` });
      return;
    }
    messageCount += 1;
    send(response, 202, { id: `msg_${messageCount}`, provider, to: recipient, status: 'queued' });
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
