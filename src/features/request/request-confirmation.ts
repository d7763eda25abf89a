import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { GsNewRequestEvent } from '../../events/form-events.js';
import { GsNavigateEvent } from '../../events/widget-events.js';
import { formatMoscowDateTime } from '../../i18n/format.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { AnswerChannel, RequestCreated } from '../../protocol/request.js';
import { base, buttons, tokens, visuallyHidden } from '../../styles/index.js';

/**
 * What the citizen sees once the request is registered: its number and status lookup code (with
 * copy buttons), when the answer is due (Moscow time) and a way to check the status.
 *
 * @tagname gs-request-confirmation
 * @summary Confirmation of a registered request.
 *
 * @fires gs-navigate - «Проверить статус»: view `status` with `{ number, code }`.
 * @fires gs-new-request - «Написать ещё одно обращение».
 */
export class GsRequestConfirmation extends LitElement {
  static override styles = [
    tokens,
    base,
    buttons,
    visuallyHidden,
    css`
      h3 {
        font-size: 1.25em;
        margin-bottom: calc(var(--_gs-space) * 2);
        color: var(--_gs-color-success);
      }
      dl {
        display: grid;
        gap: calc(var(--_gs-space) * 1.5);
        margin: 0 0 calc(var(--_gs-space) * 2);
      }
      dt {
        font-weight: 600;
      }
      dd {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_gs-space);
        margin: 0;
      }
      .value {
        font-size: 1.375em;
        font-weight: 700;
        letter-spacing: 0.04em;
      }
      .hint {
        flex-basis: 100%;
        font-size: 0.875em;
        color: var(--_gs-color-text-muted);
      }
      p {
        margin-bottom: var(--_gs-space);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        margin-top: calc(var(--_gs-space) * 2);
      }
    `,
  ];

  @property({ attribute: false }) request?: RequestCreated;
  @property() answerChannel: AnswerChannel = 'email';
  @state() private copied = '';

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = `${what}: ${this.l10n.msg.request.confirmation.copied}`;
    } catch {
      // No clipboard permission: select the value so that the citizen can copy it themselves.
      const value = this.renderRoot.querySelector<HTMLElement>(`[data-value="${what}"]`);
      if (value) getSelection()?.selectAllChildren(value);
    }
  }

  protected override render() {
    const r = this.request;
    if (!r) return nothing;
    const msg = this.l10n.msg;
    const c = msg.request.confirmation;
    const config = this.config.value;
    // The tracking link carries the number only: the lookup code never goes into a URL.
    const link = `${location.href.split('#')[0]}#${config.statusParam}=${encodeURIComponent(r.number)}`;
    return html`
      <h3 tabindex="-1">${c.title}</h3>
      <dl>
        <div>
          <dt>${c.number}</dt>
          <dd>
            <span class="value number" data-value=${c.number}>${r.number}</span>
            <button type="button" class="button-secondary" @click=${() => this.copy(r.number, c.number)}>
              ${c.copy}<span class="visually-hidden"> ${c.number}</span>
            </button>
          </dd>
        </div>
        <div>
          <dt>${c.lookupCode}</dt>
          <dd>
            <span class="value number" data-value=${c.lookupCode}>${r.lookupCode}</span>
            <button type="button" class="button-secondary" @click=${() => this.copy(r.lookupCode, c.lookupCode)}>
              ${c.copy}<span class="visually-hidden"> ${c.lookupCode}</span>
            </button>
            <span class="hint">${c.lookupCodeHint}</span>
          </dd>
        </div>
      </dl>
      <p>${c.answerBy(formatMoscowDateTime(r.answerDueAt, this.l10n.locale, msg))}</p>
      ${config.channels.status.enabled
        ? html`<p><a href=${link}>${c.trackingLink} <span class="number">${r.number}</span></a></p>
            <p class="hint">${c.trackingLinkHint}</p>
            <p><button type="button" class="button-secondary" @click=${() => this.copy(link, c.trackingLink)}>${c.copyLink}</button></p>`
        : nothing}
      <p>${c.answerChannel(msg.answerChannels[this.answerChannel])}</p>
      <div class="actions">
        <button type="button" class="button-primary" @click=${() => this.dispatchEvent(new GsNavigateEvent('status', { number: r.number, code: r.lookupCode }))}>
          ${c.track}
        </button>
        <button type="button" class="button-secondary" @click=${() => this.dispatchEvent(new GsNewRequestEvent())}>
          ${c.newRequest}
        </button>
      </div>
      <div class="visually-hidden" role="status">${this.copied}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-request-confirmation': GsRequestConfirmation;
  }
}
