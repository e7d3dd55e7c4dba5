import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import type { HttpRequest } from '../../../src/http/http-request';
import { RequestTimeoutError, type SendOptions, sendRequest } from '../../../src/http/send-request';

const MAX_BYTES = 1024;

let server: http.Server;
let baseUrl: string;
let dispatcher: Agent;

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');

  switch (url.pathname) {
    case '/echo': {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
        response.end(
          JSON.stringify({
            method: request.method,
            path: url.pathname,
            query: url.search,
            contentType: request.headers['content-type'],
            apiKey: request.headers['x-api-key'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      return;
    }
    case '/status/503':
      response.writeHead(503, { 'retry-after': '7', 'content-type': 'text/plain' });
      response.end('down for maintenance');
      return;
    case '/no-response':
      // The request is left open: only the client's timeout or signal ends it.
      return;
    case '/slow-body':
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first part');
      return;
    case '/exact':
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(MAX_BYTES));
      return;
    case '/declared-too-large':
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(MAX_BYTES + 1) });
      response.end('x'.repeat(MAX_BYTES + 1));
      return;
    case '/chunked-too-large': {
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let index = 0; index < 8; index++) response.write('y'.repeat(256));
      response.end();
      return;
    }
    default:
      response.writeHead(404);
      response.end();
  }
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dispatcher = new Agent();
});

afterAll(async () => {
  await dispatcher.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function get(path: string): HttpRequest {
  return { method: 'GET', url: new URL(path, baseUrl), headers: {} };
}

function options(overrides: Partial<SendOptions> = {}): SendOptions {
  return { dispatcher, timeoutMs: 5_000, maxResponseBytes: MAX_BYTES, ...overrides };
}

async function sendFailure(httpRequest: HttpRequest, sendOptions: SendOptions): Promise<unknown> {
  return sendRequest(httpRequest, sendOptions).then(
    () => {
      throw new Error(`expected ${httpRequest.url} to fail`);
    },
    (error: unknown) => error,
  );
}

describe('sendRequest', () => {
  describe('exchange', () => {
    it('sends method, headers and body', async () => {
      const response = await sendRequest(
        {
          method: 'POST',
          url: new URL('/echo?userId=123', baseUrl),
          headers: { 'content-type': 'application/json', 'x-api-key': 'k-1' },
          body: '{"email":"user@example.com"}',
        },
        options(),
      );
      const echoed = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;

      expect(echoed.method).toBe('POST');
      expect(echoed.query).toBe('?userId=123');
      expect(echoed.contentType).toBe('application/json');
      expect(echoed.apiKey).toBe('k-1');
      expect(echoed.body).toBe('{"email":"user@example.com"}');
    });

    it('returns status and headers', async () => {
      const response = await sendRequest(get('/echo'), options());

      expect(response.status).toBe(201);
      expect(response.headers['x-request-id']).toBe('r-1');
    });

    it('returns a non-2xx response without failing', async () => {
      const response = await sendRequest(get('/status/503'), options());

      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('7');
      expect(response.body.toString('utf8')).toBe('down for maintenance');
    });

    it('accepts a body of exactly the limit', async () => {
      const response = await sendRequest(get('/exact'), options());

      expect(response.body.length).toBe(MAX_BYTES);
    });
  });

  describe('timeout', () => {
    it('fails with RequestTimeoutError when no response arrives', async () => {
      const error = await sendFailure(get('/no-response'), options({ timeoutMs: 100 }));

      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect((error as Error).message).toBe("No complete response within the action's timeout of 100 ms");
    });

    it('fails with RequestTimeoutError when the body stops midway', async () => {
      const error = await sendFailure(get('/slow-body'), options({ timeoutMs: 150 }));

      expect(error).toBeInstanceOf(RequestTimeoutError);
    });

    it('keeps the transport error as the cause', async () => {
      const error = await sendFailure(get('/no-response'), options({ timeoutMs: 100 }));

      expect((error as Error).cause).toBeDefined();
    });
  });

  describe('abort signal', () => {
    it('rejects with the signal reason', async () => {
      const controller = new AbortController();
      const reason = new Error('activity cancelled');
      setTimeout(() => controller.abort(reason), 50);

      const error = await sendFailure(get('/no-response'), options({ signal: controller.signal }));

      expect(error).toBe(reason);
    });

    it('is not reported as a timeout', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('activity cancelled')), 50);

      const error = await sendFailure(
        get('/no-response'),
        options({ signal: controller.signal, timeoutMs: 60_000 }),
      );

      expect(error).not.toBeInstanceOf(RequestTimeoutError);
    });

    it('rejects at once for a signal that is already aborted', async () => {
      const reason = new Error('cancelled before start');

      const error = await sendFailure(get('/echo'), options({ signal: AbortSignal.abort(reason) }));

      expect(error).toBe(reason);
    });
  });

  describe('response size', () => {
    it('fails with ResponseTooLarge from Content-Length', async () => {
      const error = await sendFailure(get('/declared-too-large'), options());

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).type).toBe(FailureType.ResponseTooLarge);
      expect((error as ActionFailure).message).toContain(`${MAX_BYTES + 1} bytes declared by Content-Length`);
    });

    it('leaves no uncaught error behind', async () => {
      const uncaught: unknown[] = [];
      const collect = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', collect);

      try {
        await sendFailure(get('/declared-too-large'), options());
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        process.off('uncaughtException', collect);
      }

      expect(uncaught).toEqual([]);
    });

    it('fails with ResponseTooLarge for a chunked body without Content-Length', async () => {
      const error = await sendFailure(get('/chunked-too-large'), options());

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).type).toBe(FailureType.ResponseTooLarge);
      expect((error as ActionFailure).message).toContain(`more than ${MAX_BYTES} bytes received`);
    });

    it('says how to fix it', async () => {
      const error = await sendFailure(get('/chunked-too-large'), options());

      expect((error as Error).message).toContain('raise maxResponseBytes');
    });
  });

  describe('connection errors', () => {
    it('fails with ECONNREFUSED when nothing listens', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));

      const error = await sendFailure(
        { method: 'GET', url: new URL(`http://127.0.0.1:${port}/`), headers: {} },
        options(),
      );

      expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    });
  });
});
