// Rate limits under real concurrency: every burst is sent at once over real HTTP connections
// (one connection per request, from several loopback addresses), not one request after another.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { newKey, startBackend, testClock, validCallback, validRequest, type TestBackend } from './support.js';

interface Sent {
  status: number;
  body: { error?: { code: string; retryAfterSeconds?: number } };
  retryAfter: string | undefined;
}

/** POSTs `body` as JSON to the listening backend from the client address `from` (127.0.0.0/8). */
function post(port: number, path: string, body: unknown, from = '127.0.0.1'): Promise<Sent> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress: from,
        agent: false,
        timeout: 20_000,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, 'idempotency-key': newKey() },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Sent['body'],
            retryAfter: res.headers['retry-after'],
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

async function listening(t: TestContext): Promise<{ backend: TestBackend; port: number }> {
  // The request clock is fixed; the server answers on a real socket.
  const backend = await startBackend(t, { now: testClock().now });
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  return { backend, port: (backend.app.server.address() as AddressInfo).port };
}

const phone = (i: number) => `+7 (912) 000-${String(Math.floor(i / 100)).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;
const email = (i: number) => `citizen${i}\u0040example.ru`;
const statuses = (sent: Sent[]) => sent.map((s) => s.status).sort();
const count = (sent: Sent[], status: number) => sent.filter((s) => s.status === status).length;

function assertRefusals(sent: Sent[]): void {
  for (const refused of sent.filter((s) => s.status === 429)) {
    assert.equal(refused.body.error?.code, 'rate_limited');
    assert.ok(Number(refused.retryAfter) > 0, 'Retry-After on every refusal');
  }
}

describe('rate limits hold under parallel bursts', () => {
  test('40 parallel requests from one IP: 20 registered (limit 20 per hour), the rest 429', async (t) => {
    const { port } = await listening(t);
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(port, '/requests', validRequest({ phone: phone(i), email: email(i) }), '127.0.0.2')),
    );
    assert.equal(count(sent, 201), 20, `statuses: ${statuses(sent).join(',')}`);
    assert.equal(count(sent, 429), 20);
    assertRefusals(sent);
  });

  test('25 parallel requests for one phone from 25 IPs: 10 registered (limit 10 per hour)', async (t) => {
    const { port } = await listening(t);
    const sent = await Promise.all(
      Array.from({ length: 25 }, (_, i) => post(port, '/requests', validRequest({ email: email(i) }), `127.0.1.${i + 1}`)),
    );
    assert.equal(count(sent, 201), 10, `statuses: ${statuses(sent).join(',')}`);
    assert.equal(count(sent, 429), 15);
    assertRefusals(sent);
  });

  test('30 parallel requests answered by e-mail to one address: 10 registered and 10 e-mails queued', async (t) => {
    const { backend, port } = await listening(t);
    const target = 'Inbox.Owner\u0040example.ru';
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(port, '/requests', validRequest({ phone: phone(i), email: i % 2 ? target : target.toLowerCase(), answerChannel: 'email' }), `127.0.2.${i + 1}`),
      ),
    );
    assert.equal(count(sent, 201), 10, `statuses: ${statuses(sent).join(',')}`);
    assertRefusals(sent);
    const outbox = await backend.database.kysely.selectFrom('notification_outbox').select(['channel', 'recipient']).execute();
    const queued = outbox.filter((row) => row.channel === 'email' && row.recipient.toLowerCase() === target.toLowerCase()).length;
    assert.equal(queued, 10, 'the outbox cannot be aimed at one inbox');
  });

  test('a refused or failed request gives its places back', async (t) => {
    const { port } = await listening(t);
    // 25 with an invalid attachment id: refused after the places were taken; they must not count.
    // In batches of 5, so that no more than the phone's 10 places are ever held at once (while
    // in flight they do count, rightly: 11 at once would meet the limit).
    const refused = [];
    for (let batch = 0; batch < 5; batch++) {
      refused.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, j) => {
            const i = batch * 5 + j;
            return post(port, '/requests', validRequest({ email: email(i), attachments: ['0'.repeat(32)] }), `127.0.3.${i + 1}`);
          }),
        )),
      );
    }
    assert.deepEqual([...new Set(statuses(refused))], [400]);
    const sent = await Promise.all(Array.from({ length: 10 }, (_, i) => post(port, '/requests', validRequest({ email: email(i) }), `127.0.4.${i + 1}`)));
    assert.equal(count(sent, 201), 10, 'the phone still has all its 10 places');
  });

  test('callbacks: 30 parallel from one IP give 20 (limit 20 per hour); 12 parallel for one phone give 5', async (t) => {
    const { port } = await listening(t);
    // Three places in each half-hour slot from 12:30 Moscow time: ten slots take 30 bookings.
    const slot = (i: number) => new Date(Date.UTC(2026, 2, 2, 9, 30) + Math.floor(i / 3) * 30 * 60_000).toISOString();
    const byIp = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(port, '/callbacks', validCallback({ phone: phone(i), slotStart: slot(i) }), '127.0.5.1')),
    );
    assert.equal(count(byIp, 201), 20, `statuses: ${statuses(byIp).join(',')}`);
    assert.equal(count(byIp, 429), 10);
    assertRefusals(byIp);
    const byPhone = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(port, '/callbacks', validCallback({ phone: phone(999), slotStart: slot(i + 30) }), `127.0.6.${i + 1}`)),
    );
    assert.equal(count(byPhone, 201), 5, `statuses: ${statuses(byPhone).join(',')}`);
    assert.equal(count(byPhone, 429), 7);
  });
});
