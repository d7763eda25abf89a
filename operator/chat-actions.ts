import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CHAT_COMMENT_MAX, CHAT_NAME_MAX } from '../src/protocol/chat.js';
import { chatErrorText, type OperatorChatSession } from './chat-session.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/** The conversation left this operator: `done` says how (the conversation view announces it). */
export class ChatHandedOnEvent extends Event {
  constructor(readonly done: string) {
    super('chat-handed-on', { bubbles: true, composed: true });
  }
}

type Action = 'transfer' | 'escalate' | 'return' | 'close';

/**
 * What an operator can do with a conversation of theirs: transfer it to another operator (by
 * name), pass it to a senior specialist (with a note), return it to the queue, close it. A
 * refusal (the operator is offline, the conversation moved on) shows as an alert here.
 * @summary The actions on one chat conversation.
 * @fires chat-handed-on - ChatHandedOnEvent: the conversation is no longer this operator's.
 */
@customElement('gs-operator-chat-actions')
export class GsOperatorChatActions extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
      }
      h3 {
        font-size: 1em;
        margin: calc(var(--_gs-space) * 2) 0 var(--_gs-space);
      }
      form {
        display: grid;
        gap: var(--_gs-space);
        max-width: 32rem;
      }
      .form-control {
        margin: 0;
      }
      textarea {
        min-height: 4em;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        margin-block-start: calc(var(--_gs-space) * 2);
      }
      .notice {
        margin-block: var(--_gs-space) 0;
      }
    `,
  ];

  @property({ attribute: false }) session!: OperatorChatSession;
  @property() conversationId = '';
  @state() private busy: Action | '' = '';
  @state() private failure = '';
  @state() private transferError = '';

  override render() {
    const m = messages.chat;
    const label = (action: Action, text: string) => (this.busy === action ? m.working : text);
    return html`
      <form aria-labelledby="transfer-title" @submit=${this.transfer} novalidate>
        <h3 id="transfer-title">${m.transferTitle}</h3>
        <div class="form-control ${this.transferError ? 'has-error' : ''}">
          <label for="transfer-to">${m.transferTo}</label>
          <span class="hint" id="transfer-hint">${m.transferHint}</span>
          ${this.transferError
            ? html`<span class="error" id="transfer-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${this.transferError}</span>`
            : nothing}
          <input
            id="transfer-to"
            name="to"
            autocomplete="off"
            maxlength=${CHAT_NAME_MAX}
            aria-describedby=${this.transferError ? 'transfer-hint transfer-error' : 'transfer-hint'}
            aria-invalid=${this.transferError ? 'true' : 'false'}
          />
        </div>
        <div><button class="button-secondary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${label('transfer', m.transfer)}</button></div>
      </form>
      <form aria-labelledby="escalate-title" @submit=${this.escalate}>
        <h3 id="escalate-title">${m.escalateTitle}</h3>
        <div class="form-control">
          <label for="escalate-note">${m.escalateNote}</label>
          <span class="hint" id="escalate-hint">${m.escalateHint}</span>
          <textarea id="escalate-note" name="note" maxlength=${CHAT_COMMENT_MAX} aria-describedby="escalate-hint"></textarea>
        </div>
        <div><button class="button-secondary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${label('escalate', m.escalate)}</button></div>
      </form>
      <div class="buttons">
        <button class="button-secondary" type="button" data-action="return" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.run('return', m.returnedDone)}>
          ${label('return', m.returnToQueue)}
        </button>
        <button class="button-primary" type="button" data-action="close" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.run('close', m.closedDone)}>
          ${label('close', m.close)}
        </button>
      </div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="actions-error">${this.failure}</div>
    `;
  }

  private transfer(event: SubmitEvent) {
    event.preventDefault();
    const field = this.renderRoot.querySelector<HTMLInputElement>('#transfer-to')!;
    const to = field.value.trim();
    if (!to) {
      this.transferError = messages.chat.transferRequired;
      field.focus();
      return;
    }
    this.transferError = '';
    void this.run('transfer', messages.chat.transferred(to), to);
  }

  private escalate(event: SubmitEvent) {
    event.preventDefault();
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>('#escalate-note')!.value.trim();
    void this.run('escalate', messages.chat.escalatedDone, note);
  }

  private async run(action: Action, done: string, arg = '') {
    if (this.busy) return;
    this.busy = action;
    this.failure = '';
    const id = this.conversationId;
    try {
      if (action === 'transfer') await this.session.transfer(id, arg);
      else if (action === 'escalate') await this.session.escalate(id, arg || undefined);
      else if (action === 'return') await this.session.returnToQueue(id);
      else await this.session.close(id);
      this.dispatchEvent(new ChatHandedOnEvent(done));
    } catch (error) {
      this.failure = chatErrorText(error);
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-chat-actions': GsOperatorChatActions;
  }
  interface GlobalEventHandlersEventMap {
    'chat-handed-on': ChatHandedOnEvent;
  }
}
