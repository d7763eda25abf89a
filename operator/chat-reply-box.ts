import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { CHAT_TEXT_MAX } from '../src/protocol/chat.js';
import { chatErrorText } from './chat-session.js';
import type { SavedReplyEvent } from './chat-saved-replies.js';
import { ChatTypingController } from './chat-typing-controller.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';
import './chat-saved-replies.js';

/**
 * The reply box of a conversation: Enter sends (Shift+Enter is a new line), the typing indicator
 * goes out throttled, a saved reply is inserted at the cursor, files chosen go with the reply
 * (a reply may be files alone). A message keeps its `clientId` until it is sent, so a retry after
 * a lost answer is stored once. The sending itself (and the files' upload) is the `send`
 * callback's (the chat session's).
 * @summary The operator's reply box.
 */
@customElement('gs-operator-chat-reply-box')
export class GsOperatorChatReplyBox extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: var(--_gs-space);
      }
      .form-control {
        margin: 0;
      }
      textarea {
        min-height: 5em;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        align-items: start;
        justify-content: space-between;
      }
    `,
  ];

  @property() operatorName = '';
  /** Sends one message; rejects with a ChatRequestError. */
  @property({ attribute: false }) send: (clientId: string, text: string, files: readonly File[]) => Promise<void> = async () => {};
  @property({ attribute: false }) typing: (typing: boolean) => void = () => {};
  @state() private busy = false;
  @state() private error = '';
  @state() private inserted = '';
  @query('textarea') private field!: HTMLTextAreaElement;
  @query('input[type=file]') private files!: HTMLInputElement;
  /** The clientId of the text and files being sent (kept for a retry of the same ones). */
  private pending?: { clientId: string; text: string; files: readonly File[] };
  private readonly typingMark = new ChatTypingController(this, (typing) => this.typing(typing));

  override focus(): void {
    void this.updateComplete.then(() => this.field?.focus());
  }

  override render() {
    const m = messages.chat;
    return html`
      <form @submit=${this.submit} novalidate>
        <div class="form-control ${this.error ? 'has-error' : ''}">
          <label for="reply">${m.reply}</label>
          <span class="hint" id="reply-hint">${m.replyHint}</span>
          ${this.error ? html`<span class="error" id="reply-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${this.error}</span>` : nothing}
          <textarea
            id="reply"
            name="reply"
            maxlength=${CHAT_TEXT_MAX}
            aria-describedby=${this.error ? 'reply-hint reply-error' : 'reply-hint'}
            aria-invalid=${this.error ? 'true' : 'false'}
            @keydown=${this.onKeydown}
            @input=${this.onInput}
          ></textarea>
        </div>
        <div class="form-control">
          <label for="reply-files">${m.replyFiles}</label>
          <span class="hint" id="reply-files-hint">${m.replyFilesHint}</span>
          <input id="reply-files" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby="reply-files-hint" @change=${this.onInput} />
        </div>
        <div class="row">
          <gs-operator-chat-saved-replies .operatorName=${this.operatorName} @saved-reply=${this.onSavedReply}></gs-operator-chat-saved-replies>
          <button class="button-primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? m.sending : m.send}</button>
        </div>
        <div role="status" class="notice ${this.inserted ? 'info' : 'empty'}" id="reply-status">${this.inserted}</div>
      </form>
    `;
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.sendNow();
  }

  private onInput() {
    if (this.error) this.error = '';
    this.inserted = '';
    if (this.field.value.trim()) this.typingMark.input();
    else this.typingMark.stop();
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    void this.sendNow();
  }

  private async sendNow() {
    if (this.busy) return;
    const text = this.field.value.trim();
    const files = [...(this.files.files ?? [])];
    if (!text && files.length === 0) {
      this.error = messages.chat.replyRequired;
      this.field.focus();
      return;
    }
    const same = this.pending?.text === text && this.pending.files.length === files.length && this.pending.files.every((f, i) => f === files[i]);
    if (!same) this.pending = { clientId: crypto.randomUUID(), text, files };
    this.busy = true;
    this.error = '';
    this.inserted = '';
    this.typingMark.stop();
    try {
      await this.send(this.pending!.clientId, text, files);
      this.pending = undefined;
      this.field.value = '';
      this.files.value = '';
    } catch (error) {
      this.error = chatErrorText(error);
    } finally {
      this.busy = false;
      this.field.focus();
    }
  }

  /** The template goes in at the cursor (replacing a selection); the box takes focus. */
  private onSavedReply(event: SavedReplyEvent) {
    const field = this.field;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? field.value.length;
    field.setRangeText(event.text, start, end, 'end');
    this.error = '';
    this.inserted = messages.chat.inserted(event.title);
    field.focus();
    this.typingMark.input();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-chat-reply-box': GsOperatorChatReplyBox;
  }
}
