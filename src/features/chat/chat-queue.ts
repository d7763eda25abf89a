import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { GsNavigateEvent } from '../../events/widget-events.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { ChatQueueInfo } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import { base, buttons, notices, tokens } from '../../styles/index.js';
import { chatStyles } from './chat.styles.js';

/**
 * The citizen's place in the operators' queue and the estimated wait, updated live (a polite
 * status). When the wait is long, a callback is offered instead: it opens the callback form with
 * the topic, the request number (if the citizen gave one) and the conversation's reference;
 * declining keeps the place in the queue.
 *
 * @tagname gs-chat-queue
 * @summary Queue position, wait, and the callback offer.
 *
 * @fires gs-navigate - The callback was chosen (view `callback`, prefill `{ topic, comment, requestNumber, conversationRef }`).
 *
 * @csspart queue - The box.
 */
export class GsChatQueue extends LitElement {
  static override styles = [
    tokens,
    base,
    buttons,
    notices,
    chatStyles,
    css`
      :host {
        display: block;
      }
      .notice p {
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) queue?: ChatQueueInfo | undefined;

  /** What the callback form is prefilled with: `{ topic, comment, requestNumber, conversationRef }`. */
  @property({ attribute: false }) callbackPrefill: Record<string, unknown> = {};

  /** Whether the callback channel is on (else no offer). */
  @property({ type: Boolean, attribute: 'callback-enabled' }) callbackEnabled = true;

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  @state() private declined = false;

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  protected override render() {
    const q = this.queue;
    if (!q) return nothing;
    const t = this.l10n.msg.chat.queue;
    return html`<section class="notice" part="queue" aria-labelledby="queue-title">
      <h3 id="queue-title">${t.title}</h3>
      <p role="status">${q.position <= 1 ? t.next : t.position(q.position)} ${t.wait(Math.max(1, Math.round(q.estimatedWaitMinutes)))}</p>
      ${q.callbackOffered && this.callbackEnabled
        ? this.declined
          ? html`<p>${t.callbackDeclined}</p>`
          : html`<p>${t.callbackOffer}</p>
              <div class="actions">
                <button type="button" class="button-primary" @click=${() => this.dispatchEvent(new GsNavigateEvent('callback', this.callbackPrefill))}>${t.callbackAccept}</button>
                <button type="button" class="button-secondary" @click=${() => (this.declined = true)}>${t.callbackDecline}</button>
              </div>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chat-queue': GsChatQueue;
  }
}
