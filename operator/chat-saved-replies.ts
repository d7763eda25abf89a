import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/** A template was chosen: its text goes into the reply box. */
export class SavedReplyEvent extends Event {
  constructor(
    readonly title: string,
    readonly text: string,
  ) {
    super('saved-reply', { bubbles: true, composed: true });
  }
}

/**
 * «Шаблоны ответов»: a disclosure button and the console's short list of ready answers; choosing
 * one fires `saved-reply` (the reply box inserts it and takes focus). Escape folds the list.
 * @summary Saved replies of the chat.
 * @fires saved-reply - SavedReplyEvent: the chosen template.
 */
@customElement('gs-operator-chat-saved-replies')
export class GsOperatorChatSavedReplies extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: var(--_gs-space) 0 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
      }
      .hint {
        display: block;
        margin-block-start: 4px;
      }
    `,
  ];

  /** Goes into the greeting. */
  @property() operatorName = '';
  @state() private expanded = false;

  override render() {
    const m = messages.chat;
    return html`
      <button class="button-secondary" type="button" id="toggle" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls="templates" @click=${this.toggle}>
        ${m.savedReplies}
      </button>
      <div id="templates" @keydown=${this.onKeydown} ?hidden=${!this.expanded}>
        ${this.expanded
          ? html`<span class="hint" id="templates-hint">${m.savedRepliesHint}</span>
              <ul aria-label=${m.savedReplies}>
                ${m.templates(this.operatorName).map(
                  (t) => html`<li><button class="button-secondary" type="button" data-template=${t.title} aria-describedby="templates-hint" @click=${() => this.choose(t.title, t.text)}>${t.title}</button></li>`,
                )}
              </ul>`
          : nothing}
      </div>
    `;
  }

  private toggle() {
    this.expanded = !this.expanded;
    if (this.expanded) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#templates button')?.focus());
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.expanded = false;
    this.renderRoot.querySelector<HTMLButtonElement>('#toggle')?.focus();
  }

  private choose(title: string, text: string) {
    this.expanded = false;
    this.dispatchEvent(new SavedReplyEvent(title, text));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-chat-saved-replies': GsOperatorChatSavedReplies;
  }
  interface GlobalEventHandlersEventMap {
    'saved-reply': SavedReplyEvent;
  }
}
