/**
 * gov-support-widget/request for bundler apps: the channel's elements with both languages' texts
 * (the script tag's panel fetches src/features/request/index.ts and the page's language instead).
 */
import '../i18n/all.js';
import '../features/request/texts/all.js';
import '../shared/attachments/texts/all.js';

export * from '../features/request/index.js';
