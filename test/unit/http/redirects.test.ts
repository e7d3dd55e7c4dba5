import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../../src/http/http-request';
import { sendRequest } from '../../../src/http/send-request';
import { RawHttpServer, type RawResponder, respond } from '../../support/raw-http-server';

// Two servers on different ports are two origins, as a redirect to another host would be.
let first: RawHttpServer;
let second: RawHttpServer;
let dispatcher: Agent;

beforeAll(async () => {
  [first, second] = await Promise.all([RawHttpServer.start(), RawHttpServer.start()]);
  dispatcher = new Agent();
});

afterAll(async () => {
  await dispatcher.close();
  await Promise.all([first.close(), second.close()]);
});

beforeEach(() => {
  first.reset();
  second.reset();
  second.respondWith(ok);
});

const ok: RawResponder = (_request, socket) =>
  respond(socket, 200, { 'content-type': 'application/json' }, '{"ok":true}');

function redirectTo(status: number, location: () => string): RawResponder {
  return (_request, socket) => respond(socket, status, { location: location() }, '');
}

/** Redirects `/start` to `location`, and responds 200 to any other path. */
function firstRedirects(status: number, location: () => string): void {
  first.respondWith((request, socket) =>
    request.target === '/start' ? redirectTo(status, location)(request, socket) : ok(request, socket),
  );
}

const POST: HttpRequest = {
  method: 'POST',
  url: new URL('http://127.0.0.1/start'),
  headers: {
    'content-type': 'application/json',
    authorization: 'Bearer sk_live_1',
    cookie: 'session=abc',
    'x-request-id': 'req-1',
  },
  body: '{"amount":100}',
};

async function send(httpRequest: Partial<HttpRequest>, maxRedirects = 5): Promise<HttpResponse> {
  const request = { ...POST, ...httpRequest, url: new URL('/start', first.url) };
  return sendRequest(request, { dispatcher, timeoutMs: 5_000, maxResponseBytes: 1024, maxRedirects });
}

describe('redirects', () => {
  it.each([307, 308])('keeps the method, body and credentials on a same-origin %i', async (status) => {
    firstRedirects(status, () => '/moved');

    const response = await send({});
    const moved = first.requests[1];

    expect(response.status).toBe(200);
    expect(moved?.method).toBe('POST');
    expect(moved?.target).toBe('/moved');
    expect(moved?.body.toString()).toBe('{"amount":100}');
    expect(moved?.headers['content-type']).toBe('application/json');
    expect(moved?.headers.authorization).toBe('Bearer sk_live_1');
    expect(moved?.headers.cookie).toBe('session=abc');
  });

  it('drops credentials on a cross-origin 308', async () => {
    firstRedirects(308, () => `${second.url}/elsewhere?x=1`);

    const response = await send({});
    const elsewhere = second.requests[0];

    expect(response.status).toBe(200);
    expect(elsewhere?.method).toBe('POST');
    expect(elsewhere?.target).toBe('/elsewhere?x=1');
    expect(elsewhere?.body.toString()).toBe('{"amount":100}');
    expect(elsewhere?.headers.authorization).toBeUndefined();
    expect(elsewhere?.headers.cookie).toBeUndefined();
    expect(elsewhere?.headers['x-request-id']).toBe('req-1');
    expect(elsewhere?.headers.host).toBe(new URL(second.url).host);
  });

  it.each([301, 302, 303])('turns a POST into a GET without a body on %i', async (status) => {
    firstRedirects(status, () => '/result');

    await send({});
    const result = first.requests[1];

    expect(result?.method).toBe('GET');
    expect(result?.body.length).toBe(0);
    expect(result?.headers['content-type']).toBeUndefined();
    expect(result?.headers['content-length']).toBeUndefined();
    expect(result?.headers.authorization).toBe('Bearer sk_live_1');
  });

  it('keeps a PUT on 301, and turns it into a GET on 303', async () => {
    firstRedirects(301, () => '/after');
    await send({ method: 'PUT' });
    firstRedirects(303, () => '/after');
    await send({ method: 'PUT' });

    expect(first.requests.map((request) => `${request.method} ${request.target}`)).toEqual([
      'PUT /start',
      'PUT /after',
      'PUT /start',
      'GET /after',
    ]);
    expect(first.requests[1]?.body.toString()).toBe('{"amount":100}');
  });

  it('returns the redirect as it is once the limit is reached', async () => {
    first.respondWith(redirectTo(302, () => '/start'));

    const response = await send({ method: 'GET', body: undefined }, 3);

    expect(response.status).toBe(302);
    expect(first.requests).toHaveLength(4);
  });

  it('follows no redirect with a limit of 0', async () => {
    firstRedirects(307, () => '/moved');

    const response = await send({}, 0);

    expect(response.status).toBe(307);
    expect(first.requests).toHaveLength(1);
  });

  it('does not follow a Location with another scheme', async () => {
    firstRedirects(302, () => 'ftp://127.0.0.1/file');

    const response = await send({});

    expect(response.status).toBe(302);
    expect(first.requests).toHaveLength(1);
  });
});
