/**
 * The floor of the chat send in bench/server.ts: a bare Socket.IO server whose sockets answer
 * `echo` with its payload through the ack, nothing else (no namespaces, no middleware, no
 * storage), on node:http, in a process of its own (started like the bare fastify: `node --import
 * tsx`). Prints `listening on <port>` once it listens on 127.0.0.1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => socket.on('echo', (payload: unknown, reply: (answer: unknown) => void) => reply(payload)));
await new Promise<void>((ready) => http.listen(0, '127.0.0.1', ready));
console.log(`listening on ${(http.address() as AddressInfo).port}`);
process.on('SIGTERM', () => void io.close(() => process.exit(0)));
