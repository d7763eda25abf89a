/**
 * gov-support-widget/callback for bundler apps: the channel's elements with both languages' texts
 * (the script tag's panel fetches src/features/callback/index.ts and the page's language instead).
 */
import '../i18n/all.js';
import '../features/callback/texts/all.js';

export * from '../features/callback/index.js';
