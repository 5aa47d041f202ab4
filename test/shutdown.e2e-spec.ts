import { describe, expect, it } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SHUTDOWN_GRACE_MS } from '../apps/api/src/bootstrap.js';
import { createTestApp } from './test-app.js';

describe('stopping the service', () => {
  it('stops within the grace period while a client holds a connection open with a request half sent', async () => {
    const t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    // A client that began a request and never finished it (a browser's socket left behind, a stuck proxy).
    const stuck: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => stuck.once('connect', resolve));
    stuck.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
    stuck.on('error', () => undefined);
    const closedByServer = new Promise((resolve) => stuck.once('close', resolve));
    const started = Date.now();
    await t.close();
    const stoppedMs = Date.now() - started;
    await closedByServer;
    expect(stoppedMs).toBeLessThan(SHUTDOWN_GRACE_MS + 3_000);
  }, 60_000);
});
