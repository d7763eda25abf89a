import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import type { GsOfficeBookEvent } from '../../events/office-events.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { OfficeMessages } from './texts/index.js';
import type { Locale } from '../../protocol/config.js';
import type { OfficeCatalogue, OfficeDetail, OfficeList, OfficeQuery, OfficeSummary } from '../../protocol/offices.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { loadOfficeMap } from './office-map/load-office-map.js';
import type { GsOfficeSelectEvent } from './office-map/office-select-event.js';
import { OfficesApi } from './offices-api.js';
import './office-booking.js';
import './office-card.js';
import { formatKm, loadLine, openLine, routeLinks, scheduleText } from './office-format.js';
import { copyTable, printTable } from './office-table.js';
import { styles } from './office-finder.styles.js';

interface Query {
  region: string;
  city: string;
  service: string;
  q: string;
}

type Geo = 'idle' | 'locating' | 'denied' | 'unavailable';
type Screen = { kind: 'list' } | { kind: 'card'; office: OfficeDetail } | { kind: 'booking'; office: OfficeSummary; service: string } | { kind: 'cancel' };

/**
 * «Найти офис»: region and city, or «Рядом со мной» (geolocation, with a clear message and the
 * region choice when refused), a service filter and a text search → an accessible list sorted by
 * distance or name with today's hours in each office's own zone, the current load, services,
 * step-free access and route links; the list copies or prints as a table; a map view (loaded
 * only when opened); an office card; booking a visit.
 *
 * @tagname gs-office-finder
 * @summary The office finder and visit booking.
 *
 * @fires gs-submit - A visit was booked (`form` = `booking`, `requestNumber` = the booking number).
 *
 * @csspart form-control - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each input and select.
 */
export class GsOfficeFinder extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  /** Backend URL when used standalone. */
  @property() backend?: string;
  /** Language when used standalone. */
  @property() locale?: Locale;
  /** `{ service }` to filter by at first (e.g. from another view). */
  @property({ attribute: false }) prefill?: Record<string, unknown> | undefined;

  @state() private catalogue?: OfficeCatalogue;
  @state() private query: Query = { region: '', city: '', service: '', q: '' };
  @state() private near?: { lat: number; lon: number } | undefined;
  @state() private geo: Geo = 'idle';
  @state() private list?: OfficeList;
  @state() private loading = false;
  @state() private failed = false;
  /** An office's card could not be loaded (the list stays). */
  @state() private cardFailed = false;
  @state() private view: 'list' | 'map' = 'list';
  @state() private map: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  @state() private screen: Screen = { kind: 'list' };
  @state() private announcement = '';

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private searching?: AbortController;

  private get om(): OfficeMessages {
    return this.l10n.msg.offices;
  }

  private get api(): OfficesApi {
    return new OfficesApi(this.config.value.backend);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const service = typeof this.prefill?.['service'] === 'string' ? (this.prefill['service'] as string) : '';
    if (service) this.query = { ...this.query, service };
    void this.api.catalogue().then(
      (c) => (this.catalogue = c),
      () => {
        /* the filters stay empty; the search still works */
      },
    );
    void this.search();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.searching?.abort();
  }

  private async search(): Promise<void> {
    this.searching?.abort();
    const searching = (this.searching = new AbortController());
    const query: OfficeQuery = {};
    for (const [key, value] of Object.entries(this.query)) if (value.trim()) query[key as keyof Query] = value.trim();
    if (this.near) query.near = `${this.near.lat.toFixed(5)},${this.near.lon.toFixed(5)}`;
    this.loading = true;
    this.failed = false;
    try {
      this.list = await this.api.search(query, searching.signal);
      this.announce(this.list.total ? `${this.om.found(this.list.total)} ${this.near ? this.om.sortedByDistance : this.om.sortedByName}` : this.om.none);
    } catch {
      if (searching.signal.aborted) return;
      this.failed = true;
    } finally {
      if (this.searching === searching) this.loading = false;
    }
  }

  private announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private set(field: keyof Query, value: string): void {
    this.query = { ...this.query, [field]: value, ...(field === 'region' ? { city: '' } : {}) };
  }

  private nearMe(): void {
    if (!('geolocation' in navigator)) {
      this.geo = 'unavailable';
      return;
    }
    this.geo = 'locating';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.geo = 'idle';
        this.near = { lat: position.coords.latitude, lon: position.coords.longitude };
        this.query = { ...this.query, region: '', city: '' };
        void this.search();
      },
      (error) => {
        this.geo = error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable';
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#region')?.focus());
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  }

  private async showMap(): Promise<void> {
    this.view = 'map';
    if (this.map === 'ready' || this.map === 'loading') return;
    this.map = 'loading';
    try {
      await loadOfficeMap();
      this.map = 'ready';
    } catch {
      this.map = 'failed';
    }
  }

  private async open(id: string): Promise<void> {
    this.cardFailed = false;
    try {
      const office = await this.api.office(id);
      this.screen = { kind: 'card', office };
    } catch {
      this.cardFailed = true;
      this.announce(this.om.cardFailed);
    }
  }

  private async backToList(focusId?: string): Promise<void> {
    this.screen = { kind: 'list' };
    await this.updateComplete;
    const target = focusId ? this.renderRoot.querySelector<HTMLElement>(`[data-office="${CSS.escape(focusId)}"]`) : null;
    (target ?? this.renderRoot.querySelector<HTMLElement>('h3'))?.focus();
  }

  protected override render() {
    const s = this.screen;
    const services = this.catalogue?.services ?? [];
    const routes = this.config.value.offices?.routes;
    if (s.kind === 'card') {
      return html`<gs-office-card
        .office=${s.office}
        .services=${services}
        .routes=${routes}
        .service=${this.query.service}
        .backend=${this.backend}
        .locale=${this.locale}
        @gs-office-back=${() => this.backToList(s.office.id)}
        @gs-office-book=${(e: GsOfficeBookEvent) => (this.screen = { kind: 'booking', office: s.office, service: e.service })}
      ></gs-office-card>`;
    }
    if (s.kind === 'booking' || s.kind === 'cancel') {
      return html`<gs-office-booking
        .office=${s.kind === 'booking' ? s.office : undefined}
        .services=${services}
        .service=${s.kind === 'booking' ? s.service : ''}
        .backend=${this.backend}
        .locale=${this.locale}
        @gs-office-back=${() => this.backToList(s.kind === 'booking' ? s.office.id : undefined)}
      ></gs-office-booking>`;
    }
    return this.renderList();
  }

  private renderSearch() {
    const om = this.om;
    const q = this.query;
    const regions = this.catalogue?.regions ?? [];
    const cities = regions.find((r) => r.code === q.region)?.cities ?? [];
    const select = (id: keyof Query, label: string, any: string, options: { value: string; label: string }[]) => html`<div class="form-control" part="form-control">
      <label for=${id} part="label">${label}</label>
      <select id=${id} part="input" @change=${(e: Event) => this.set(id, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${q[id] === ''}>${any}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${q[id] === o.value}>${o.label}</option>`)}
      </select>
    </div>`;
    return html`<form
      class="search"
      role="search"
      aria-label=${om.search}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.search();
      }}
    >
      <div class="near">
        <button type="button" class="button-secondary near-me" @click=${() => this.nearMe()} ?disabled=${this.geo === 'locating'}>${om.nearMe}</button>
        ${this.near ? html`<span class="hint">${om.sortedByDistance}</span>` : nothing}
      </div>
      ${this.geo === 'locating' ? html`<p class="hint" role="status">${om.locating}</p>` : nothing}
      ${this.geo === 'denied' || this.geo === 'unavailable'
        ? html`<div class="notice" role="alert">${this.geo === 'denied' ? om.geoDenied : om.geoUnavailable}</div>`
        : nothing}
      <div class="filters">
        ${select('region', om.region, om.anyRegion, regions.map((r) => ({ value: r.code, label: r.name })))}
        ${select('city', om.city, om.anyCity, cities.map((c) => ({ value: c, label: c })))}
        ${select('service', om.service, om.anyService, (this.catalogue?.services ?? []).map((s) => ({ value: s.code, label: s.label[this.l10n.locale] })))}
      </div>
      <div class="form-control" part="form-control">
        <label for="q" part="label">${om.text}</label>
        <p class="hint" id="q-hint" part="hint">${om.textHint}</p>
        <input id="q" type="search" part="input" aria-describedby="q-hint" .value=${q.q} @input=${(e: Event) => this.set('q', (e.target as HTMLInputElement).value)} />
      </div>
      <button type="submit" class="button-primary">${om.find}</button>
    </form>`;
  }

  private renderList() {
    const om = this.om;
    const items = this.list?.items ?? [];
    const labels = new Map((this.catalogue?.services ?? []).map((s) => [s.code, s.label[this.l10n.locale]]));
    return html`
      <p class="intro">${om.intro}</p>
      ${this.catalogue?.demo ? html`<p class="notice demo">${om.demoData}</p>` : nothing}
      ${this.renderSearch()}
      ${this.failed
        ? html`<div class="problem" role="alert">
            <p>${om.failed}</p>
            <button type="button" class="button-secondary" @click=${() => this.search()}>${om.retry}</button>
          </div>`
        : nothing}
      ${this.cardFailed ? html`<div class="problem" role="alert"><p>${om.cardFailed}</p></div>` : nothing}
      ${this.loading && !this.list ? html`<p class="hint">${om.loading}</p>` : nothing}
      ${this.list
        ? html`<div class="results-bar">
              <p class="count">${items.length ? om.found(this.list.total) : om.none}</p>
              ${items.length
                ? html`<div class="tools" role="group" aria-label=${om.listTools}>
                    <button type="button" class="button-secondary" aria-pressed=${this.view === 'list' ? 'true' : 'false'} @click=${() => (this.view = 'list')}>${om.listView}</button>
                    <button type="button" class="button-secondary" aria-pressed=${this.view === 'map' ? 'true' : 'false'} @click=${() => this.showMap()}>${om.mapView}</button>
                    <button type="button" class="button-secondary" @click=${() => this.copy(items)}>${om.copyTable}</button>
                    <button type="button" class="button-secondary" @click=${() => printTable(this.tableRows(items), om)}>${om.printTable}</button>
                  </div>`
                : nothing}
            </div>
            ${this.view === 'map' && items.length ? this.renderMap(items) : nothing}
            <ol class="offices" aria-label=${om.tableCaption}>
              ${items.map((office) => this.renderOffice(office, labels))}
            </ol>`
        : nothing}
      <p class="manage"><button type="button" class="button-secondary" @click=${() => (this.screen = { kind: 'cancel' })}>${om.cancelTitle}</button></p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderMap(items: readonly OfficeSummary[]) {
    const om = this.om;
    if (this.map === 'failed') return html`<div class="notice" role="status">${om.mapFailed}</div>`;
    if (this.map !== 'ready') return html`<p class="hint" role="status">${om.loading}</p>`;
    const config = this.config.value.offices;
    return html`<gs-office-map
      class="map"
      .markers=${items.map((o) => ({ id: o.id, lat: o.lat, lon: o.lon, label: `${o.name}, ${o.address}` }))}
      .tileUrl=${config?.tileUrl ?? ''}
      .attribution=${config?.tileAttribution ?? ''}
      .labels=${{ zoomIn: om.zoomIn, zoomOut: om.zoomOut, mapLabel: om.mapLabel, tilesUnavailable: om.tilesUnavailable, markerHint: om.markerHint }}
      @gs-office-select=${(e: GsOfficeSelectEvent) => this.open(e.officeId)}
    ></gs-office-map>`;
  }

  private renderOffice(o: OfficeSummary, labels: ReadonlyMap<string, string>) {
    const om = this.om;
    const msg = this.l10n.msg;
    const locale = this.l10n.locale;
    return html`<li class="office">
      <h3 tabindex="-1" data-office=${o.id}>${o.name}</h3>
      <p class="address">${o.address}${o.distanceKm !== undefined ? html` <span class="distance">· ${om.distance(formatKm(o.distanceKm, locale))}</span>` : nothing}</p>
      <p class="state">${openLine(o, this.clock.now(), locale, msg)}</p>
      <p class="load load-${o.load?.level ?? 'none'}">${loadLine(o, om)}</p>
      <p>${o.accessibility.stepFree ? om.stepFree : om.notStepFree}</p>
      ${o.services.length ? html`<p class="services">${om.services}: ${o.services.map((s) => labels.get(s) ?? s).join(', ')}</p>` : nothing}
      <p class="actions">
        <button type="button" class="button-primary details" @click=${() => this.open(o.id)}>${om.details}<span class="visually-hidden"> ${o.name}</span></button>
        <a class="phone" href=${`tel:${o.phone.replace(/[^\d+]/g, '')}`}>${o.phone}</a>
      </p>
      <p class="routes">
        ${routeLinks(o, this.config.value.offices?.routes).map(
          (r) => html`<a href=${r.href} target="_blank" rel="noopener noreferrer">${om.routeVia(r.name)}<span class="visually-hidden"> ${msg.contacts.opensInNewTab}</span></a>`,
        )}
      </p>
    </li>`;
  }

  private tableRows(items: readonly OfficeSummary[]) {
    const locale = this.l10n.locale;
    return items.map((o) => ({
      name: o.name,
      address: o.address,
      phone: o.phone,
      hours: scheduleText(o, locale, this.l10n.msg),
      load: loadLine(o, this.om),
    }));
  }

  private async copy(items: readonly OfficeSummary[]): Promise<void> {
    const ok = await copyTable(this.tableRows(items), this.om);
    this.announce(ok ? this.om.copied : this.om.copyFailed);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-office-finder': GsOfficeFinder;
  }
}
