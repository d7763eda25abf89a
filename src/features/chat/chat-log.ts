import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { formatTime } from '../../i18n/format.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { ChatMessage } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import { base, buttons, tokens, visuallyHidden } from '../../styles/index.js';
import { MOSCOW } from '../../time/zoned.js';
import { GsChatDownloadEvent, GsChatRetryEvent, GsChatSendEvent } from './chat-events.js';
import type { PendingMessage } from './chat-model.js';
import { authorOf, linkify, systemText } from './chat-text.js';
import { chatStyles } from './chat.styles.js';

/**
 * The conversation: a `role="log"` region (polite), so that each new message is announced
 * without moving focus. Each message says who wrote it (the assistant, the operator by name,
 * «Вы») and when (Moscow time); its text is plain text bound with Lit text bindings, never HTML,
 * with http(s), mailto and tel addresses as links. The assistant's answer names its article;
 * when it found none, the suggested articles are buttons that ask that question. A message's
 * files are buttons that download them (the operator's and the citizen's own). System lines
 * (operator joined, transferred, closed) come in the citizen's language. The citizen's own
 * messages show «Доставлено» / «Прочитано»; those not yet sent show «Отправляется…», or
 * «Не отправлено» with «Повторить».
 *
 * @tagname gs-chat-log
 * @summary The chat's messages, announced as they arrive.
 *
 * @fires gs-chat-send - A suggestion was chosen: its title is asked as a question.
 * @fires gs-chat-retry - «Повторить» on a message that was not sent. `event.clientId`.
 * @fires gs-chat-download - A file's button was pressed. `event.attachment`.
 *
 * @csspart log - The log region.
 * @csspart message - One message.
 * @cssprop --gs-chat-own-bg - Background of the citizen's own messages.
 */
export class GsChatLog extends LitElement {
  static override styles = [
    tokens,
    base,
    visuallyHidden,
    buttons,
    chatStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_gs-space) * 1.5);
      }
      .message {
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
        border-radius: var(--_gs-radius-small);
        background: var(--_gs-color-surface);
        border: 1px solid var(--_gs-color-border);
        max-width: 100%;
      }
      .own {
        background: var(--gs-chat-own-bg, var(--_gs-color-bg));
        margin-inline-start: calc(var(--_gs-space) * 3);
      }
      .system {
        background: none;
        border: 0;
        border-inline-start: 4px solid var(--_gs-color-border);
        border-radius: 0;
        font-size: 0.875em;
      }
      .meta {
        font-size: 0.875em;
        margin: 0 0 4px;
      }
      .author {
        font-weight: 600;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
      }
      .state {
        font-size: 0.875em;
        margin: 4px 0 0;
        color: var(--_gs-color-text-muted);
      }
      .state.failed {
        color: var(--_gs-color-danger);
        font-weight: 600;
      }
      .suggestions,
      .files {
        list-style: none;
        padding: 0;
        margin: var(--_gs-space) 0 0;
        display: grid;
        gap: 4px;
      }
      .suggestions button,
      .files button {
        text-align: start;
        overflow-wrap: anywhere;
      }
      .typing {
        font-style: italic;
        margin: var(--_gs-space) 0 0;
      }
    `,
  ];

  /** The conversation's messages, by seq. */
  @property({ attribute: false }) messages: readonly ChatMessage[] = [];

  /** The citizen's messages not acknowledged yet. */
  @property({ attribute: false }) pending: readonly PendingMessage[] = [];

  /** The last seq the operator has read (for «Прочитано»). */
  @property({ type: Number, attribute: false }) operatorReadSeq = 0;

  /** The operator is typing (their name, when known). */
  @property({ attribute: false }) typing?: { operatorName?: string | undefined } | undefined;

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  private renderText(text: string) {
    return linkify(text).map((part) =>
      part.href ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text,
    );
  }

  private renderMessage(m: ChatMessage) {
    const msg = this.l10n.msg;
    const t = msg.chat.log;
    const time = formatTime(Date.parse(m.createdAt), this.l10n.locale, MOSCOW, msg);
    if (m.author === 'system') {
      return html`<li class="message system" part="message"><p class="text">${systemText(m, msg)}</p></li>`;
    }
    const own = m.author === 'citizen';
    return html`<li class="message ${own ? 'own' : ''}" part="message">
      <p class="meta"><span class="author">${authorOf(m, msg)}</span>, <time datetime=${m.createdAt}>${time}</time></p>
      <p class="text">${this.renderText(m.text)}</p>
      ${m.attachments.length
        ? html`<p class="meta">${t.attachments}:</p>
            <ul class="files" role="list">
              ${m.attachments.map(
                (a) => html`<li><button type="button" class="button-secondary" aria-label=${t.downloadFile(a.name)} @click=${() => this.dispatchEvent(new GsChatDownloadEvent(a))}>${a.name}</button></li>`,
              )}
            </ul>`
        : nothing}
      ${m.article ? html`<p class="state">${t.article(m.article.title)}</p>` : nothing}
      ${m.suggestions?.length
        ? html`<p class="meta">${t.suggestions}</p>
            <ul class="suggestions" role="list">
              ${m.suggestions.map(
                (s) => html`<li><button type="button" class="button-secondary" @click=${() => this.dispatchEvent(new GsChatSendEvent(s.title))}>${s.title}</button></li>`,
              )}
            </ul>`
        : nothing}
      ${own ? html`<p class="state">${m.seq <= this.operatorReadSeq ? t.read : t.delivered}</p>` : nothing}
    </li>`;
  }

  private renderPending(p: PendingMessage) {
    const t = this.l10n.msg.chat.log;
    const failed = p.status === 'failed';
    return html`<li class="message own pending" part="message" data-client-id=${p.clientId}>
      <p class="meta"><span class="author">${t.you}</span></p>
      <p class="text">${this.renderText(p.text)}</p>
      ${p.kept ? nothing : html`<p class="state">${t.notKept}</p>`}
      ${failed
        ? html`<p class="state failed">${t.failed}${p.error ? html`: ${p.error}` : nothing}</p>
            <button type="button" class="button-secondary retry" @click=${() => this.dispatchEvent(new GsChatRetryEvent(p.clientId))}>
              ${t.retry}<span class="visually-hidden">: ${p.text.slice(0, 40)}</span>
            </button>`
        : html`<p class="state">${t.sending}</p>`}
    </li>`;
  }

  protected override render() {
    const t = this.l10n.msg.chat.log;
    return html`<div role="log" aria-live="polite" aria-label=${t.label} part="log">
      <ol role="list">
        ${this.messages.map((m) => this.renderMessage(m))}
        ${this.pending.map((p) => this.renderPending(p))}
      </ol>
      ${this.typing ? html`<p class="typing">${t.typing(this.typing.operatorName)}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chat-log': GsChatLog;
  }
}
