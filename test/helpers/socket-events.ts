import type { Socket } from 'socket.io-client';

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
