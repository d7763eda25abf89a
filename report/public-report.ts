import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ReportMonth } from '../src/protocol/report.js';
import { base, buttons, formControls, tokens, visuallyHidden } from '../src/styles/index.js';
import { fetchMonth, fetchMonths, monthJsonHref } from './api.js';
import { capitalized, monthName, moscowDateTime } from './format.js';
import { catalogue, pickLocale, type ReportLocale } from './messages.js';
import './report-chart.js';
import './report-table.js';

/**
 * The public report's page: the published months to choose from, the chosen month's table and
 * chart, what each figure means, the month's JSON to download. Russian or English (`?lang=en`,
 * else the browser's language); the chosen month in `?month=YYYY-MM`.
 *
 * @tagname gs-public-report
 * @summary The support service's monthly figures for the public.
 */
@customElement('gs-public-report')
export class GsPublicReport extends LitElement {
  static override styles = [
    tokens,
    base,
    buttons,
    formControls,
    visuallyHidden,
    css`
      main {
        max-width: 60rem;
        margin: 0 auto;
        padding: calc(var(--_gs-space) * 3) calc(var(--_gs-space) * 2);
      }
      .language {
        text-align: end;
        margin-bottom: var(--_gs-space);
      }
      .language a {
        display: inline-block;
        min-height: 24px;
      }
      h1 {
        font-size: 1.75em;
        line-height: 1.2;
        margin-bottom: calc(var(--_gs-space) * 2);
      }
      h2 {
        font-size: 1.3em;
        line-height: 1.25;
        margin: calc(var(--_gs-space) * 4) 0 calc(var(--_gs-space) * 1.5);
      }
      h3 {
        font-size: 1.1em;
        margin: calc(var(--_gs-space) * 3) 0 var(--_gs-space);
      }
      p {
        margin-bottom: calc(var(--_gs-space) * 1.5);
        max-width: 45em;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--_gs-space) calc(var(--_gs-space) * 2);
        margin: calc(var(--_gs-space) * 2) 0;
      }
      form .form-control {
        margin: 0;
      }
      select {
        min-width: 12em;
      }
      .notice {
        min-height: 1.5em;
      }
      .error {
        color: var(--_gs-color-danger);
        font-weight: 600;
      }
      .computed {
        color: var(--_gs-color-text-muted);
        font-size: 0.875em;
      }
      .download a {
        display: inline-block;
        min-height: 24px;
      }
      dl {
        display: grid;
        gap: calc(var(--_gs-space) * 1.5);
        max-width: 45em;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  private readonly locale: ReportLocale = pickLocale(location.search, navigator.languages);
  @state() private months: string[] = [];
  @state() private report: ReportMonth | undefined;
  @state() private announcement = '';
  @state() private failed = false;
  private loading: AbortController | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const m = catalogue[this.locale];
    document.documentElement.lang = this.locale;
    document.title = m.title;
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loading?.abort();
  }

  private async start() {
    this.announcement = catalogue[this.locale].loading;
    try {
      this.months = await fetchMonths();
    } catch {
      this.fail();
      return;
    }
    const asked = new URLSearchParams(location.search).get('month');
    const month = asked && this.months.includes(asked) ? asked : this.months[0];
    if (month) await this.show(month);
  }

  private fail() {
    this.failed = true;
    this.announcement = '';
  }

  private async show(month: string) {
    const m = catalogue[this.locale];
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    this.failed = false;
    this.announcement = m.loading;
    try {
      const report = await fetchMonth(month, loading.signal);
      if (loading.signal.aborted) return;
      this.report = report;
      this.announcement = m.shown(monthName(month, this.locale));
      const url = new URL(location.href);
      url.searchParams.set('month', month);
      history.replaceState(null, '', url);
    } catch {
      if (!loading.signal.aborted) this.fail();
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const select = (event.currentTarget as HTMLFormElement).elements.namedItem('month') as HTMLSelectElement;
    void this.show(select.value);
  }

  /** This page in the other language (the month kept). */
  private otherLanguageHref(lang: ReportLocale): string {
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    return `${url.pathname}${url.search}`;
  }

  protected override render() {
    const m = catalogue[this.locale];
    const report = this.report;
    const shownMonth = report ? monthName(report.month, this.locale) : '';
    return html`<main>
      <p class="language">
        <a href=${this.otherLanguageHref(m.otherLanguage.lang)} lang=${m.otherLanguage.lang} hreflang=${m.otherLanguage.lang}>${m.otherLanguage.label}</a>
      </p>
      <h1>${m.title}</h1>
      <p>${m.intro}</p>
      ${this.months.length
        ? html`<form @submit=${this.submit} aria-label=${m.picker.legend}>
            <div class="form-control">
              <label class="label" for="month">${m.picker.month}</label>
              <select id="month" name="month">
                ${this.months.map((month) => html`<option value=${month} ?selected=${month === report?.month}>${capitalized(monthName(month, this.locale))}</option>`)}
              </select>
            </div>
            <button class="button-primary" type="submit">${m.picker.show}</button>
          </form>`
        : nothing}
      <p class="notice" role="status">${this.announcement}</p>
      <p class="notice error" role="alert">${this.failed ? m.failed : ''}</p>
      ${report
        ? html`<section aria-labelledby="month-heading">
            <h2 id="month-heading">${m.monthHeading(shownMonth)}</h2>
            <p class="computed">${m.computedAt(moscowDateTime(report.computedAt, this.locale))}</p>
            <gs-report-table .report=${report} locale=${this.locale}></gs-report-table>
            <h3 id="chart-heading">${m.chart.heading}</h3>
            <gs-report-chart .report=${report} locale=${this.locale}></gs-report-chart>
            <p class="download">
              <a href=${monthJsonHref(report.month)} download="report-${report.month}.json" type="application/json">${m.download(shownMonth)}</a>
            </p>
          </section>`
        : nothing}
      <section aria-labelledby="explanations-heading">
        <h2 id="explanations-heading">${m.explanations.heading}</h2>
        <dl>
          ${[
            [m.table.handled, m.explanations.handled],
            [m.table.reaction, m.explanations.reaction],
            [m.table.resolved, m.explanations.resolved],
            [`${m.table.rating}, ${m.table.resolvedShare}`, m.explanations.satisfaction],
            [m.fewData, m.explanations.fewData(report?.minGroup ?? 10)],
          ].map(([term, text]) => html`<div><dt><strong>${term}</strong></dt><dd>${text}</dd></div>`)}
        </dl>
        <p>${m.explanations.frozen}</p>
      </section>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-public-report': GsPublicReport;
  }
}
