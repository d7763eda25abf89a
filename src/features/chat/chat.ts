import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { GsIncomingMessageEvent, GsNavigateEvent } from '../../events/widget-events.js';
import { formatTime, relativeDay } from '../../i18n/format.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { ChatAttachment } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import { base, buttons, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { MOSCOW } from '../../time/zoned.js';
import { saveFile } from '../../util/save-file.js';
import type { GsChatComposer } from './chat-composer.js';
import './chat-composer.js';
import { loadChatEnd } from './chat-end-file.js';
import type { GsChatRateEvent, GsChatStartEvent, GsChatTranscriptEmailEvent } from './chat-events.js';
import './chat-log.js';
import './chat-opening.js';
import './chat-queue.js';
import { ChatSessionController, type ChatSessionOptions } from './chat-session-controller.js';
import { problemText } from './chat-text.js';
import { chatStyles } from './chat.styles.js';

/**
 * «Онлайн-чат»: the structured opening, then the conversation with the virtual assistant and,
 * on request («Позвать оператора») or when the assistant cannot answer, an operator; the queue
 * with its wait and a callback offer; then the rating and the transcript. The conversation is
 * kept on the device and comes back after a reload; messages typed offline are sent when the
 * connection returns, once. The connection's state is said in a polite status line. Outside
 * operators' hours it says when they return (Moscow time) and offers the request form.
 *
 * @tagname gs-chat
 * @summary The online chat channel.
 *
 * @fires gs-navigate - To the request form (operators are off) or the callback form (long wait).
 * @fires gs-incoming-message - The assistant or an operator wrote (the launcher counts it while the panel is closed).
 *
 * @csspart status - The connection status line.
 */
export class GsChat extends LitElement {
  static override styles = [
    tokens,
    base,
    visuallyHidden,
    buttons,
    notices,
    chatStyles,
    css`
      :host {
        display: block;
      }
      .intro {
        margin-bottom: calc(var(--_gs-space) * 2);
      }
      .connection:empty {
        display: none;
      }
      .connection {
        margin-bottom: var(--_gs-space);
      }
      gs-chat-log {
        margin-bottom: calc(var(--_gs-space) * 2);
      }
      .confirm p {
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  /** Values to start with, from `GovSupport.open('chat', …)` or another view: `{ requestNumber, kind, summary, question }`. */
  @property({ attribute: false }) prefill?: Record<string, unknown> | undefined;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  /** Language when used standalone (passed on to the chat's parts). */
  @property() locale?: Locale;

  /** How the session connects (tests pass a fake); read once, when the element is created. */
  @property({ attribute: false }) sessionOptions?: Partial<ChatSessionOptions>;

  @state() private confirmingEnd = false;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly options: ChatSessionOptions = {
    backend: () => this.config.value.backend,
    onIncoming: () => this.dispatchEvent(new GsIncomingMessageEvent()),
  };
  readonly session = new ChatSessionController(this, this.options);

  constructor() {
    super();
    this.addEventListener('gs-chat-start', this.onStart);
    this.addEventListener('gs-chat-send', (e) => this.session.send(e.text, e.attachments));
    this.addEventListener('gs-chat-retry', (e) => this.session.retry(e.clientId));
    this.addEventListener('gs-chat-download', (e) => void this.download(e.attachment));
    this.addEventListener('gs-chat-typing', (e) => this.session.setTyping(e.typing));
    this.addEventListener('gs-chat-rate', (e: GsChatRateEvent) => (e.result = this.session.rate(e.score, e.comment)));
    this.addEventListener('gs-chat-transcript-email', (e: GsChatTranscriptEmailEvent) => (e.result = this.session.emailTranscript(e.email)));
  }

  override connectedCallback(): void {
    if (this.sessionOptions) Object.assign(this.options, this.sessionOptions);
    super.connectedCallback();
  }

  private get composer(): GsChatComposer | null {
    return this.renderRoot.querySelector<GsChatComposer>('gs-chat-composer');
  }

  /**
   * New messages grow the log above the message field: while the citizen is in the field, it is
   * scrolled back into view (WCAG 2.4.11), so typing never goes on out of sight.
   */
  private keepComposerInView(): void {
    const count = this.session.messages.length + this.session.pending.length;
    if (count === this.shownMessages) return;
    this.shownMessages = count;
    const composer = this.composer;
    if (composer && (this.renderRoot as ShadowRoot).activeElement === composer) void this.composerIntoView();
  }

  /** Once the log has drawn what came (it renders after this element), the message field is scrolled into view. */
  private async composerIntoView(): Promise<void> {
    await this.renderRoot.querySelector<LitElement>('gs-chat-log')?.updateComplete;
    this.composer?.scrollIntoView({ block: 'nearest' });
  }

  private shownMessages = 0;

  private readonly onStart = (event: GsChatStartEvent): void => {
    event.result = this.session.start(event.body).then(async () => {
      await this.updateComplete;
      this.composer?.focus();
      await this.composerIntoView();
    });
    // Its problem is shown here.
    event.result.catch(() => undefined);
  };

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.keepComposerInView();
    if (this.session.phase === 'ended') void this.endShown();
    // Read only what is on screen: the page is visible and the panel is open.
    if (this.session.phase === 'conversation' && document.visibilityState === 'visible' && this.checkVisibility?.() !== false) this.session.markRead();
  }

  /** Saves a file of the conversation the citizen asked for (its problem, if any, is shown by the session). */
  private async download(attachment: ChatAttachment): Promise<void> {
    const blob = await this.session.download(attachment);
    if (blob) saveFile(blob, attachment.name, this.renderRoot);
  }

  /** The rating and transcript, fetched when the chat has ended: resolves once they are on screen (or could not come). */
  private async endShown(): Promise<void> {
    await loadChatEnd().catch(() => undefined);
    await this.renderRoot.querySelector('gs-chat-end')?.updateComplete;
  }

  private async endChat(): Promise<void> {
    this.confirmingEnd = false;
    await this.session.end();
    await this.updateComplete;
    await this.endShown();
    (this.renderRoot.querySelector('gs-chat-end')?.shadowRoot?.querySelector<HTMLElement>('h3') ?? this.renderRoot.querySelector<HTMLElement>('.new-chat'))?.focus();
  }

  /** «Позвать оператора»: the button goes once the chat is handed off, so focus goes to the message field. */
  private handoff(): void {
    void this.session.handoff();
    this.composer?.focus();
  }

  private async keepChatting(): Promise<void> {
    this.confirmingEnd = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button.end')?.focus();
  }

  private async confirmEnd(): Promise<void> {
    this.confirmingEnd = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.confirm button')?.focus();
  }

  private renderConnection() {
    const t = this.l10n.msg.chat.connection;
    const s = this.session;
    const text = s.phase === 'opening' || s.phase === 'loading' ? '' : s.connection === 'connected' ? (s.wasInterrupted ? t.connected : '') : t[s.connection];
    return html`<p class="connection muted" role="status" part="status">${text}</p>`;
  }

  private renderProblem() {
    const p = this.session.problem;
    return p ? html`<div class="problem" role="alert"><p>${problemText(p, this.l10n.msg)}</p></div>` : nothing;
  }

  private renderOperatorsClosed() {
    const s = this.session.state;
    if (!s || s.operators.open || s.status === 'active') return nothing;
    const msg = this.l10n.msg;
    const t = msg.chat;
    const at = s.operators.returnsAt ? Date.parse(s.operators.returnsAt) : NaN;
    const now = this.clock.now();
    const when = Number.isFinite(at) ? `${relativeDay(at, now, MOSCOW, msg)} ${t.log.at(formatTime(at, this.l10n.locale, MOSCOW, msg))}` : '';
    return html`<div class="notice">
      <p>${when ? t.operatorsClosed(when) : t.operatorsClosedNoTime}</p>
      ${this.config.value.channels.request.enabled
        ? html`<button type="button" class="button-secondary" @click=${() => this.dispatchEvent(new GsNavigateEvent('request', { type: s.kind, description: s.summary }))}>${t.writeInstead}</button>`
        : nothing}
    </div>`;
  }

  private renderConversation() {
    const s = this.session;
    const t = this.l10n.msg.chat;
    const status = s.state?.status;
    return html`
      ${this.renderOperatorsClosed()}
      <gs-chat-queue .locale=${this.locale} .backend=${this.backend}
        .queue=${s.queue}
        .callbackEnabled=${this.config.value.channels.callback.enabled}
        .callbackPrefill=${{
          topic: s.state?.kind,
          comment: s.state?.summary,
          requestNumber: typeof this.prefill?.['requestNumber'] === 'string' ? this.prefill['requestNumber'] : undefined,
          conversationRef: s.conversationId,
        }}
      ></gs-chat-queue>
      <gs-chat-log .locale=${this.locale} .backend=${this.backend} .messages=${s.messages} .pending=${s.pending} .operatorReadSeq=${s.state?.operatorReadSeq ?? 0} .typing=${s.typing}></gs-chat-log>
      ${this.renderProblem()}
      ${status === 'assistant'
        ? html`<div class="actions">
            <button type="button" class="button-secondary handoff" aria-describedby="handoff-hint" @click=${this.handoff}>${t.handoff}</button>
          </div>
          <p class="muted" id="handoff-hint">${t.handoffHint}</p>`
        : nothing}
      <gs-chat-composer .locale=${this.locale} .backend=${this.backend}></gs-chat-composer>
      ${this.confirmingEnd
        ? html`<div class="notice confirm" role="group" aria-labelledby="end-confirm">
            <p id="end-confirm">${t.endConfirm}</p>
            <button type="button" class="button-primary" @click=${this.endChat}>${t.endYes}</button>
            <button type="button" class="button-secondary" @click=${this.keepChatting}>${t.endNo}</button>
          </div>`
        : html`<div class="actions"><button type="button" class="button-secondary end" @click=${this.confirmEnd}>${t.endChat}</button></div>`}
    `;
  }

  protected override render() {
    const s = this.session;
    const t = this.l10n.msg.chat;
    switch (s.phase) {
      case 'loading':
        return html`<p role="status">${t.connection.connecting}</p>`;
      case 'opening':
        return html`
          <p class="intro">${t.intro}</p>
          ${s.lost ? html`<div class="notice" role="status"><p>${t.problems.lost}</p></div>` : nothing}
          ${s.problem?.kind === 'lost' ? nothing : this.renderProblem()}
          <gs-chat-opening .locale=${this.locale} .backend=${this.backend} .prefill=${this.prefill} ?busy=${s.busy}></gs-chat-opening>
        `;
      case 'conversation':
        return html`${this.renderConnection()}${this.renderConversation()}`;
      case 'ended': {
        const closing = [...s.messages].reverse().find((m) => m.systemKind === 'closed');
        return html`
          ${this.renderConnection()}
          <gs-chat-log .locale=${this.locale} .backend=${this.backend} .messages=${s.messages} .pending=${s.pending} .operatorReadSeq=${s.state?.operatorReadSeq ?? 0}></gs-chat-log>
          ${this.renderProblem()}
          <gs-chat-end .locale=${this.locale} .backend=${this.backend} .messages=${s.messages} ?rated=${s.state?.rated ?? false} .survey=${s.state?.survey} .closedBy=${closing ? (closing.operatorName ? 'operator' : 'citizen') : undefined}></gs-chat-end>
          <div class="actions"><button type="button" class="button-primary new-chat" @click=${() => this.session.newChat()}>${t.end.newChat}</button></div>
        `;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chat': GsChat;
  }
}
