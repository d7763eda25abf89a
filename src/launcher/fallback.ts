import { h } from './dom.js';
import { messages } from './messages.js';
import { telHref, type Contact, type LauncherState } from './settings.js';

export interface FallbackActions {
  retry(): void;
  close(): void;
}

/**
 * The view shown, from the launcher itself, when the panel will not load (offline, blocked by a
 * proxy, gone after a deploy): a non-modal dialog placed where the panel opens, with a clear
 * message, the site's support phones and e-mail as working links, its hours, and «Повторить».
 * Nothing is invented: without contacts in the settings, only the message and the retry.
 * The caller appends it, focuses the heading and wires `actions`; Esc and the close button close it.
 */
export function renderFallback(state: LauncherState, actions: FallbackActions): HTMLElement {
  const { locale } = state;
  const msg = messages[locale];
  const other = locale === 'ru' ? 'en' : 'ru';
  /** The site owner's label in the page's language, else the other one with its own lang. */
  const label = (labels: Contact['label'], fallback: string) =>
    labels?.[locale] ?? (labels?.[other] ? h('span', { lang: other }, labels[other]) : fallback);
  const contact = (name: Node | string, href: string, text: string) => h('li', {}, name, ': ', h('a', { href }, text));
  const contacts = [
    ...state.phones.map((phone) => contact(label(phone.label, msg.phone), telHref(phone.value), phone.value)),
    ...state.emails.map((email) => contact(label(email.label, msg.email), `mailto:${email.value}`, email.value)),
  ];
  const close = h('button', { type: 'button', class: 'close', 'aria-label': msg.close }, '×');
  const retry = h('button', { type: 'button', class: 'retry' }, msg.retry);
  const dialog = h(
    'section',
    { id: 'gs-fallback', class: 'fallback', role: 'dialog', 'aria-labelledby': 'gs-fallback-title', 'aria-describedby': 'gs-fallback-message', lang: state.locale },
    h('div', { class: 'header' }, h('h2', { id: 'gs-fallback-title', tabindex: '-1' }, msg.fallbackTitle), close),
    h('p', { id: 'gs-fallback-message' }, msg.fallbackMessage),
    ...(contacts.length ? [h('p', {}, msg.contactsIntro), h('ul', { role: 'list' }, ...contacts)] : []),
    ...(state.hours ? [h('p', {}, `${msg.hours}: ${state.hours}`)] : []),
    retry,
  );
  close.onclick = actions.close;
  retry.onclick = actions.retry;
  dialog.onkeydown = (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    actions.close();
  };
  return dialog;
}
