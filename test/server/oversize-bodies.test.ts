// Bodies over a route's limit, headers over Node's limit and URLs that are not valid
// percent-encoding: every one is answered in the ApiError shape, and the client can read it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { connect, type AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { ApiError } from '../../src/protocol/error.js';
import { startBackend } from './support.js';

const TOKEN = 'oversize-test-operator-token-4Kp9Qw2Zr7Lx5Nv8Bc3';

/**
 * A client in a process of its own (as a browser or curl is) sends a head and `bodyBytes` bytes
 * in one write and reads the answer: `{ status, body }`, or `{ error }` when the connection was
 * cut before an answer could be read (EPIPE, ECONNRESET). In one process the two ends share an
 * event loop, and the reset that loses the answer does not happen.
 */
function sendFromAnotherProcess(port: number, head: string, bodyBytes: number): Promise<{ status?: number; body?: string; error?: string }> {
  const script = `
    const net = require('node:net');
    const socket = net.connect(${port}, '127.0.0.1');
    let answer = '';
    let failed;
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', (error) => (failed = error.code));
    socket.on('close', () => {
      const match = /^HTTP\\/1\\.1 (\\d{3})/.exec(answer);
      const body = answer.slice(answer.indexOf('\\r\\n\\r\\n') + 4);
      console.log(JSON.stringify(match ? { status: Number(match[1]), body } : { error: failed || 'no answer' }));
    });
    socket.write(Buffer.concat([Buffer.from(${JSON.stringify(head)}), Buffer.alloc(${bodyBytes}, 0x61)]));
    // Unref: ends a connection the server keeps open, without keeping this process 3 s after it closed.
    setTimeout(() => socket.end(), 3000).unref();
  `;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { timeout: 20_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout.trim()) as { status?: number; body?: string; error?: string });
    });
  });
}

/** Sends raw bytes in this process and returns what came back. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.setTimeout(5000, () => socket.destroy());
    socket.end(text);
  });
}

const apiErrorOf = (answer: string) => ApiError.parse(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)));

describe('oversize and malformed requests', () => {
  test('10 MB of JSON to every JSON endpoint: 413 payload_too_large that the client reads (not EPIPE)', async (t) => {
    const backend = await startBackend(t, { operatorToken: TOKEN });
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = backend.app.server.address() as AddressInfo;
    const size = 10 * 1024 * 1024;
    const paths = ['/requests/lookup', '/callbacks', '/offices/msk-tverskoy/bookings', '/bookings/V-2026-000001/cancel', '/operator/api/requests/2026-000001/status', '/requests'];
    for (const path of paths) {
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: ${size}\r\n\r\n`;
      const answer = await sendFromAnotherProcess(port, head, size);
      assert.equal(answer.status, 413, `${path}: ${JSON.stringify(answer).slice(0, 200)}`);
      assert.equal(ApiError.parse(JSON.parse(answer.body!)).error.code, 'payload_too_large', path);
    }
  });

  test('headers over the limit: 431 in the ApiError shape; a URL that is not valid percent-encoding: 400; garbage: 400', async (t) => {
    const backend = await startBackend(t);
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = backend.app.server.address() as AddressInfo;

    const tooLarge = await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(tooLarge, /^HTTP\/1\.1 431 /);
    assert.equal(apiErrorOf(tooLarge).error.code, 'headers_too_large');

    for (const url of ['/requests/%E0%A4%A', '/%', '/offices/%zz']) {
      const bad = await raw(port, `GET ${url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(bad, /^HTTP\/1\.1 400 /, url);
      const body = apiErrorOf(bad);
      assert.equal(body.error.code, 'validation_failed', url);
      assert.equal(body.error.message, 'Адрес запроса закодирован неверно.', url);
    }

    const garbage = await raw(port, 'GARBAGE\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    assert.equal(apiErrorOf(garbage).error.code, 'validation_failed');
  });
});
