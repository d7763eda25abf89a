/**
 * gov-support-widget/status for bundler apps: the channel's elements with both languages' texts
 * (the script tag's panel fetches src/features/status/index.ts and the page's language instead).
 */
import '../i18n/all.js';
import '../features/status/texts/all.js';

export * from '../features/status/index.js';
