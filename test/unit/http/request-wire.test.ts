import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { buildRequest, type RequestParts } from '../../../src/http/build-request';
import { sendRequest } from '../../../src/http/send-request';
import { RawHttpServer, type RawRequest } from '../../support/raw-http-server';
import { registryFixture } from '../../support/registry-fixture';

let server: RawHttpServer;
let dispatcher: Agent;

beforeAll(async () => {
  server = await RawHttpServer.start();
  dispatcher = new Agent();
});

afterAll(async () => {
  await dispatcher.close();
  await server.close();
});

beforeEach(() => server.reset());

const ACTIONS = [
  { tag: 'json', method: 'POST', resource: '/json', body: { plan: 'free' } },
  { tag: 'form', method: 'POST', resource: '/form', request_type: 'URLENCODED' },
  { tag: 'multipart', method: 'POST', resource: '/upload', request_type: 'FORMDATA' },
  { tag: 'xml', method: 'PUT', resource: '/xml', request_type: 'XML' },
  { tag: 'soap', method: 'POST', resource: '/soap', request_type: 'SOAP', soap_action: 'urn:GetWeather' },
  { tag: 'text', method: 'POST', resource: '/text', request_type: 'TEXT' },
  { tag: 'get', method: 'GET', resource: '/v1/{id}/items/:id/detail' },
  { tag: 'head', method: 'HEAD', resource: '/v1/ping' },
  { tag: 'traced', method: 'GET', resource: '/traced', headers: { 'x-trace': 'action', 'X-Action': 'a' } },
];

const fixture = () =>
  registryFixture(server.url, { actions: ACTIONS, headers: { 'X-Trace': 'app', 'X-App': 'app' } });

/** Builds the action's request from the caller's parts, sends it and returns what the server received. */
async function sendAction(
  event: string,
  parts: Partial<RequestParts> = {},
  secrets: Record<string, string> = {},
): Promise<RawRequest> {
  const { resolve, placeholders } = fixture();
  const httpRequest = await buildRequest(
    { query: {}, params: {}, body: {}, headers: {}, ...parts },
    resolve(event),
    placeholders(event, secrets),
  );
  await sendRequest(httpRequest, { dispatcher, timeoutMs: 5_000, maxResponseBytes: 1024 });
  const received = server.requests.at(-1);
  if (received === undefined) throw new Error('the server received no request');
  return received;
}

async function buildFailure(event: string, parts: Partial<RequestParts>): Promise<ActionFailure> {
  const error = await sendAction(event, parts).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ActionFailure)) throw new Error(`expected an ActionFailure, got ${String(error)}`);
  return error;
}

function headerLines(request: RawRequest, name: string): string[] {
  return request.headerLines.filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
}

describe('requests on the wire', () => {
  describe('request types', () => {
    it('sends JSON with its content type and length', async () => {
      const request = await sendAction('json', { body: { email: 'user@example.com' } });

      expect(request.body.toString()).toBe('{"plan":"free","email":"user@example.com"}');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['content-length']).toBe('42');
    });

    it('sends URLENCODED as a form with repeated keys and brackets', async () => {
      const request = await sendAction('form', {
        body: { amount: 100, live: false, tags: ['a', 'b'], card: { number: '4242 4242' } },
      });

      expect(request.body.toString()).toBe('amount=100&live=false&tags=a&tags=b&card%5Bnumber%5D=4242+4242');
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    });

    it('sends FORMDATA as multipart with the file bytes decoded from base64', async () => {
      const fileBytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]);

      const request = await sendAction('multipart', {
        body: {
          purpose: 'kyc',
          document: {
            filename: 'id.pdf',
            contentType: 'application/pdf',
            base64: fileBytes.toString('base64'),
          },
        },
      });
      const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(
        request.headers['content-type'] ?? '',
      )?.[1];

      expect(boundary).toBeDefined();
      expect(request.body).toEqual(
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nkyc\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="id.pdf"\r\n` +
              'Content-Type: application/pdf\r\n\r\n',
          ),
          fileBytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      );
    });

    it('sends XML from body.raw as application/xml', async () => {
      const request = await sendAction('xml', { body: { raw: '<user><name>Adé</name></user>' } });

      expect(request.body.toString('utf8')).toBe('<user><name>Adé</name></user>');
      expect(request.headers['content-type']).toBe('application/xml; charset=utf-8');
    });

    it("sends SOAP as text/xml with the action's SOAPAction", async () => {
      const envelope = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>';

      const request = await sendAction('soap', { body: { raw: envelope } });

      expect(request.body.toString()).toBe(envelope);
      expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(headerLines(request, 'soapaction')).toEqual(['SOAPAction: "urn:GetWeather"']);
    });

    it('sends TEXT from body.raw as text/plain', async () => {
      const request = await sendAction('text', { body: { raw: 'line 1\nline 2' } });

      expect(request.body.toString()).toBe('line 1\nline 2');
      expect(request.headers['content-type']).toBe('text/plain; charset=utf-8');
    });

    it("keeps the caller's content type instead of the request type's", async () => {
      const request = await sendAction('json', {
        body: { a: 1 },
        headers: { 'Content-Type': 'application/vnd.api+json' },
      });

      expect(headerLines(request, 'content-type')).toEqual(['Content-Type: application/vnd.api+json']);
    });

    it.each(['get', 'head'])('sends %s without a body or content headers', async (event) => {
      const request = await sendAction(event, { params: { id: '1' }, body: { ignored: true } });

      expect(request.body.length).toBe(0);
      expect(request.headers['content-type']).toBeUndefined();
      expect(request.headers['content-length']).toBeUndefined();
      expect(request.headers['transfer-encoding']).toBeUndefined();
    });
  });

  describe('parameters', () => {
    it('encodes every occurrence of a path parameter as one segment', async () => {
      const request = await sendAction('get', { params: { id: '../admin/x?y#z' } });

      expect(request.target).toBe('/v1/..%2Fadmin%2Fx%3Fy%23z/items/..%2Fadmin%2Fx%3Fy%23z/detail');
    });

    it('fails naming a missing path parameter', async () => {
      const failure = await buildFailure('get', {});

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toContain("Missing path parameter 'id'");
      expect(server.requests).toHaveLength(0);
    });

    it('writes arrays as repeated keys, scalars as strings and objects in brackets', async () => {
      const request = await sendAction('get', {
        params: { id: 7 },
        query: { status: ['open', 'paid'], limit: 10, expand: true, filter: { created: { gte: 5 } } },
      });

      expect(request.target).toBe(
        '/v1/7/items/7/detail?status=open&status=paid&limit=10&expand=true&filter%5Bcreated%5D%5Bgte%5D=5',
      );
    });
  });

  describe('headers', () => {
    it('merges case-insensitively, caller over action over app', async () => {
      const request = await sendAction('traced', { headers: { 'X-TRACE': 'caller' } });

      expect(headerLines(request, 'x-trace')).toEqual(['X-TRACE: caller']);
      expect(headerLines(request, 'x-action')).toEqual(['X-Action: a']);
      expect(headerLines(request, 'x-app')).toEqual(['X-App: app']);
    });

    it('rejects a header value with CR or LF before sending', async () => {
      const failure = await buildFailure('traced', { headers: { 'X-Note': 'a\r\nX-Evil: 1' } });

      expect(failure.type).toBe(FailureType.InvalidInput);
      expect(failure.message).toBe(
        "Invalid value of header 'X-Note': it contains CR, LF or NUL, which HTTP forbids. Remove the line breaks.",
      );
      expect(server.requests).toHaveLength(0);
    });

    it('rejects a line break that a placeholder put into a header', async () => {
      const { resolve, placeholders } = fixture();
      const context = placeholders('traced', { NOTE: 'a\nb' });

      const error = await buildRequest(
        { query: {}, params: {}, body: {}, headers: { 'X-Note': '$Secret{NOTE}' } },
        resolve('traced'),
        context,
      ).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).message).toContain("Invalid value of header 'X-Note'");
    });

    it('offers the encodings it decodes unless the caller names its own', async () => {
      const offered = await sendAction('traced');
      const own = await sendAction('traced', { headers: { 'Accept-Encoding': 'identity' } });

      expect(offered.headers['accept-encoding']).toBe('gzip, deflate, br');
      expect(own.headers['accept-encoding']).toBe('identity');
    });
  });
});
