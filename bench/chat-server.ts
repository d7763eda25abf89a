/**
 * The reference backend as server/main.ts starts it (settings from the environment: PORT, HOST,
 * DB_PATH, UPLOAD_DIR, OPERATOR_TOKEN, LOG, …), with two limits of the chat lifted for the chat
 * send of bench/server.ts, which keeps 50 sockets of one address sending as fast as acks come:
 * `eventsPerSocket` (30 events per 10 s per socket) and `startsPerIp` (10 conversations per 10 min
 * per IP). No environment setting reaches them, only `buildApp({ chat: { limits } })`; everything
 * else is main.ts's. bench/server-processes.ts compiles this file with the options of
 * scripts/build-server.mjs (build/bench/chat-server.js), so that it runs as build/server/main.js
 * does; the CPU profile runs it from its sources under tsx.
 * Prints `Demo site: http://<host>:<port>/` once it listens, like main.ts.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { readSettings } from '../server/env.js';

const LIFTED = { limit: 1_000_000_000, windowMs: 1_000 };

const settings = readSettings();
const backend = await buildApp({
  ...settings.app,
  chat: { ...settings.app.chat, limits: { eventsPerSocket: LIFTED, startsPerIp: LIFTED } },
});
await backend.app.listen({ port: settings.port, host: settings.host });
const { port } = backend.app.server.address() as AddressInfo;
console.log(`  Demo site:     http://${settings.host}:${port}/  (bench/chat-server.ts: chat limits lifted)`);

let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  backend.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('Shutdown failed:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
