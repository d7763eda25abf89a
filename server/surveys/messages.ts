import { SURVEY_LINK_PARAM } from '#protocol/quality.js';
import type { OutgoingMessage } from '../notify/notifier.js';
import type { FinishedContact } from './contact.js';

/**
 * The survey's link: the site page with the widget (`PUBLIC_URL`) and the fragment
 * `#gs-survey=<token>` (the widget opens the survey when it finds it). A fragment, like the status
 * tracking link's `#gs-status=`: the browser never sends it, so the token stays out of the site's
 * server logs and Referer headers. A fragment `PUBLIC_URL` had is replaced.
 */
export function surveyLink(publicUrl: URL, token: string): string {
  const url = new URL(publicUrl);
  url.hash = `${SURVEY_LINK_PARAM}=${token}`;
  return url.toString();
}

/** The one message of a new survey, on the e-mail or SMS the citizen chose. Nothing personal in it. */
export function surveyMessage(to: NonNullable<FinishedContact['notify']>, link: string): OutgoingMessage {
  const text = `Оцените, пожалуйста, как мы помогли: ${link}. Опрос займёт минуту.`;
  if (to.channel === 'sms') return { channel: 'sms', recipient: to.recipient, body: text };
  return {
    channel: 'email',
    recipient: to.recipient,
    subject: 'Оцените, пожалуйста, как мы помогли',
    body: ['Здравствуйте!', '', text, '', 'Это письмо отправлено автоматически, отвечать на него не нужно.'].join('\n'),
  };
}

/** A public URL as given (`PUBLIC_URL`): http(s), or the start fails naming it. */
export function parsePublicUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an http(s) URL of the site page with the widget, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_URL must be an http(s) URL of the site page with the widget, got "${value}"`);
  }
  return url;
}
