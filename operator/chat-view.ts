import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { OPERATOR_CHAT_STATUSES } from '../src/protocol/chat.js';
import type { GsOperatorChatConversation } from './chat-conversation-view.js';
import type { ChatTakenEvent } from './chat-queue-view.js';
import { chatErrorText, type ChatSessionChangeEvent, type OperatorChatSession } from './chat-session.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';
import './chat-conversation-view.js';
import './chat-queue-view.js';

/**
 * «Чат»: the operator's status (on hand or away, and whether a senior specialist), the queue of
 * waiting conversations, their own conversations, and the one they opened. News (a new citizen
 * message, a conversation transferred to them, a longer queue) is said in a polite status line;
 * focus moves only when the operator acts (take, open).
 * @summary The operator console's chat section.
 */
@customElement('gs-operator-chat')
export class GsOperatorChat extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space) calc(var(--_gs-space) * 4);
        align-items: start;
        margin-block-end: var(--_gs-space);
      }
      fieldset {
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
        margin: 0;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0 calc(var(--_gs-space) * 2);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 22rem) minmax(0, 1fr);
        gap: calc(var(--_gs-space) * 3);
        align-items: start;
      }
      @media (max-width: 56rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      h2.section:first-child {
        margin-block-start: 0;
      }
      ul.recent {
        list-style: none;
        margin: 0 0 8px;
        padding: 0;
      }
      ul.recent li {
        padding: 4px 0;
        border-bottom: 1px solid var(--_gs-color-border);
      }
      ul.recent p {
        margin: 0;
      }
      ul.mine {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 4px;
      }
      ul.mine button {
        width: 100%;
        text-align: start;
        overflow-wrap: anywhere;
      }
      ul.mine button[aria-current='true'] {
        background: var(--_gs-color-surface);
      }
      .pane {
        border-inline-start: 1px solid var(--_gs-color-border);
        padding-inline-start: calc(var(--_gs-space) * 3);
        min-height: 12rem;
      }
      @media (max-width: 56rem) {
        .pane {
          border: 0;
          padding: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) session!: OperatorChatSession;
  @property() operatorName = '';
  @property({ attribute: false }) attachmentUrl: (id: string) => string = (id) => id;
  /** The polite news line. */
  @state() private news = '';
  @state() private statusError = '';
  @query('h1') private heading!: HTMLElement;

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  private readonly onChange = (event: ChatSessionChangeEvent) => {
    if (event.announce) this.news = event.announce;
    this.requestUpdate();
  };

  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.isConnected) this.follow();
  }

  /** Listens to the current session only. */
  private follow() {
    this.unsubscribe?.();
    this.unsubscribe = this.session?.subscribe(this.onChange);
  }

  override render() {
    const m = messages.chat;
    const s = this.session;
    return html`
      <h1 class="heading" tabindex="-1">${m.title}</h1>
      ${this.renderLink()}
      <div class="top">
        <fieldset>
          <legend>${m.statusLegend}</legend>
          <div class="choices">
            ${OPERATOR_CHAT_STATUSES.map(
              (status) => html`<label class="choice">
                <input type="radio" name="chat-status" value=${status} .checked=${live(s.status === status)} @change=${() => void this.setStatus(status)} />
                <span>${m.statuses[status]}</span>
              </label>`,
            )}
          </div>
          <label class="choice">
            <input type="checkbox" id="senior" .checked=${live(s.senior)} aria-describedby="senior-hint" @change=${this.onSenior} />
            <span>${m.senior}</span>
          </label>
          <span class="hint" id="senior-hint">${m.seniorHint}</span>
        </fieldset>
        <p class="muted" id="available-operators">${m.availableOperators(s.availableOperators)}</p>
      </div>
      <div role="alert" class="notice error ${this.statusError ? '' : 'empty'}" id="status-error">${this.statusError}</div>
      <div role="status" class="notice info ${this.news ? '' : 'empty'}" id="chat-news">${this.news}</div>
      <div class="layout">
        <div class="lists">
          <section aria-labelledby="queue-title">
            <h2 class="section" id="queue-title">${m.queueTitle} <span class="muted">(${s.waiting.length})</span></h2>
            <gs-operator-chat-queue .session=${s} .waiting=${s.waiting} @chat-taken=${this.onTaken}></gs-operator-chat-queue>
          </section>
          <section aria-labelledby="mine-title">
            <h2 class="section" id="mine-title">${m.mineTitle} <span class="muted">(${s.mine.length})</span></h2>
            ${s.mine.length === 0
              ? html`<p class="muted" id="mine-empty">${m.mineEmpty}</p>`
              : html`<ul class="mine">
                  ${s.mine.map((c) => {
                    const unread = s.openId === c.conversationId ? 0 : s.unread(c.conversationId);
                    return html`<li>
                      <button class="button-secondary" type="button" data-open=${c.conversationId} aria-current=${s.openId === c.conversationId ? 'true' : 'false'} @click=${() => void this.open(c.conversationId)}>
                        ${c.summary}${c.name ? html` — ${c.name}` : nothing}${unread ? html` <span class="badge">${m.unread(unread)}</span>` : nothing}
                      </button>
                    </li>`;
                  })}
                </ul>`}
          </section>
          <section aria-labelledby="recent-title">
            <h2 class="section" id="recent-title">${m.recentTitle} <span class="muted">(${s.recent.length})</span></h2>
            ${s.recent.length === 0
              ? html`<p class="muted">${m.recentEmpty}</p>`
              : html`<ul class="recent">
                  ${s.recent.map(
                    (c) => html`<li>
                      <p><strong>${c.summary}</strong>${c.name ? html` — ${c.name}` : nothing}${c.closedBy ? html` <span class="muted">(${m.closedBy[c.closedBy]})</span>` : nothing}</p>
                      ${c.survey ? html`<p class="survey">${m.survey(c.survey)}${c.survey.comment ? html`: «${c.survey.comment}»` : nothing}</p>` : nothing}
                      ${c.rating ? html`<p class="rating">${m.rating(c.rating.score)}${c.rating.comment ? html`: «${c.rating.comment}»` : nothing}</p>` : nothing}
                      ${c.survey || c.rating ? nothing : html`<p class="muted">${m.noRating}</p>`}
                    </li>`,
                  )}
                </ul>
                <p class="muted" id="recent-note">${m.surveyNote}</p>`}
            <button class="button-secondary" type="button" id="recent-refresh" @click=${() => void s.refreshRecent().catch(() => undefined)}>${m.recentRefresh}</button>
          </section>
        </div>
        <section class="pane" aria-label=${m.conversationLabel}>${this.renderPane()}</section>
      </div>
    `;
  }

  private renderLink() {
    const m = messages.chat;
    const link = this.session.link;
    if (link.kind === 'refused') {
      return html`<div role="alert" class="notice error" id="chat-link">
        ${m.link.refused(link.code === 'network' || !link.message ? messages.errors.network : link.message)}
        <button class="button-secondary" type="button" @click=${() => this.session.retry()}>${m.link.retry}</button>
      </div>`;
    }
    return html`<p role="status" class="muted" id="chat-link" data-link=${link.kind}>${m.link[link.kind]}</p>`;
  }

  private renderPane() {
    const s = this.session;
    const thread = s.openThread;
    if (!thread) return html`<p class="muted" id="pane-empty">${s.openId ? messages.loading : messages.chat.noneOpen}</p>`;
    return keyed(
      s.openId,
      html`<gs-operator-chat-conversation
        .session=${s}
        .conversation=${thread.conversation}
        .messages=${thread.messages}
        .mine=${thread.mine}
        .citizenTyping=${thread.citizenTyping}
        .operatorName=${this.operatorName}
        .attachmentUrl=${this.attachmentUrl}
      ></gs-operator-chat-conversation>`,
    );
  }

  private async setStatus(status: 'available' | 'away') {
    this.statusError = '';
    try {
      await this.session.setStatus(status);
      this.news = messages.chat.statusSaved(messages.chat.statuses[status]);
    } catch (error) {
      this.statusError = chatErrorText(error);
      this.requestUpdate();
    }
  }

  private onSenior(event: Event) {
    this.session.setSenior((event.target as HTMLInputElement).checked);
  }

  private onTaken(event: ChatTakenEvent) {
    const thread = this.session.threads.get(event.conversationId);
    if (thread) this.news = messages.chat.taken(thread.conversation.summary);
    this.focusConversation();
  }

  private async open(conversationId: string) {
    try {
      await this.session.open(conversationId);
    } catch (error) {
      this.news = chatErrorText(error);
    }
    this.focusConversation();
  }

  private focusConversation() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<GsOperatorChatConversation>('gs-operator-chat-conversation')?.focusHeading());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-chat': GsOperatorChat;
  }
}
