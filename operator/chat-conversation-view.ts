import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ChatMessage, OperatorChatSummary } from './chat-connection.js';
import type { ChatHandedOnEvent } from './chat-actions.js';
import type { OperatorChatSession } from './chat-session.js';
import { moscowDateTime } from './date-time.js';
import { mailtoHref, telHref } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';
import './chat-actions.js';
import './chat-reply-box.js';
import './chat-transcript.js';

/** A phone or e-mail as the citizen wrote it: a tel: or mailto: link, anything else as text. */
function contactLink(contact: string) {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(contact)) return html`<a href=${mailtoHref(contact)}>${contact}</a>`;
  const digits = contact.replace(/\D/g, '');
  if (/^[+\d()\-\s]+$/.test(contact) && digits.length >= 5) return html`<a href=${telHref(contact)}>${contact}</a>`;
  return contact;
}

/**
 * One conversation: the citizen's structured opening, the whole transcript (the assistant's part
 * too), the citizen's typing indicator, and — while it is this operator's — the reply box and the
 * actions. What the citizen writes is announced politely by the chat view; here the transcript is
 * a log. Marks everything read while shown.
 * @summary An operator's chat conversation.
 */
@customElement('gs-operator-chat-conversation')
export class GsOperatorChatConversation extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.25em;
        margin: 0 0 var(--_gs-space);
        overflow-wrap: anywhere;
      }
      h3 {
        font-size: 1.05em;
        margin: calc(var(--_gs-space) * 2) 0 var(--_gs-space);
      }
      dl {
        display: grid;
        grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
        gap: 4px calc(var(--_gs-space) * 2);
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .text {
        white-space: pre-wrap;
      }
      .log {
        max-height: 28rem;
        overflow-y: auto;
        padding: var(--_gs-space);
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
      }
      .log:focus-visible {
        outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
        outline-offset: 2px;
      }
      .typing {
        min-height: 1.5em;
        margin: 4px 0 var(--_gs-space);
      }
      .notice {
        margin-block: var(--_gs-space);
      }
    `,
  ];

  @property({ attribute: false }) session!: OperatorChatSession;
  @property({ attribute: false }) conversation!: OperatorChatSummary;
  @property({ attribute: false }) messages: ChatMessage[] = [];
  /** Whether this operator may write in it. */
  @property({ type: Boolean }) mine = false;
  @property({ type: Boolean }) citizenTyping = false;
  @property() operatorName = '';
  @property({ attribute: false }) attachmentUrl: (id: string) => string = (id) => id;
  @state() private done = '';
  @query('h2') private heading!: HTMLElement;

  /** Back in a hidden tab: what arrived meanwhile is now seen. */
  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('messages')) void this.scrollToEnd();
    if (this.mine && document.visibilityState === 'visible') this.session.markRead(this.conversation.conversationId);
  }

  /** The newest message in view, once the transcript has rendered it. */
  private async scrollToEnd() {
    await this.renderRoot.querySelector('gs-operator-chat-transcript')?.updateComplete;
    const log = this.renderRoot.querySelector<HTMLElement>('.log');
    if (log) log.scrollTop = log.scrollHeight;
  }

  override render() {
    const c = this.conversation;
    if (!c) return nothing;
    const m = messages.chat;
    return html`
      <h2 id="conversation-title" tabindex="-1">${c.summary}</h2>
      <p class="muted">${m.statusesOfChat[c.status] ?? c.status}${c.escalated ? html` · ${m.escalated}` : nothing}</p>
      <div role="status" class="notice ${this.done ? '' : 'empty'}" id="conversation-done">${this.done}</div>

      <h3>${m.openingTitle}</h3>
      <dl>
        <dt>${m.fields.kind}</dt>
        <dd data-field="kind">${m.kinds[c.kind] ?? c.kind}</dd>
        <dt>${m.fields.question}</dt>
        <dd data-field="question" class="text">${c.question}</dd>
        <dt>${m.fields.name}</dt>
        <dd data-field="name">${c.name ?? html`<span class="muted">${m.anonymous}</span>`}</dd>
        <dt>${m.fields.contact}</dt>
        <dd data-field="contact">${c.contact ? contactLink(c.contact) : html`<span class="muted">${m.anonymous}</span>`}</dd>
        <dt>${m.fields.verified}</dt>
        <dd data-field="verified">${c.verified ? m.verifiedBySite(c.verified.name, c.verified.subject) : html`<span class="muted">${m.notVerified}</span>`}</dd>
        ${c.escalationNote
          ? html`<dt>${m.fields.escalationNote}</dt>
              <dd data-field="escalation-note" class="text">${c.escalationNote}</dd>`
          : nothing}
        <dt>${m.fields.startedAt}</dt>
        <dd>${moscowDateTime(c.createdAt)}</dd>
      </dl>

      <h3 id="transcript-title">${m.transcriptTitle}</h3>
      <div class="log" role="log" aria-labelledby="transcript-title" tabindex="0">
        <gs-operator-chat-transcript .messages=${this.messages} .citizenReadSeq=${c.citizenReadSeq} .attachmentUrl=${this.attachmentUrl}></gs-operator-chat-transcript>
      </div>
      <p class="typing muted" role="status" id="citizen-typing">${this.citizenTyping ? m.citizenTyping : ''}</p>

      ${this.mine
        ? html`
            <gs-operator-chat-reply-box
              .operatorName=${this.operatorName}
              .send=${(clientId: string, text: string, files: readonly File[]) => this.session.reply(c.conversationId, clientId, text, files)}
              .typing=${(typing: boolean) => this.session.typing(c.conversationId, typing)}
            ></gs-operator-chat-reply-box>
            <section aria-labelledby="actions-title">
              <h3 id="actions-title">${m.actionsTitle}</h3>
              <gs-operator-chat-actions .session=${this.session} .conversationId=${c.conversationId} @chat-handed-on=${this.onHandedOn}></gs-operator-chat-actions>
            </section>
          `
        : html`<p class="notice none" id="conversation-readonly">${c.status === 'closed' ? m.closedNotice : m.notMineNotice}</p>`}
    `;
  }

  private onHandedOn(event: ChatHandedOnEvent) {
    this.done = event.done;
    this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-chat-conversation': GsOperatorChatConversation;
  }
}
