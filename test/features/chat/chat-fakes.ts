// The test data of the chat's component tests. The fake connection and the in-memory storage are
// the stories' (stories/support/fake-chat.ts), so both drive gs-chat the same way.
import type { ChatMessage, ChatState } from '../../../src/protocol/chat.js';
import type { Responder } from '../../../stories/support/fake-chat.js';

export { FakeChatLink as FakeLink, MemoryChatStore as MemoryStore } from '../../../stories/support/fake-chat.js';

export const CONVERSATION = 'c0ffee00-0000-4000-8000-000000000001';
export const AT = '2026-03-16T09:05:00.000Z';

export const message = (seq: number, over: Partial<ChatMessage> = {}): ChatMessage => ({
  conversationId: CONVERSATION,
  seq,
  clientId: null,
  author: 'assistant',
  text: `Сообщение ${seq}`,
  attachments: [],
  createdAt: AT,
  ...over,
});

export const chatState = (over: Partial<ChatState> = {}): ChatState => ({
  conversationId: CONVERSATION,
  status: 'assistant',
  kind: 'technical',
  summary: 'Не приходит код',
  operators: { open: true },
  lastSeq: 1,
  citizenReadSeq: 0,
  operatorReadSeq: 0,
  rated: false,
  ...over,
});

/** Answers a citizen's `chat:send` as the server does: the stored message with the next seq. */
export function sendResponder(firstSeq: number): Responder {
  let seq = firstSeq;
  const seen = new Map<string, ChatMessage>();
  return (payload) => {
    const { clientId, text } = payload as { clientId: string; text: string };
    const existing = seen.get(clientId);
    if (existing) return { ok: true, seq: existing.seq, duplicate: true, message: existing };
    const m = message(seq++, { author: 'citizen', clientId, text });
    seen.set(clientId, m);
    return { ok: true, seq: m.seq, duplicate: false, message: m };
  };
}
