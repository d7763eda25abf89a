/**
 * The floor of bench/server.ts: a bare fastify answering `GET /hello` with a small JSON object,
 * no plugins, no logger, in a process of its own (started like the app: `node --import tsx`).
 * Prints `listening on <port>` once it listens on 127.0.0.1.
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening on ${(app.server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
