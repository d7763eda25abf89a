/**
 * gov-support-widget/request for bundler apps: the channel's elements with both languages' texts
 * (the script tag's panel fetches src/request.ts and the page's language instead).
 */
import '../i18n/all.js';

export * from '../request.js';
