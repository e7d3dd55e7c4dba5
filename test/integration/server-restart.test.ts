import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ductape } from '../../src/client/ductape';
import { ensureTemporalCli } from '../../src/temporal-cli';
import { createActionWorker } from '../../worker/create-worker';
import { type DevServer, startDevServer } from '../../worker/dev-server';
import { waitFor } from '../support/cli-process';
import { FIXTURE_SECRET_NAME, writeConfigFixture } from '../support/config-fixture';
import { freePort } from '../support/free-port';
import { gate, json, RecordingServer } from '../support/recording-server';

describe('Temporal server restart', () => {
  let executable: string;
  let dbFile: string;
  let port: number;
  let uiPort: number;
  let server: DevServer | undefined;
  let api: RecordingServer;

  beforeAll(async () => {
    executable = await ensureTemporalCli();
    dbFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'ductape-restart-')), 'temporal.db');
    port = await freePort();
    uiPort = await freePort();
    api = await RecordingServer.start();
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it('completes a run that was in flight across a restart', async () => {
    const secret = 'sk_restart_secret';
    const { registry } = await writeConfigFixture(api.url, [], { idempotency_key_header: 'Idempotency-Key' });
    const held = gate(json(201, { id: 'usr_123' }));
    api.respondWith(held.responder);

    server = await startDevServer({ executable, port, uiPort, dbFile, output: 'ignore' });
    const connection = await NativeConnection.connect({ address: server.address });
    const worker: Worker = await createActionWorker({
      connection,
      registry,
      taskQueue: 'restart-test',
      secrets: { get: (name) => (name === FIXTURE_SECRET_NAME ? secret : undefined) },
    });
    const workerRun = worker.run();

    const starter = new Ductape({ address: server.address, taskQueue: 'restart-test' });
    const workflowId = await starter.processor.action.start({
      env: 'dev',
      product_tag: 'my-product',
      app: 'payments',
      event: 'user.signup',
      input: { query: { userId: '123' }, body: { email: 'user@example.com' } },
    });
    await starter.close();
    await waitFor(
      () => api.requests.length === 1,
      30_000,
      () => 'the attempt never reached the API',
    );

    // Restart the server on the same SQLite file and port while the request is held open.
    await server.stop();
    server = await startDevServer({ executable, port, uiPort, dbFile, output: 'ignore' });
    held.release();

    const client = new Ductape({ address: server.address, taskQueue: 'restart-test' });
    try {
      await expect(client.processor.action.result(workflowId)).resolves.toEqual({ id: 'usr_123' });
    } finally {
      await client.close();
      worker.shutdown();
      await workerRun;
      await connection.close();
    }

    // An attempt whose completion the stopped server missed runs again, with the same idempotency key.
    expect(api.requests.length).toBeGreaterThanOrEqual(1);
    expect(api.requests.length).toBeLessThanOrEqual(2);
    const keys = new Set(api.requests.map((request) => request.headers['idempotency-key']));
    expect(keys.size).toBe(1);
  });
});
