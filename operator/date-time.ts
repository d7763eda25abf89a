import { html } from 'lit';
import { moscowTime } from './format.js';

/**
 * A moment in the console's one format, «16.03.2026, 12:00 МСК», as a <time>: the line may break
 * after the date's comma only (never inside the date, nor between the time and «МСК»).
 */
export function moscowDateTime(iso: string) {
  const text = moscowTime(iso);
  const comma = text.indexOf(', ');
  if (comma < 0) return html`<time class="nowrap" datetime=${iso}>${text}</time>`;
  return html`<time datetime=${iso}><span class="nowrap">${text.slice(0, comma + 1)}</span> <span class="nowrap">${text.slice(comma + 2)}</span></time>`;
}
