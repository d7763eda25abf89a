/**
 * Chat send → acknowledged on loopback (issue 15), next to a bare Socket.IO echo measured in the
 * same run. Not a test: it prints medians and p95 and fails only when an ack never comes.
 *
 *   npx tsx bench/chat.ts      (BENCH_CHAT_MESSAGES, default 200 per round; BENCH_RUNS rounds, default 5)
 *
 * The real reference backend (buildApp: a fresh SQLite file, the demo config) on 127.0.0.1: a
 * citizen socket starts a conversation, hands it off, an operator socket takes it, then the
 * citizen sends messages one after the other, each waiting for its ack (`chat:send`: parsed,
 * stored once by client id in SQLite, delivered to the room). Beside it, in the same process
 * and the same rounds, a bare Socket.IO server on another port answers `echo` with its payload:
 * the floor of a round trip through Socket.IO on this machine. Rounds alternate the two, so a
 * noisy neighbour hits both alike; the figures are per-round medians, then the median of rounds.
 * The per-socket and per-IP rate limits are lifted for the bench (it sends as fast as acks come);
 * a new conversation every 25 messages, as the assistant and queue are out of the way once taken.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { buildApp } from '../server/app.js';
import { CHAT_EVENTS, CHAT_NAMESPACE, CHAT_OPERATOR_EVENTS, CHAT_OPERATOR_NAMESPACE } from '../src/protocol/chat.js';

const MESSAGES = Math.max(25, Number(process.env.BENCH_CHAT_MESSAGES) || 200);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 5);
const PER_CONVERSATION = 25;
const TOKEN = 'bench-operator-token-8d1f2a9c7b6e5d4c';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const median = (values: number[]) => quantile(values, 0.5);
const connected = (socket: Socket) =>
  new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
async function ack<T = { ok: boolean }>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const answer = (await (payload === undefined ? socket.timeout(10_000).emitWithAck(event) : socket.timeout(10_000).emitWithAck(event, payload))) as T & {
    ok: boolean;
    error?: unknown;
  };
  if (!answer.ok) throw new Error(`${event}: ${JSON.stringify(answer.error)}`);
  return answer;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gs-bench-chat-'));
  const backend = await buildApp({
    dbPath: join(dir, 'db.sqlite'),
    configPath: resolve('demo/data/widget-config.json'),
    corsOrigins: [],
    distDir: resolve('dist'),
    siteDir: resolve('demo/site'),
    logger: false,
    operatorToken: TOKEN,
    // The bench measures latency, not the limits: many conversations from one IP, many events per socket.
    chat: { limits: { startsPerIp: { limit: 1_000_000, windowMs: 60_000 }, eventsPerSocket: { limit: 1_000_000, windowMs: 10_000 } } },
  });
  await backend.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(backend.app.server.address() as AddressInfo).port}`;

  const echoHttp = createServer();
  const echo = new Server(echoHttp, { serveClient: false });
  echo.on('connection', (socket) => socket.on('echo', (payload: unknown, reply: (p: unknown) => void) => reply(payload)));
  await new Promise<void>((ok) => echoHttp.listen(0, '127.0.0.1', ok));
  const echoBase = `http://127.0.0.1:${(echoHttp.address() as AddressInfo).port}`;

  const operator = io(`${base}${CHAT_OPERATOR_NAMESPACE}`, { transports: ['websocket'], auth: { token: TOKEN, operatorName: 'Бенчмарк' } });
  await connected(operator);

  /** One round of the chat: `count` sends, each awaited; the times in ms. */
  async function chatRound(count: number): Promise<number[]> {
    const times: number[] = [];
    while (times.length < count) {
      const citizen = io(`${base}${CHAT_NAMESPACE}`, { transports: ['websocket'], forceNew: true });
      await connected(citizen);
      const started = await ack<{ conversationId: string }>(citizen, CHAT_EVENTS.start, {
        startId: randomUUID(),
        kind: 'technical',
        summary: 'Бенчмарк',
        question: 'Не приходит код подтверждения',
        locale: 'ru',
      });
      await ack(citizen, CHAT_EVENTS.handoff);
      await ack(operator, CHAT_OPERATOR_EVENTS.take, { conversationId: started.conversationId });
      for (let i = 0; i < PER_CONVERSATION && times.length < count; i++) {
        const t0 = performance.now();
        await ack(citizen, CHAT_EVENTS.send, { clientId: randomUUID(), text: `Сообщение ${i}: проверка задержки` });
        times.push(performance.now() - t0);
      }
      await ack(operator, CHAT_OPERATOR_EVENTS.close, { conversationId: started.conversationId });
      citizen.close();
    }
    return times;
  }

  /** One round of the bare echo with the same payload size. */
  async function echoRound(count: number): Promise<number[]> {
    const socket = io(echoBase, { transports: ['websocket'], forceNew: true });
    await connected(socket);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await socket.timeout(10_000).emitWithAck('echo', { clientId: randomUUID(), text: `Сообщение ${i}: проверка задержки` });
      times.push(performance.now() - t0);
    }
    socket.close();
    return times;
  }

  // Warm-up (JIT, SQLite pages), not counted.
  await echoRound(50);
  await chatRound(50);
  const rounds: { chat: number[]; echo: number[] }[] = [];
  for (let r = 0; r < RUNS; r++) {
    const e = await echoRound(MESSAGES);
    const c = await chatRound(MESSAGES);
    rounds.push({ chat: c, echo: e });
    process.stderr.write(`round ${r + 1}/${RUNS}: chat median ${median(c).toFixed(2)} ms, echo median ${median(e).toFixed(2)} ms\n`);
  }
  const row = (name: string, pick: (r: { chat: number[]; echo: number[] }) => number[]) => {
    const med = median(rounds.map((r) => median(pick(r))));
    const p95 = median(rounds.map((r) => quantile(pick(r), 0.95)));
    return { name, med, p95 };
  };
  const chat = row('chat:send → ack (stored, delivered)', (r) => r.chat);
  const bare = row('bare Socket.IO echo', (r) => r.echo);
  console.log(`\nSend → acknowledged on loopback, ${RUNS} rounds × ${MESSAGES} messages (median of the rounds' figures)\n`);
  console.log('| what | median | p95 |');
  console.log('|---|---|---|');
  for (const r of [chat, bare]) console.log(`| ${r.name} | ${r.med.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`);
  console.log(`| ratio chat / echo | ${(chat.med / bare.med).toFixed(2)}× | ${(chat.p95 / bare.p95).toFixed(2)}× |`);

  operator.close();
  echo.close();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
