/**
 * gov-support-widget/chat for bundler apps: the chat's elements with both languages' texts (the
 * script tag's panel fetches src/features/chat/index.ts and the page's language instead).
 */
import '../i18n/all.js';
import '../features/chat/texts/all.js';

export * from '../features/chat/index.js';
