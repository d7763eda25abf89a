/**
 * gov-support-widget/offices for bundler apps: the channel's elements with both languages' texts
 * (the script tag's panel fetches src/features/offices/index.ts and the page's language instead).
 */
import '../i18n/all.js';
import '../features/offices/texts/all.js';

export * from '../features/offices/index.js';
