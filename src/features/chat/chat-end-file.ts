import { defineElement } from '../../util/define.js';

/**
 * The rating and the transcript (`gs-chat-end`) are a file of their own, fetched when a chat
 * ends: opening the chat does not pay for them. A failed fetch is tried again on the next call.
 */
export const loadChatEnd = (): Promise<void> => import('./chat-end.js').then((m) => defineElement('gs-chat-end', m.GsChatEnd));
