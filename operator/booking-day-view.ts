import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { BOOKING_STATUSES } from '../src/protocol/offices.js';
import type { StatusDefinition } from '../src/protocol/status.js';
import { errorText, type BookingQuery, type OperatorApi, type OperatorBooking, type OperatorBookingList } from './api.js';
import { statusBadge } from './badge.js';
import { dayLabel, formatPhone, telHref, zonedRange } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/** Badge colours of the booking statuses (the label always beside the colour). */
const COLORS: Record<string, string> = { booked: '#0d4cd3', cancelled: '#505a66', visited: '#0b6b2f', no_show: '#8a5300' };

export const BOOKING_BADGES: StatusDefinition[] = BOOKING_STATUSES.map((code) => ({
  code,
  label: { ru: messages.bookings.statuses[code] ?? code, en: code },
  final: code !== 'booked',
  color: COLORS[code] ?? '#505a66',
}));

type OfficeOption = OperatorBookingList['offices'][number];

/** The offices grouped by city, in the server's order of first appearance. */
function byCity(offices: readonly OfficeOption[]): [string, OfficeOption[]][] {
  const groups = new Map<string, OfficeOption[]>();
  for (const office of offices) {
    const group = groups.get(office.city);
    if (group) group.push(office);
    else groups.set(office.city, [office]);
  }
  return [...groups];
}

/**
 * «Записи на приём»: the visits booked at one office on one day (today in the office's zone by
 * default), by start time, as a table: time in the office's zone with its label, service, who,
 * phone, e-mail, booking number and status. Viewing only; data is bound as text. On narrow
 * screens each row becomes a card with its labels (no horizontal scrolling at 320 px).
 */
@customElement('gs-operator-booking-day')
export class GsOperatorBookingDay extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      .filters .form-control {
        flex: 0 1 20rem;
        min-width: 0;
      }
      .filters select {
        max-width: 100%;
      }
      th,
      td {
        overflow-wrap: anywhere;
      }
      thead th {
        overflow-wrap: normal;
      }
      tbody th,
      td[data-field='phone'] a {
        white-space: nowrap;
      }
      tr.cancelled td,
      tr.cancelled th {
        color: var(--_gs-color-text-muted);
      }
      .cell-label {
        display: none;
      }
      /* Narrow screens: each booking a card, each value under its label. */
      @media (max-width: 48rem) {
        table,
        caption,
        tbody,
        tr,
        th,
        td {
          display: block;
        }
        thead tr {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
        tbody tr {
          border: 1px solid var(--_gs-color-border);
          border-radius: var(--_gs-radius-small);
          padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
          margin-block-end: calc(var(--_gs-space) * 1.5);
        }
        tbody th,
        tbody td {
          border: 0;
          padding: 4px 0;
          white-space: normal;
        }
        tbody th {
          font-size: 1.125em;
        }
        .cell-label {
          display: block;
          font-weight: 600;
          color: var(--_gs-color-text);
        }
        .badge {
          white-space: normal;
        }
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  /** The office and day to show first (kept by the console across screens). */
  @property({ attribute: false }) query: BookingQuery = {};
  @state() private result?: OperatorBookingList;
  @state() private loading = false;
  @state() private failure = '';
  @state() private announcement = '';
  /** Service code → its Russian name (from the public catalogue; the code itself until then). */
  @state() private services = new Map<string, string>();
  @query('h1') private heading!: HTMLElement;
  private generation = 0;
  private aborter?: AbortController;

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.aborter = new AbortController();
    void this.loadServices(this.aborter.signal);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.aborter?.abort();
    this.generation++;
  }

  private async loadServices(signal: AbortSignal) {
    try {
      const catalogue = await this.api.officeCatalogue(signal);
      this.services = new Map(catalogue.services.map((s) => [s.code, s.label.ru]));
    } catch {
      /* the codes stay: the table is still readable */
    }
  }

  private async load() {
    const generation = ++this.generation;
    const query = this.query;
    this.loading = true;
    this.announcement = messages.loading;
    this.failure = '';
    try {
      const result = await this.api.bookings(query);
      if (generation !== this.generation) return;
      this.result = result;
      this.query = { office: result.office.id, date: result.date };
      this.dispatchEvent(new CustomEvent<BookingQuery>('booking-query', { detail: this.query, bubbles: true, composed: true }));
      this.announcement = messages.bookings.count(result.items.length);
    } catch (error) {
      if (generation !== this.generation) return;
      this.failure = errorText(error);
      this.announcement = '';
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  override render() {
    const m = messages.bookings;
    const result = this.result;
    const office = this.query.office ?? result?.office.id ?? '';
    return html`
      <h1 class="heading" tabindex="-1">${m.title}</h1>
      <form class="filters" aria-label=${m.filtersLabel} @submit=${this.submit}>
        <div class="form-control">
          <label for="bk-office">${m.office}</label>
          <select id="bk-office" name="office">
            ${byCity(result?.offices ?? []).map(
              ([city, offices]) => html`<optgroup label=${city}>
                ${offices.map((o) => html`<option value=${o.id} ?selected=${o.id === office}>${o.name}</option>`)}
              </optgroup>`,
            )}
          </select>
        </div>
        <div class="form-control">
          <label for="bk-date">${m.date}</label>
          <input id="bk-date" name="date" type="date" .value=${this.query.date ?? result?.date ?? ''} />
        </div>
        <button class="button-primary" type="submit">${m.show}</button>
      </form>
      <div role="status" class="notice ${this.announcement ? '' : 'empty'}" id="bookings-status">${this.announcement}</div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="bookings-error">${this.failure}</div>
      ${result && !this.loading && result.items.length === 0 ? html`<p id="bookings-empty">${m.empty}</p>` : nothing}
      ${result && result.items.length > 0 ? this.renderTable(result) : nothing}
    `;
  }

  private renderTable(result: OperatorBookingList) {
    const c = messages.bookings.columns;
    return html`
      <table id="bookings-table">
        <caption>${messages.bookings.caption(result.office.name, dayLabel(result.date))}</caption>
        <thead>
          <tr>
            <th scope="col">${c.time}</th>
            <th scope="col">${c.service}</th>
            <th scope="col">${c.name}</th>
            <th scope="col">${c.phone}</th>
            <th scope="col">${c.email}</th>
            <th scope="col">${c.number}</th>
            <th scope="col">${c.status}</th>
          </tr>
        </thead>
        <tbody>
          ${result.items.map((b) => this.renderRow(b, result))}
        </tbody>
      </table>
    `;
  }

  private renderRow(b: OperatorBooking, result: OperatorBookingList) {
    const m = messages.bookings;
    const c = m.columns;
    const label = (text: string) => html`<span class="cell-label">${text}</span>`;
    return html`
      <tr data-number=${b.number} class=${b.status}>
        <th scope="row" data-field="time">
          ${label(c.time)}<time datetime=${b.start}>${zonedRange(b.start, b.end, result.office.timeZone, result.date)}</time>
        </th>
        <td data-field="service">${label(c.service)}${this.services.get(b.service) ?? b.service}</td>
        <td data-field="name">${label(c.name)}${b.name}</td>
        <td data-field="phone">${label(c.phone)}<a href=${telHref(b.phone)}>${formatPhone(b.phone)}</a></td>
        <td data-field="email">${label(c.email)}${b.email ? html`<a href=${`mailto:${b.email}`}>${b.email}</a>` : html`<span class="muted">${m.notGiven}</span>`}</td>
        <td data-field="number">${label(c.number)}${b.number}</td>
        <td data-field="status">${label(c.status)}${statusBadge(b.status, BOOKING_BADGES)}</td>
      </tr>
    `;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const office = (form.elements.namedItem('office') as HTMLSelectElement).value;
    const date = (form.elements.namedItem('date') as HTMLInputElement).value;
    this.query = { ...(office ? { office } : {}), ...(date ? { date } : {}) };
    void this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-booking-day': GsOperatorBookingDay;
  }
}
