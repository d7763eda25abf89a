import { css, html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { CHAT_TEXT_MAX, cleanMessageText } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import { base, buttons, formControls, tokens, visuallyHidden } from '../../styles/index.js';
import { GsChatSendEvent, GsChatTypingEvent } from './chat-events.js';
import { hasSensitiveNumber } from './chat-store.js';
import { chatStyles } from './chat.styles.js';

/**
 * Where the citizen writes: a labelled textarea (Enter sends, Shift+Enter starts a new line) and
 * «Отправить». A message with a passport-, СНИЛС- or ИНН-like number is sent as written, but the
 * composer says it will not survive a reload until it is sent (it is never stored).
 *
 * @tagname gs-chat-composer
 * @summary The chat's message field and send button.
 *
 * @fires gs-chat-send - A message was sent. `event.text`.
 * @fires gs-chat-typing - The citizen typed (`typing: true`) or sent (`false`).
 *
 * @csspart input - The textarea.
 * @csspart send - The send button.
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
    `,
  ];

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  @state() private text = '';
  @state() private tooLong = false;

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

  private send(): void {
    const text = cleanMessageText(this.text).trim();
    if (text === '') return;
    if (text.length > CHAT_TEXT_MAX) {
      this.tooLong = true;
      return;
    }
    this.dispatchEvent(new GsChatSendEvent(text));
    this.text = '';
    this.tooLong = false;
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
        </div>
        <p class="hint" id="composer-sensitive" role="status">${sensitive ? t.sensitive : nothing}</p>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chat-composer': GsChatComposer;
  }
}
