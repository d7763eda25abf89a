import { css, html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { CHAT_TEXT_MAX, cleanMessageText } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import { base, buttons, formControls, tokens, visuallyHidden } from '../../styles/index.js';
import type { GsAttachmentsChangeEvent } from '../../events/attachment-events.js';
import { loadChatAttachments } from './chat-attachments-file.js';
import { GsChatSendEvent, GsChatTypingEvent } from './chat-events.js';
import { hasSensitiveNumber } from './chat-store.js';
import { chatStyles } from './chat.styles.js';

/**
 * Where the citizen writes: a labelled textarea (Enter sends, Shift+Enter starts a new line),
 * «Отправить» and «Прикрепить файлы». The latter fetches the request form's attachments field
 * (the same types, size, count and checks; each file uploads at once) and shows it under the
 * textarea; a message goes with the uploaded files' ids, and waits (with a message) while a file
 * is still uploading. A message with a passport-, СНИЛС- or ИНН-like number is sent as written,
 * but the composer says it will not survive a reload until it is sent (it is never stored).
 *
 * @tagname gs-chat-composer
 * @summary The chat's message field and send button.
 *
 * @fires gs-chat-send - A message was sent. `event.text`, `event.attachments` (upload ids).
 * @fires gs-chat-typing - The citizen typed (`typing: true`) or sent (`false`).
 *
 * @csspart input - The textarea.
 * @csspart send - The send button.
 * @csspart attach - The «Прикрепить файлы» button.
 */
export class GsChatComposer extends LitElement {
  static override styles = [
    tokens,
    base,
    visuallyHidden,
    buttons,
    formControls,
    chatStyles,
    css`
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        align-items: flex-end;
      }
      textarea {
        min-height: 4.5em;
        flex: 1 1 12em;
      }
      .form-control {
        margin-bottom: var(--_gs-space);
      }
      gs-file-attachments {
        margin-top: var(--_gs-space);
      }
    `,
  ];

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  @state() private text = '';
  @state() private tooLong = false;
  /** «Прикрепить файлы»: not asked, fetching the field, shown, or the fetch failed. */
  @state() private attach: 'no' | 'loading' | 'shown' | 'failed' = 'no';
  @state() private uploadIds: readonly string[] = [];
  @state() private uploading = false;
  @state() private waitForUploads = false;

  @query('textarea') private field?: HTMLTextAreaElement;

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  override focus(): void {
    this.field?.focus();
  }

  private onInput(event: Event): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.tooLong = cleanMessageText(this.text).trim().length > CHAT_TEXT_MAX;
    this.dispatchEvent(new GsChatTypingEvent(this.text !== ''));
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.send();
  }

  private async showAttachments(): Promise<void> {
    this.attach = 'loading';
    try {
      await loadChatAttachments(this.l10n.locale);
      this.attach = 'shown';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('gs-file-attachments')?.focus();
    } catch {
      this.attach = 'failed';
    }
  }

  private onAttachmentsChange(event: GsAttachmentsChangeEvent): void {
    this.uploadIds = event.uploadIds;
    this.uploading = event.pending;
    if (!event.pending) this.waitForUploads = false;
  }

  private send(): void {
    const text = cleanMessageText(this.text).trim();
    if (this.uploading) {
      this.waitForUploads = true;
      return;
    }
    if (text === '' && this.uploadIds.length === 0) return;
    if (text.length > CHAT_TEXT_MAX) {
      this.tooLong = true;
      return;
    }
    this.dispatchEvent(new GsChatSendEvent(text, this.uploadIds));
    this.text = '';
    this.tooLong = false;
    // The files went with the message: the field goes, «Прикрепить файлы» comes back.
    if (this.attach === 'shown') this.attach = 'no';
    this.uploadIds = [];
  }

  private renderAttachments() {
    const t = this.l10n.msg.chat.composer;
    switch (this.attach) {
      case 'shown':
        return html`<gs-file-attachments
          .locale=${this.locale}
          .backend=${this.backend}
          .error=${this.waitForUploads ? t.waitForUploads : ''}
          @gs-attachments-change=${this.onAttachmentsChange}
        ></gs-file-attachments>`;
      case 'loading':
        return html`<p class="hint" role="status">${t.attachLoading}</p>`;
      case 'failed':
        return html`<p class="error" role="alert"><span class="visually-hidden">${this.l10n.msg.errorPrefix} </span>${t.attachFailed}</p>`;
      default:
        return nothing;
    }
  }

  protected override render() {
    const t = this.l10n.msg.chat.composer;
    const sensitive = hasSensitiveNumber(this.text);
    const describedBy = ['composer-hint', this.tooLong ? 'composer-error' : '', sensitive ? 'composer-sensitive' : ''].filter(Boolean).join(' ');
    return html`<form
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        this.send();
      }}
    >
      <div class="form-control ${this.tooLong ? 'has-error' : ''}">
        <label for="composer">${t.label}</label>
        <p class="hint" id="composer-hint">${t.hint}</p>
        ${this.tooLong
          ? html`<p class="error" id="composer-error"><span class="visually-hidden">${this.l10n.msg.errorPrefix} </span>${t.tooLong(CHAT_TEXT_MAX)}</p>`
          : nothing}
        <div class="row">
          <textarea
            id="composer"
            name="message"
            part="input"
            rows="2"
            aria-describedby=${describedBy}
            aria-invalid=${this.tooLong ? 'true' : 'false'}
            .value=${this.text}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
          ></textarea>
          <button type="submit" class="button-primary" part="send">${t.send}</button>
          ${this.attach === 'shown' || this.attach === 'loading'
            ? nothing
            : html`<button type="button" class="button-secondary" part="attach" @click=${this.showAttachments}>${t.attach}</button>`}
        </div>
        <p class="hint" id="composer-sensitive" role="status">${sensitive ? t.sensitive : nothing}</p>
      </div>
      ${this.renderAttachments()}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chat-composer': GsChatComposer;
  }
}
