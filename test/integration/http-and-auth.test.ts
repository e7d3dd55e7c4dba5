import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../src/client/action-error';
import { FailureType } from '../../src/failures/failure-types';
import { type RunningActionWorker, startActionWorker } from '../support/action-worker';
import { FIXTURE_SECRET_NAME, writeConfigFixture } from '../support/config-fixture';
import { historyText } from '../support/history-text';
import { RecordingServer } from '../support/recording-server';
import { createTestEnvironment } from '../support/temporal-env';

const PASSWORD = 'pw-integration-7f3a';

/** Tokens the API accepts and the logins it has served: the third party's side of a credentials auth. */
const api = {
  logins: 0,
  validToken: '',
};

const ACTIONS = [
  {
    tag: 'auth.login',
    method: 'POST',
    resource: '/login',
    body: { username: '$Auth{session}{username}', password: '$Auth{session}{password}' },
  },
  {
    tag: 'profile.get',
    method: 'GET',
    resource: '/v1/profiles/{profileId}',
    headers: { Authorization: '$Auth{session}{authorization}' },
    schema: { query: { fields: { type: 'string' } } },
  },
  {
    tag: 'document.upload',
    method: 'POST',
    resource: '/v1/documents',
    request_type: 'FORMDATA',
    headers: { Authorization: '$Auth{session}{authorization}' },
    schema: { body: { purpose: { type: 'string' }, file: { type: 'object' } } },
  },
];

const base = { env: 'dev', product_tag: 'my-product', app: 'payments' };

describe('HTTP and auth on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let server: RecordingServer;
  let running: RunningActionWorker;

  beforeAll(async () => {
    env = await createTestEnvironment();
    server = await RecordingServer.start();
    const { registry } = await writeConfigFixture(
      server.url,
      ACTIONS,
      {
        auths: [
          { tag: 'token_access', type: 'token' },
          { tag: 'session', type: 'credentials', login_action: 'auth.login', token_path: 'token' },
        ],
      },
      [],
      { session: { username: 'ada', password: `$Secret{${FIXTURE_SECRET_NAME}}` } },
    );
    running = await startActionWorker(env, {
      registry,
      secrets: { get: (name) => (name === FIXTURE_SECRET_NAME ? PASSWORD : undefined) },
    });
  });

  afterAll(async () => {
    await running?.stop();
    await server?.close();
    await env?.teardown();
  });

  beforeEach(() => {
    server.reset();
    server.respondWith(async (request, response) => {
      if (request.url === '/login') {
        api.logins++;
        // A slow login gives concurrent runs time to pile up behind it.
        await new Promise((resolve) => setTimeout(resolve, 200));
        api.validToken = `tok-${api.logins}`;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ token: api.validToken }));
        return;
      }
      const authorized = request.headers.authorization === `Bearer ${api.validToken}`;
      response.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(authorized ? { path: request.url, body: request.text } : { error: 'expired' }),
      );
    });
  });

  it('logs in once for concurrent runs and sends the token', async () => {
    const loginsBefore = api.logins;
    api.validToken = 'none-yet';

    const results = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        running.ductape.processor.action.run({
          ...base,
          event: 'profile.get',
          input: { params: { profileId: `p${index}` } },
        }),
      ),
    );

    expect(api.logins - loginsBefore).toBe(1);
    expect(server.requestsTo('/login')).toHaveLength(1);
    expect(JSON.parse(server.requestsTo('/login')[0]?.text ?? '')).toEqual({
      username: 'ada',
      password: PASSWORD,
    });
    expect(results.map((result) => (result as { path: string }).path).sort()).toEqual([
      '/v1/profiles/p0',
      '/v1/profiles/p1',
      '/v1/profiles/p2',
      '/v1/profiles/p3',
      '/v1/profiles/p4',
    ]);
    const profileCalls = server.requests.filter((request) => request.url.startsWith('/v1/profiles/'));
    expect(new Set(profileCalls.map((request) => request.headers.authorization))).toEqual(
      new Set([`Bearer ${api.validToken}`]),
    );
  });

  it('refreshes a token the API rejects with 401 and retries within the attempt', async () => {
    await running.ductape.processor.action.run({
      ...base,
      event: 'profile.get',
      input: { params: { profileId: 'warm' } },
    });
    server.requests.length = 0;
    const rejected = api.validToken;
    api.validToken = 'rotated-by-the-api';

    const workflowId = await running.ductape.processor.action.start({
      ...base,
      event: 'profile.get',
      input: { params: { profileId: 'p9' } },
      retries: 0,
    });
    const result = await running.ductape.processor.action.result(workflowId);
    const history = historyText(await env.client.workflow.getHandle(workflowId).fetchHistory());

    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /v1/profiles/p9',
      'POST /login',
      'GET /v1/profiles/p9',
    ]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${rejected}`);
    expect(server.requests[2]?.headers.authorization).toBe(`Bearer ${api.validToken}`);
    expect(result).toEqual({ path: '/v1/profiles/p9', body: '' });
    expect(history).not.toContain(api.validToken);
    expect(history).not.toContain(rejected);
    expect(history).not.toContain(PASSWORD);
  });

  it('refreshes once when concurrent runs all see a 401', async () => {
    await running.ductape.processor.action.run({
      ...base,
      event: 'profile.get',
      input: { params: { profileId: 'warm' } },
    });
    api.validToken = 'rotated-again';
    server.requests.length = 0;

    await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        running.ductape.processor.action.run({
          ...base,
          event: 'profile.get',
          input: { params: { profileId: `c${index}` } },
        }),
      ),
    );

    expect(server.requestsTo('/login')).toHaveLength(1);
  });

  it('fails with HttpClientError when the fresh token is rejected too', async () => {
    server.respondWith((request, response) => {
      response.writeHead(request.url === '/login' ? 200 : 401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(request.url === '/login' ? { token: `tok-${++api.logins}` } : { error: 'no' }),
      );
    });

    const error = await running.ductape.processor.action
      .run({ ...base, event: 'profile.get', input: { params: { profileId: 'x' } } })
      .catch((caught: unknown) => caught);

    expect((error as ActionError).type).toBe(FailureType.HttpClientError);
    expect((error as ActionError).status).toBe(401);
    expect(server.requests.filter((request) => request.url === '/v1/profiles/x')).toHaveLength(2);
  });

  it('routes a flat input and uploads a file part', async () => {
    const file = Buffer.from('%PDF-1.7 fake');

    const result = (await running.ductape.processor.action.run({
      ...base,
      event: 'document.upload',
      input: {
        purpose: 'kyc',
        file: { filename: 'id.pdf', contentType: 'application/pdf', base64: file.toString('base64') },
      },
    })) as { body: string };
    const upload = server.requestsTo('/v1/documents').at(-1);
    const boundary = /boundary=(.+)$/.exec(String(upload?.headers['content-type']))?.[1];

    expect(boundary).toBeDefined();
    expect(upload?.text).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nkyc\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n${file.toString()}\r\n--${boundary}--\r\n`,
    );
    expect(result.body).toBe(upload?.text);
  });

  it('fails a flat key that fits no part with InvalidInput, before any request', async () => {
    const error = await running.ductape.processor.action
      .run({ ...base, event: 'profile.get', input: { profileId: 'p1', colour: 'red' } })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).type).toBe(FailureType.InvalidInput);
    expect((error as ActionError).message).toContain("'colour' fits no part of action 'profile.get'");
    expect(server.requests.filter((request) => request.url.startsWith('/v1/'))).toHaveLength(0);
  });
});
