/**
 * gov-support-widget/chat for bundler apps: the chat's elements with both languages' texts (the
 * script tag's panel fetches src/features/chat/index.ts and the page's language instead, and
 * gs-chat-end when a chat ends).
 */
import '../i18n/all.js';
import '../features/chat/texts/all.js';

import { GsChatEnd } from '../features/chat/chat-end.js';
import { defineElement } from '../util/define.js';

defineElement('gs-chat-end', GsChatEnd);

export * from '../features/chat/index.js';
export { GsChatEnd };
