import type { ChatMessage } from '../../protocol/chat.js';
import { ChatRequestError, type ChatConnection } from './chat-connection.js';

/** The chat's data as the session keeps it and the elements show it (no I/O here). */

/** A message of the outbox as the log shows it. */
export interface PendingMessage {
  clientId: string;
  text: string;
  attachments: readonly string[];
  order: number;
  /** sending: in the outbox, sent when connected; failed: retries ran out («Не отправлено — повторить»). */
  status: 'sending' | 'failed';
  /** False: it holds a document number and lives only in this page's memory until sent. */
  kept: boolean;
  /** The server's refusal, when it refused. */
  error?: string | undefined;
}

/** Why an action did not go through. */
export type ChatProblem =
  | { kind: 'offline' | 'failed' | 'lost' | 'busy' }
  | { kind: 'rate-limited'; seconds: number }
  | { kind: 'server'; message: string }
  /** A file of the conversation could not be downloaded (`message`: its name). */
  | { kind: 'download'; message: string };

/** The part of ChatConnection the session uses (tests give a fake). */
export type ChatLink = Pick<ChatConnection, 'open' | 'close' | 'request' | 'notify' | 'isReady' | 'state'>;

/** Messages by seq: `incoming` merged into `list`, each seq once (the later copy wins), in order. */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return list as ChatMessage[];
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** What the citizen is told about a failed request. */
export function problemOf(error: unknown): ChatProblem {
  if (!(error instanceof ChatRequestError)) return { kind: 'failed' };
  switch (error.code) {
    case 'offline':
    case 'timeout':
      return { kind: navigator.onLine && error.code === 'timeout' ? 'failed' : 'offline' };
    case 'rate_limited':
      return { kind: 'rate-limited', seconds: error.retryAfterSeconds ?? 30 };
    case 'not_found':
      return { kind: 'lost' };
    case 'unavailable':
      return { kind: 'busy' };
    case 'internal':
    case 'request_timeout':
    case 'bad_response':
      return { kind: 'failed' };
    default:
      return { kind: 'server', message: error.message };
  }
}

