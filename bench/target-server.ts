/**
 * Child process: the third-party API of the benchmark, an HTTP server on 127.0.0.1 that responds to
 * `POST /v1/users/signup` with 201 and a small JSON body. It rejects requests without the expected
 * bearer token, so every scenario is checked to send the same authenticated request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { processUsage, serveParent } from './parent-channel';

interface TargetSettings {
  readonly token: string;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as TargetSettings;
const expectedAuthorization = `Bearer ${settings.token}`;
const responseBody = JSON.stringify({ id: 'usr_123', email: 'user@example.com', plan: 'free' });
let served = 0;
let rejected = 0;

const server = createServer((request, response) => {
  request.resume();
  request.once('end', () => {
    const valid =
      request.method === 'POST' &&
      request.url === '/v1/users/signup?userId=123' &&
      request.headers.authorization === expectedAuthorization &&
      request.headers['content-type'] === 'application/json';
    if (!valid) {
      rejected++;
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end('{"error":"unexpected request"}');
      return;
    }
    served++;
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(responseBody);
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveParent(
    {
      usage: () => ({ ...processUsage(), served, rejected }),
    },
    { url: `http://127.0.0.1:${port}` },
    async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  );
});
