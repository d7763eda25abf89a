import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChatRequestError, type OperatorChatSummary } from './chat-connection.js';
import { chatErrorText, type OperatorChatSession } from './chat-session.js';
import { ChatClockController } from './chat-clock-controller.js';
import { alertIcon } from './icons.js';
import { messages, waitDuration } from './messages.js';
import { consoleSheets } from './styles.js';

/** A waiting conversation was taken here: the chat view opens it. */
export class ChatTakenEvent extends Event {
  constructor(readonly conversationId: string) {
    super('chat-taken', { bubbles: true, composed: true });
  }
}

/**
 * «Ожидают оператора»: the waiting conversations, longest wait first, each with its structured
 * opening (kind, summary, question, name and contact when given), how long it has waited (live),
 * a mark on those passed to a senior specialist, and «Взять». When another operator was first,
 * an alert says so and the item leaves the list with the next update.
 * @summary The chat queue.
 * @fires chat-taken - ChatTakenEvent: this operator took a conversation.
 */
@customElement('gs-operator-chat-queue')
export class GsOperatorChatQueue extends LitElement {
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
      article {
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
      }
      article.escalated {
        border-inline-start: 6px solid var(--_gs-color-danger);
      }
      h3 {
        font-size: 1.05em;
        margin: 0 0 4px;
        overflow-wrap: anywhere;
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: 4px var(--_gs-space);
        margin: 0 0 4px;
      }
      .question {
        margin: 0 0 4px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 4;
        overflow: hidden;
      }
      .who,
      .wait {
        margin: 0 0 4px;
        overflow-wrap: anywhere;
      }
      .wait {
        font-weight: 600;
      }
      .notice {
        margin-block: 0 var(--_gs-space);
      }
    `,
  ];

  @property({ attribute: false }) session!: OperatorChatSession;
  @property({ attribute: false }) waiting: OperatorChatSummary[] = [];
  @state() private taking = '';
  @state() private failure = '';
  /** The waits tick once a second while the queue is shown. */
  private readonly clock = new ChatClockController(this, 1000);

  override render() {
    const m = messages.chat;
    return html`
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="take-error" tabindex="-1">${this.failure}</div>
      ${this.waiting.length === 0
        ? html`<p class="muted" id="queue-empty">${m.queueEmpty}</p>`
        : html`<ol aria-label=${m.queueTitle}>
            ${repeat(
              this.waiting,
              (c) => c.conversationId,
              (c) => html`<li>${this.renderItem(c)}</li>`,
            )}
          </ol>`}
    `;
  }

  private renderItem(c: OperatorChatSummary) {
    const m = messages.chat;
    const id = `q-${c.conversationId}`;
    const since = this.session.waitingSince.get(c.conversationId);
    const seconds = since === undefined ? (c.waitSeconds ?? 0) : Math.max(0, (this.clock.now - since) / 1000);
    // A phone stays on one line; a long contact may wrap anywhere.
    const contact = c.contact ? (c.contact.length <= 24 ? html`<span class="nowrap">${c.contact}</span>` : c.contact) : '';
    const who = c.name && contact ? html`${c.name}, ${contact}` : c.name || contact;
    return html`<article class=${c.escalated ? 'escalated' : ''} data-conversation=${c.conversationId} aria-labelledby=${id}>
      <h3 id=${id}>${c.summary}</h3>
      <p class="tags">
        <span class="badge" data-field="kind">${m.kinds[c.kind] ?? c.kind}</span>
        ${c.escalated ? html`<span class="overdue-tag" data-field="escalated">${alertIcon}${m.escalated}</span>` : nothing}
      </p>
      <p class="question" data-field="question">${c.question}</p>
      <p class="who" data-field="who">${m.fields.name}: ${who || html`<span class="muted">${m.anonymous}</span>`}</p>
      ${c.escalationNote ? html`<p class="who" data-field="escalation-note">${m.fields.escalationNote}: ${c.escalationNote}</p>` : nothing}
      <p class="wait" data-field="wait">${m.waiting(waitDuration(seconds))}</p>
      ${c.escalated && !this.session.senior ? html`<p class="hint" id="${id}-senior">${m.seniorOnlyHint}</p>` : nothing}
      <button
        class="button-primary"
        type="button"
        data-take=${c.conversationId}
        aria-label=${m.takeLabel(c.summary)}
        aria-describedby=${c.escalated && !this.session.senior ? `${id}-senior` : nothing}
        aria-disabled=${this.taking ? 'true' : 'false'}
        @click=${() => void this.take(c.conversationId)}
      >
        ${this.taking === c.conversationId ? m.taking : m.take}
      </button>
    </article>`;
  }

  private async take(conversationId: string) {
    if (this.taking) return;
    this.taking = conversationId;
    this.failure = '';
    try {
      await this.session.take(conversationId);
      this.dispatchEvent(new ChatTakenEvent(conversationId));
    } catch (error) {
      // Another operator was first: the server says so (in Russian); ours if it does not.
      const takenByOther = error instanceof ChatRequestError && error.code === 'conflict' && !/[А-Яа-яЁё]/.test(error.message);
      this.failure = takenByOther ? messages.chat.takenByOther : chatErrorText(error);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#take-error')?.focus());
    } finally {
      this.taking = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-chat-queue': GsOperatorChatQueue;
  }
  interface GlobalEventHandlersEventMap {
    'chat-taken': ChatTakenEvent;
  }
}
