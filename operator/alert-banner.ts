import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Alert } from '../src/protocol/alerts.js';
import type { OperatorApi } from './api.js';
import { AutoRefreshController } from './auto-refresh-controller.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/** How often the banner asks for open alerts (the server's sweep runs every minute). */
export const ALERT_BANNER_REFRESH_MS = 60_000;

/**
 * The console header's banner: the open alerts nobody has acknowledged yet, for every operator.
 * A polite live region (role="status") that is always in the page, so that a new alert is read
 * out; it never takes focus. A supervisor gets a button to the «Оповещения» section.
 *
 * @summary Open alerts in the console's header.
 * @fires open-alerts - The supervisor chose «Перейти к оповещениям».
 */
@customElement('gs-operator-alert-banner')
export class GsOperatorAlertBanner extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
      }
      .banner {
        max-width: 72rem;
        margin: 0 auto;
        padding: var(--_gs-space) calc(var(--_gs-space) * 2);
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space) calc(var(--_gs-space) * 2);
        align-items: center;
        background: var(--_gs-color-bg);
        color: var(--_gs-color-text);
        border-inline-start: 6px solid var(--_gs-color-danger);
      }
      /* The live region stays in the page when there is nothing to say (so news is read out). */
      .banner.empty {
        padding: 0;
        border: 0;
      }
      p {
        margin: 0;
        font-weight: 600;
      }
      .banner :focus-visible {
        outline-color: var(--_gs-color-focus);
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  @property({ type: Boolean }) supervisor = false;
  @state() private open: Alert[] = [];
  private generation = 0;
  private readonly autoRefresh = new AutoRefreshController(this, { intervalMs: ALERT_BANNER_REFRESH_MS, refresh: () => void this.refresh() });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Asks again now (after an alert was acknowledged, say); a failure keeps what is shown. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    try {
      const list = await this.api.alerts();
      if (generation === this.generation) this.open = list.open.filter((alert) => alert.acknowledgedAt === null);
    } catch {
      /* the next tick tries again */
    }
  }

  override render() {
    const m = messages.alerts;
    const kinds = this.open.map((alert) => m.kinds[alert.kind] + (alert.topic ? ` («${(messages.requestTypes as Record<string, string | undefined>)[alert.topic] ?? alert.topic}»)` : ''));
    return html`<div class="banner ${this.open.length ? '' : 'empty'}">
      <p role="status" id="alert-banner-text">${this.open.length ? m.banner(kinds) : ''}</p>
      ${this.open.length && this.supervisor
        ? html`<button type="button" class="button-secondary" @click=${this.openAlerts}>${m.bannerOpen}</button>`
        : nothing}
    </div>`;
  }

  private openAlerts() {
    this.dispatchEvent(new CustomEvent('open-alerts', { bubbles: true, composed: true }));
    this.autoRefresh.restart();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-alert-banner': GsOperatorAlertBanner;
  }
}
