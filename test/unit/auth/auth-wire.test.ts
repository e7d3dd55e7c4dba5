import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthSession } from '../../../src/auth/auth-session';
import { MemoryAuthTokenCache } from '../../../src/auth/token-cache';
import type { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { buildRequest } from '../../../src/http/build-request';
import { HttpStatusError } from '../../../src/http/http-status-error';
import { sendRequest } from '../../../src/http/send-request';
import { Redactor } from '../../../src/placeholders/redactor';
import { RawHttpServer, type RawRequest, respond } from '../../support/raw-http-server';
import { type RegistryFixture, registryFixture } from '../../support/registry-fixture';

const PASSWORD = 'pw-secret-1';

let server: RawHttpServer;
let dispatcher: Agent;
let fixture: RegistryFixture;
/** Responses of the login and token endpoints, by request target. */
let tokenResponses: Record<string, () => [status: number, body: string]>;
let now: number;
let cache: MemoryAuthTokenCache;

beforeAll(async () => {
  server = await RawHttpServer.start();
  dispatcher = new Agent();
  server.respondWith((request, socket) => {
    const scripted = tokenResponses[request.target];
    const [status, body] = scripted?.() ?? [
      200,
      JSON.stringify({ authorization: request.headers.authorization }),
    ];
    respond(socket, status, { 'content-type': 'application/json' }, body);
  });
  fixture = registryFixture(
    server.url,
    {
      auths: [
        {
          tag: 'session',
          type: 'credentials',
          login_action: 'auth.login',
          token_path: 'data.token',
          expires_in_path: 'data.expires_in',
          refresh_margin_ms: 10_000,
        },
        { tag: 'basic_access', type: 'basic' },
        { tag: 'oauth', type: 'oauth2', token_url: '/oauth/token', scope: 'read write' },
        { tag: 'loop', type: 'credentials', login_action: 'loop.login' },
      ],
      actions: [
        {
          tag: 'auth.login',
          method: 'POST',
          resource: '/login',
          body: { username: '$Auth{session}{username}', password: '$Auth{session}{password}' },
        },
        {
          tag: 'me',
          method: 'GET',
          resource: '/me',
          headers: { Authorization: '$Auth{session}{authorization}' },
        },
        { tag: 'raw.me', method: 'GET', resource: '/me', headers: { 'X-Token': '$Auth{session}{token}' } },
        {
          tag: 'basic.me',
          method: 'GET',
          resource: '/me',
          headers: { Authorization: '$Auth{basic_access}{authorization}' },
        },
        {
          tag: 'oauth.me',
          method: 'GET',
          resource: '/me',
          headers: { Authorization: '$Auth{oauth}{authorization}' },
        },
        { tag: 'loop.login', method: 'POST', resource: '/loop', body: { token: '$Auth{loop}{token}' } },
        {
          tag: 'loop.me',
          method: 'GET',
          resource: '/me',
          headers: { Authorization: '$Auth{loop}{authorization}' },
        },
      ],
    },
    {
      session: { username: 'ada', password: '$Secret{PASSWORD}' },
      basic_access: { username: 'ada', password: 'p@ss:wörd' },
      oauth: { client_id: 'client 1', client_secret: 's&cret', refresh_token: 'rt-0' },
      loop: {},
    },
  );
});

afterAll(async () => {
  await dispatcher.close();
  await server.close();
});

beforeEach(() => {
  server.reset();
  now = 1_000_000;
  cache = new MemoryAuthTokenCache(() => now);
  let logins = 0;
  let refreshes = 0;
  tokenResponses = {
    '/login': () => [200, JSON.stringify({ data: { token: `tok-${++logins}`, expires_in: 3600 } })],
    '/oauth/token': () => {
      refreshes++;
      return [
        200,
        JSON.stringify({
          access_token: `at-${refreshes}`,
          expires_in: 600,
          refresh_token: `rt-${refreshes}`,
        }),
      ];
    },
  };
});

function session(event: string, redactor = new Redactor()): AuthSession {
  return new AuthSession({
    cache,
    placeholders: {
      registry: fixture.registry,
      resolved: fixture.resolve(event),
      secrets: { get: (name) => (name === 'PASSWORD' ? PASSWORD : undefined) },
      redactor,
    },
    send: { dispatcher, timeoutMs: 5_000, maxResponseBytes: 4096 },
    excerptLength: 200,
  });
}

/** Runs an action through a new session and returns what the API received for it. */
async function call(event: string): Promise<RawRequest> {
  const auth = session(event);
  const httpRequest = await buildRequest(
    { query: {}, params: {}, body: {}, headers: {} },
    fixture.resolve(event),
    auth.placeholders,
  );
  await sendRequest(httpRequest, { dispatcher, timeoutMs: 5_000, maxResponseBytes: 4096 });
  return server.requests.at(-1)!;
}

async function callFailure(event: string): Promise<unknown> {
  return call(event).then(
    () => {
      throw new Error(`expected ${event} to fail`);
    },
    (error: unknown) => error,
  );
}

function targets(): string[] {
  return server.requests.map((request) => `${request.method} ${request.target}`);
}

describe('auth on the wire', () => {
  describe('basic', () => {
    it('sends Basic with base64 of username:password', async () => {
      const request = await call('basic.me');

      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('ada:p@ss:wörd').toString('base64')}`);
    });
  });

  describe('credentials', () => {
    it('logs in with the login action, then sends the token', async () => {
      const request = await call('me');
      const login = server.requests[0];

      expect(targets()).toEqual(['POST /login', 'GET /me']);
      expect(login?.body.toString()).toBe(`{"username":"ada","password":"${PASSWORD}"}`);
      expect(login?.headers['content-type']).toBe('application/json');
      expect(request.headers.authorization).toBe('Bearer tok-1');
    });

    it('resolves {token} to the bare token', async () => {
      const request = await call('raw.me');

      expect(request.headers['x-token']).toBe('tok-1');
    });

    it('reuses the cached token in later attempts', async () => {
      await call('me');
      const second = await call('me');

      expect(targets()).toEqual(['POST /login', 'GET /me', 'GET /me']);
      expect(second.headers.authorization).toBe('Bearer tok-1');
    });

    it('logs in again once the token is within its margin of expiry', async () => {
      await call('me');
      now += 3_600_000 - 10_000;
      const renewed = await call('me');

      expect(targets()).toEqual(['POST /login', 'GET /me', 'POST /login', 'GET /me']);
      expect(renewed.headers.authorization).toBe('Bearer tok-2');
    });

    it('logs in once for concurrent attempts', async () => {
      const requests = await Promise.all(Array.from({ length: 5 }, () => call('me')));

      expect(server.requests.filter((request) => request.target === '/login')).toHaveLength(1);
      expect(new Set(requests.map((request) => request.headers.authorization))).toEqual(
        new Set(['Bearer tok-1']),
      );
    });

    it('logs in again after the used token is invalidated', async () => {
      const auth = session('me');
      await buildRequest(
        { query: {}, params: {}, body: {}, headers: {} },
        fixture.resolve('me'),
        auth.placeholders,
      );

      const invalidated = auth.invalidateUsed();
      const renewed = await call('me');

      expect(invalidated).toBe(true);
      expect(renewed.headers.authorization).toBe('Bearer tok-2');
    });

    it('reports a failed login with its request and a redacted excerpt', async () => {
      tokenResponses['/login'] = () => [401, JSON.stringify({ error: 'bad credentials', echo: PASSWORD })];

      const error = await callFailure('me');

      expect(error).toBeInstanceOf(HttpStatusError);
      expect((error as HttpStatusError).sideRequest?.purpose).toBe(
        "Login action 'auth.login' of auth 'session'",
      );
      expect((error as HttpStatusError).sideRequest?.url).toBe(`${server.url}/login`);
      expect((error as HttpStatusError).response.body.toString()).toBe(
        '{"error":"bad credentials","echo":"[REDACTED]"}',
      );
      expect(targets()).toEqual(['POST /login']);
    });

    it('fails with InvalidResponse when the login returns no token', async () => {
      tokenResponses['/login'] = () => [200, JSON.stringify({ data: {} })];

      const error = await callFailure('me');

      expect((error as ActionFailure).type).toBe(FailureType.InvalidResponse);
      expect((error as ActionFailure).message).toBe(
        "Login action 'auth.login' of auth 'session' returned no token at 'data.token': point token_path at the string that holds the token in its response.",
      );
    });

    it('rejects a login action that needs its own token', async () => {
      const error = await callFailure('loop.me');

      expect((error as ActionFailure).type).toBe(FailureType.InvalidConfiguration);
      expect((error as ActionFailure).message).toContain(
        "Login action of auth 'loop' refers to the token it fetches",
      );
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('OAuth2 refresh token', () => {
    it('calls the token endpoint with the refresh grant and client credentials', async () => {
      const request = await call('oauth.me');
      const tokenRequest = server.requests[0];

      expect(targets()).toEqual(['POST /oauth/token', 'GET /me']);
      expect(tokenRequest?.body.toString()).toBe(
        'grant_type=refresh_token&refresh_token=rt-0&scope=read+write',
      );
      expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(tokenRequest?.headers.authorization).toBe(
        `Basic ${Buffer.from('client+1:s%26cret').toString('base64')}`,
      );
      expect(request.headers.authorization).toBe('Bearer at-1');
    });

    it('refreshes before expiry with the rotated refresh token', async () => {
      await call('oauth.me');
      now += 600_000 - 60_000 - 1;
      const kept = await call('oauth.me');
      now += 1;
      const refreshed = await call('oauth.me');
      const secondRefresh = server.requests.filter((request) => request.target === '/oauth/token')[1];

      expect(kept.headers.authorization).toBe('Bearer at-1');
      expect(refreshed.headers.authorization).toBe('Bearer at-2');
      expect(secondRefresh?.body.toString()).toBe(
        'grant_type=refresh_token&refresh_token=rt-1&scope=read+write',
      );
    });

    it('reports a rejected refresh token with the token endpoint', async () => {
      tokenResponses['/oauth/token'] = () => [400, '{"error":"invalid_grant"}'];

      const error = await callFailure('oauth.me');

      expect((error as HttpStatusError).response.status).toBe(400);
      expect((error as HttpStatusError).sideRequest?.purpose).toBe("OAuth2 token endpoint of auth 'oauth'");
    });
  });

  describe('redaction', () => {
    it('marks fetched tokens and credentials as sensitive', async () => {
      const redactor = new Redactor();
      const auth = session('me', redactor);

      await buildRequest(
        { query: {}, params: {}, body: {}, headers: {} },
        fixture.resolve('me'),
        auth.placeholders,
      );

      expect(redactor.redact(`tok-1 ${PASSWORD}`)).toBe('[REDACTED] [REDACTED]');
    });
  });
});
