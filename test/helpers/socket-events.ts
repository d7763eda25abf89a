import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';

/** Emits `event` (with `payload`, when given) and resolves with the ack; fails after 5 s. */
export const call = (socket: Socket, event: string, payload?: unknown): Promise<any> =>
  payload === undefined ? socket.timeout(5000).emitWithAck(event) : socket.timeout(5000).emitWithAck(event, payload);

/** A socket.io client on `namespace` of the server at `url` (WebSocket, its own connection), once connected. */
export async function socketTo(url: string, namespace: string, options: { auth?: Record<string, unknown>; reconnection?: boolean } = {}): Promise<Socket> {
  const socket = connect(`${url}${namespace}`, { path: '/socket.io', transports: ['websocket'], forceNew: true, ...options });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The next `event` on `socket` that satisfies `match`; fails after `ms`. */
export function nextEvent<T = any>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** A citizen's `chat:start` with a usual opening (a technical question), checked `ok`; its ack (conversationId, token, …). */
export async function startChat(citizen: Socket): Promise<{ conversationId: string; token: string } & Record<string, any>> {
  const started = await call(citizen, 'chat:start', {
    startId: randomUUID(),
    kind: 'technical',
    summary: 'Не получается войти',
    question: 'Что-то непонятное',
    locale: 'ru',
  });
  if (started?.ok !== true) throw new Error(`chat:start: ${JSON.stringify(started)}`);
  return started;
}
