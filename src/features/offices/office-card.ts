import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { GsOfficeBackEvent, GsOfficeBookEvent } from '../../events/office-events.js';
import { zoneLabel } from '../../i18n/format.js';
import { LocalizeController } from '../../i18n/localize.js';

import type { Locale } from '../../protocol/config.js';
import type { OfficeDetail, OfficeService } from '../../protocol/offices.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { formatKm, loadLine, openLine, routeLinks, scheduleRows } from './office-format.js';
import { styles } from './office-finder.styles.js';

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * One office: address and phone, open now in its own zone, the weekly schedule, load by hour of
 * today as a small chart (text for screen readers, bars for the eye), services, the documents to
 * bring for the chosen service, accessibility, route links and «Записаться на приём».
 *
 * @tagname gs-office-card
 * @summary An office's card.
 *
 * @fires gs-office-back - Back to the list.
 * @fires gs-office-book - Book a visit; `service` is the one chosen on the card ('' = none yet).
 */
export class GsOfficeCard extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  @property({ attribute: false }) office?: OfficeDetail;
  /** The service catalogue (labels, documents). */
  @property({ attribute: false }) services: readonly OfficeService[] = [];
  /** Route providers from config (absent = the defaults). */
  @property({ attribute: false }) routes?: readonly { name: string; url: string }[] | undefined;
  /** The service the citizen filtered by: its documents are shown. */
  @property() service = '';
  @property() backend?: string;
  @property() locale?: Locale;

  @state() private chosen?: string;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  override updated(): void {
    // Bar widths through CSSOM (no inline style attributes under a strict CSP).
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('.bar[data-percent]')) bar.style.setProperty('--_gs-percent', `${bar.dataset['percent']}%`);
  }

  protected override render() {
    const o = this.office;
    if (!o) return nothing;
    const om = this.l10n.msg.offices;
    const msg = this.l10n.msg;
    const locale = this.l10n.locale;
    const offered = this.services.filter((s) => o.services.includes(s.code));
    const service = this.chosen ?? (o.services.includes(this.service) ? this.service : '');
    const documents = offered.find((s) => s.code === service);
    const zone = zoneLabel(o.timeZone, locale, msg);
    const peak = o.peakHours.map((r) => `${r.from}–${r.to}`).join(', ');
    return html`
      <p><button type="button" class="button-secondary" @click=${() => this.dispatchEvent(new GsOfficeBackEvent())}>${om.back}</button></p>
      <h3 tabindex="-1">${o.name}</h3>
      <p class="address">${o.address}${o.distanceKm !== undefined ? html` · ${om.distance(formatKm(o.distanceKm, locale))}` : nothing}</p>
      <p><a href=${`tel:${o.phone.replace(/[^\d+]/g, '')}`}>${o.phone}</a></p>
      <p class="state">${openLine(o, this.clock.now(), locale, msg)}</p>
      <p class="load load-${o.load?.level ?? 'none'}">${loadLine(o, om)}</p>
      ${peak ? html`<p>${om.peakHours(`${peak} (${zone})`)}</p>` : nothing}

      <h4>${om.schedule}</h4>
      <table class="schedule">
        <caption class="visually-hidden">${om.schedule} (${zone})</caption>
        ${scheduleRows(o.hours, msg).map((r) => html`<tr><th scope="row">${r.days}</th><td>${r.hours}</td></tr>`)}
      </table>

      ${o.loadByHour.length
        ? html`<h4 id="load-title">${om.loadByHour}</h4>
            <p class="hint">${om.loadChartHint} (${zone})</p>
            <ul class="chart" aria-labelledby="load-title">
              ${o.loadByHour.map(
                (h) => html`<li>
                  <span class="hour">${om.hourRange(hh(h.hour), hh(h.hour + 1))}</span>
                  <span class="bar level-${h.level}" data-percent=${Math.max(2, Math.min(100, h.percent))} aria-hidden="true"></span>
                  <span class="value">${om.percent(h.percent)}<span class="visually-hidden">, ${om.load[h.level]}</span></span>
                </li>`,
              )}
            </ul>`
        : nothing}

      <h4>${om.services}</h4>
      <ul>
        ${offered.map((s) => html`<li>${s.label[locale]}</li>`)}
      </ul>
      <div class="form-control" part="form-control">
        <label for="card-service" part="label">${om.service}</label>
        <select id="card-service" part="input" @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${service === ''}>${om.anyService}</option>
          ${offered.map((s) => html`<option value=${s.code} ?selected=${s.code === service}>${s.label[locale]}</option>`)}
        </select>
      </div>
      <div aria-live="polite">
        ${documents
          ? html`<h4>${om.documentsFor(documents.label[locale])}</h4>
              <ul class="documents">
                ${documents.documents.map((d) => html`<li>${d[locale]}</li>`)}
              </ul>`
          : html`<p class="hint">${om.chooseServiceForDocuments}</p>`}
      </div>

      <h4>${om.accessibility}</h4>
      <p>${o.accessibility.stepFree ? om.stepFree : om.notStepFree}${o.accessibility.notes ? html`. ${o.accessibility.notes[locale]}` : nothing}</p>

      <h4>${om.route}</h4>
      <ul class="routes">
        ${routeLinks(o, this.routes).map(
          (r) => html`<li><a href=${r.href} target="_blank" rel="noopener noreferrer">${om.routeVia(r.name)}<span class="visually-hidden"> ${msg.contacts.opensInNewTab}</span></a></li>`,
        )}
      </ul>

      <p class="actions">
        <button
          type="button"
          class="button-primary"
          @click=${() => this.dispatchEvent(new GsOfficeBookEvent(service))}
        >
          ${om.book}
        </button>
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-office-card': GsOfficeCard;
  }
}
