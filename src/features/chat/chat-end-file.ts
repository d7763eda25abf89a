import { defineElement } from '../../util/define.js';

/**
 * The end of a chat (`gs-chat-end`: the survey, or the rating, and the transcript) is a file of its own, fetched when a chat
 * ends: opening the chat does not pay for them. A failed fetch is tried again on the next call.
 */
export const loadChatEnd = (): Promise<void> => import('./chat-end.js').then((m) => defineElement('gs-chat-end', m.GsChatEnd));
