import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from './chat-connection.js';
import { httpHref, systemText, textParts } from './chat-text.js';
import { dayIn, zonedTime } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

const ZONE = 'Europe/Moscow';

/**
 * A conversation's messages in order: the citizen's, the virtual assistant's (with the article it
 * answered from, or the articles it suggested), the operators' (with a read mark: whether the
 * citizen has read it) and the system lines. Every text is bound as text; only http(s), mailto
 * and tel URLs written in it become links; attachments are links to the console's download.
 * @summary The transcript of one chat conversation.
 */
@customElement('gs-operator-chat-transcript')
export class GsOperatorChatTranscript extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--_gs-space);
      }
      ol > li {
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
        border-radius: var(--_gs-radius-small);
        border: 1px solid var(--_gs-color-border);
        max-width: 44rem;
      }
      li[data-author='citizen'] {
        background: var(--_gs-color-surface);
      }
      li[data-author='operator'] {
        justify-self: end;
        border-inline-end: 4px solid var(--_gs-color-primary);
      }
      li[data-author='assistant'] {
        border-inline-start: 4px dashed var(--_gs-color-text-muted);
      }
      li[data-author='system'] {
        justify-self: center;
        border-style: dashed;
        font-style: italic;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--_gs-space);
        font-size: 0.875em;
        margin: 0 0 4px;
      }
      .author {
        font-weight: 700;
      }
      .text {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .article,
      .suggestions {
        margin: 4px 0 0;
        font-size: 0.9375em;
      }
      ul {
        margin: 4px 0 0;
        padding-inline-start: 1.25em;
      }
    `,
  ];

  @property({ attribute: false }) messages: ChatMessage[] = [];
  /** The citizen has read up to here: the operator's messages up to it are marked read. */
  @property({ type: Number }) citizenReadSeq = 0;
  /** The download URL of an attachment. */
  @property({ attribute: false }) attachmentUrl: (id: string) => string = (id) => id;

  override render() {
    const today = dayIn(ZONE);
    return html`<ol>
      ${repeat(
        this.messages,
        (m) => m.seq,
        (m) => this.renderMessage(m, today),
      )}
    </ol>`;
  }

  private renderMessage(message: ChatMessage, today: string) {
    const m = messages.chat;
    const author =
      message.author === 'operator' ? m.authors.operator(message.operatorName ?? '') : message.author === 'citizen' ? m.authors.citizen : m.authors[message.author];
    return html`<li data-author=${message.author} data-seq=${message.seq}>
      <p class="meta">
        <span class="author">${author}</span>
        <time datetime=${message.createdAt}>${zonedTime(message.createdAt, ZONE, today)}</time>
        ${message.author === 'operator'
          ? html`<span class="read-mark muted">${message.seq <= this.citizenReadSeq ? m.read : m.delivered}</span>`
          : nothing}
      </p>
      ${message.author === 'system'
        ? html`<p class="text">${systemText(message)}</p>`
        : message.text
          ? html`<p class="text">${textParts(message.text).map((p) => (p.href ? html`<a href=${p.href} rel="noopener noreferrer" target="_blank">${p.text}</a>` : p.text))}</p>`
          : nothing}
      ${message.article ? html`<p class="article">${m.article(message.article.title)}</p>` : nothing}
      ${message.suggestions?.length
        ? html`<div class="suggestions">
            ${m.suggestions}
            <ul>
              ${message.suggestions.map((s) => html`<li class="suggestion">${s.title}</li>`)}
            </ul>
          </div>`
        : nothing}
      ${message.attachments.length ? this.renderAttachments(message) : nothing}
    </li>`;
  }

  private renderAttachments(message: ChatMessage) {
    const m = messages.chat;
    return html`<div class="attachments">
      ${m.attachments}:
      <ul>
        ${message.attachments.map((a) => {
          const label = m.attachment(a.name, messages.bytes(a.size));
          const href = httpHref(this.attachmentUrl(a.id));
          return html`<li>${href ? html`<a href=${href} download=${a.name}>${label}</a>` : label}</li>`;
        })}
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-chat-transcript': GsOperatorChatTranscript;
  }
}
