import { PassThrough } from 'node:stream';
import { STATUS_STREAM_EVENT, type RequestStatusView } from '#protocol/status.js';

/** At most this many open status streams per client IP. */
export const DEFAULT_MAX_STREAMS_PER_IP = 20;
/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const DEFAULT_KEEP_ALIVE_MS = 25_000;
/** What EventSource waits before reconnecting (the `retry:` field). */
export const RETRY_MS = 5_000;
/** A client that reads nothing is dropped once this much is queued for it. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Closing the app waits at most this long for streams to finish cleanly. */
const CLOSE_GRACE_MS = 1_000;

/** One `event: status` of the stream. JSON never holds a raw line break, so `data` is one line. */
export const sseStatusEvent = (view: RequestStatusView) => `event: ${STATUS_STREAM_EVENT}\ndata: ${JSON.stringify(view)}\n\n`;
export const SSE_KEEP_ALIVE = ': keep-alive\n\n';

/** An open stream: the body of one `GET /requests/watch` answer. */
export interface StatusStream {
  readonly body: PassThrough;
  readonly number: string;
  readonly ip: string;
  send(view: RequestStatusView): void;
  /** Ends the stream cleanly; resolves once it is closed. */
  end(): Promise<void>;
}

/** Something that emits 'close' once, like http.ServerResponse. */
export interface Closable {
  once(event: 'close', listener: () => void): unknown;
}

export type OpenResult = { ok: true; stream: StatusStream } | { ok: false; reason: 'limit' | 'closed' };

/** Request number → open status streams; publishes status changes to them. */
export interface WatchHub {
  /**
   * Opens a stream of `number` for a client at `ip`, starting with `retry:` and the current view.
   * Refused when that IP already has its maximum of open streams, or the hub is closed.
   * The stream leaves the hub by itself when it ends (client gone, `end()`, app closing).
   * `response` (the HTTP response carrying the stream) tells when an ended stream is fully sent.
   */
  open(number: string, ip: string, current: RequestStatusView, response?: Closable): OpenResult;
  /** Sends the new view to every stream of its request. */
  publish(view: RequestStatusView): void;
  /** Ends every stream and refuses new ones (app shutdown); resolves when they are closed (or after a second). */
  closeAll(): Promise<void>;
  /** Open streams, of one request or of all. */
  count(number?: string): number;
}

export function createWatchHub(options: { maxPerIp?: number; keepAliveMs?: number } = {}): WatchHub {
  const maxPerIp = options.maxPerIp ?? DEFAULT_MAX_STREAMS_PER_IP;
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  if (!Number.isInteger(maxPerIp) || maxPerIp < 1) throw new Error(`Streams per IP must be a positive integer, got ${maxPerIp}`);
  if (!(keepAliveMs > 0)) throw new Error(`Keep-alive interval must be positive, got ${keepAliveMs}`);

  const byNumber = new Map<string, Set<StatusStream>>();
  const byIp = new Map<string, number>();
  let total = 0;
  let closed = false;
  let keepAlive: NodeJS.Timeout | undefined;

  const all = function* () {
    for (const streams of byNumber.values()) yield* streams;
  };

  const write = (body: PassThrough, text: string) => {
    if (body.destroyed || body.writableEnded) return;
    if (body.writableLength > MAX_BUFFERED_BYTES) {
      body.destroy();
      return;
    }
    body.write(text);
  };

  const remove = (stream: StatusStream) => {
    const streams = byNumber.get(stream.number);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) byNumber.delete(stream.number);
    const left = (byIp.get(stream.ip) ?? 1) - 1;
    if (left > 0) byIp.set(stream.ip, left);
    else byIp.delete(stream.ip);
    total--;
    if (total === 0) {
      clearInterval(keepAlive);
      keepAlive = undefined;
    }
  };

  return {
    open(number, ip, current, response) {
      if (closed) return { ok: false, reason: 'closed' };
      if ((byIp.get(ip) ?? 0) >= maxPerIp) return { ok: false, reason: 'limit' };

      const body = new PassThrough();
      const finished = new Promise<void>((resolve) => (response ?? body).once('close', resolve));
      const stream: StatusStream = {
        body,
        number,
        ip,
        send: (view) => write(body, sseStatusEvent(view)),
        end() {
          if (!body.destroyed && !body.writableEnded) body.end();
          return finished;
        },
      };
      // 'close' follows the end of the answer, a client that went away, and destroy().
      body.once('close', () => remove(stream));

      let streams = byNumber.get(number);
      if (!streams) byNumber.set(number, (streams = new Set()));
      streams.add(stream);
      byIp.set(ip, (byIp.get(ip) ?? 0) + 1);
      total++;
      keepAlive ??= setInterval(() => {
        for (const open of all()) write(open.body, SSE_KEEP_ALIVE);
      }, keepAliveMs).unref();

      // A reconnecting EventSource catches up with anything it missed from this first event.
      body.write(`retry: ${RETRY_MS}\n\n${sseStatusEvent(current)}`);
      return { ok: true, stream };
    },
    publish(view) {
      const streams = byNumber.get(view.number);
      if (!streams) return;
      const event = sseStatusEvent(view);
      for (const stream of streams) write(stream.body, event);
    },
    async closeAll() {
      closed = true;
      const ending = [...all()].map((stream) => stream.end());
      if (ending.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_GRACE_MS).unref();
      });
      await Promise.race([Promise.all(ending), grace]);
      clearTimeout(timer);
      // Whatever did not finish in time is cut off.
      for (const stream of [...all()]) stream.body.destroy();
    },
    count(number) {
      return number === undefined ? total : (byNumber.get(number)?.size ?? 0);
    },
  };
}
