import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { FIGURES_GROUPINGS, type FiguresGrouping } from '../src/protocol/figures.js';
import { errorText, fieldErrors, type FigureSet, type FiguresQuery, type FiguresResponse, type OperatorApi } from './api.js';
import { DownloadUrlController } from './download-url-controller.js';
import type { BarItem } from './bar-chart.js';
import {
  countText,
  durationText,
  groupKey,
  groupLabel,
  lastDays,
  lastMonth,
  moscowToday,
  percentText,
  periodText,
  queueWaitCsv,
  ratingText,
  shareText,
  thisMonth,
  type Period,
} from './figures-format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';
import './bar-chart.js';
import './queue-heatmap.js';
import './survey-answers-view.js';

const m = messages.figures;
type Field = 'from' | 'to' | 'groupBy';
const FIELDS: readonly Field[] = ['from', 'to', 'groupBy'];

/**
 * «Показатели»: the figures of a period of Moscow days, by channel, topic or operator (a table,
 * a bar chart of contacts handled, the queue's wait by hour of the week as two heat maps), each
 * table with a CSV download, and the citizens' survey answers under them. A supervisor sees every
 * operator's row; an operator what the server gives (their own), with a note saying so. Loading,
 * counts, emptiness and failures are announced in the view's live regions; the server's
 * per-field messages are shown at their fields.
 *
 * @summary The supervisor's figures of a period.
 * @fires figures-query - the period and grouping shown (the console keeps them across screens)
 */
@customElement('gs-operator-figures')
export class GsOperatorFigures extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      .filters .form-control {
        flex: 0 1 14rem;
        min-width: 0;
      }
      .quick {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        align-items: center;
        margin-block-end: calc(var(--_gs-space) * 2);
      }
      .quick .label {
        margin-inline-end: var(--_gs-space);
      }
      .downloads {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space) calc(var(--_gs-space) * 2);
        align-items: center;
        margin: 0 0 var(--_gs-space);
      }
      a.download {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        color: var(--_gs-color-primary);
        font-weight: 600;
        text-underline-offset: 0.15em;
      }
      td,
      tbody th {
        font-variant-numeric: tabular-nums;
      }
      gs-operator-bar-chart {
        display: block;
        margin-block-start: calc(var(--_gs-space) * 3);
      }
      tr.totals th,
      tr.totals td {
        font-weight: 700;
        background: var(--_gs-color-surface);
      }
      thead th {
        font-size: 0.875em;
        vertical-align: bottom;
      }
      .cell-label {
        display: none;
      }
      /* Narrow screens: each group a card, each number under its label. */
      @media (max-width: 60rem) {
        #figures-table,
        #figures-table caption,
        #figures-table tbody,
        #figures-table tr,
        #figures-table th,
        #figures-table td {
          display: block;
        }
        #figures-table thead tr {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
        #figures-table tbody tr {
          border: 1px solid var(--_gs-color-border);
          border-radius: var(--_gs-radius-small);
          padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
          margin-block-end: calc(var(--_gs-space) * 1.5);
        }
        #figures-table tbody th,
        #figures-table tbody td {
          border: 0;
          padding: 4px 0;
        }
        #figures-table tbody th {
          font-size: 1.125em;
        }
        .cell-label {
          display: block;
          font-weight: 600;
          font-size: 0.875em;
        }
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  /** `supervisor` sees every group; an operator gets their own operator row (the server decides). */
  @property({ attribute: false }) viewerRole: 'operator' | 'supervisor' = 'operator';
  /** The period and grouping to show first (kept by the console across screens); this month by default. */
  @property({ attribute: false }) query?: FiguresQuery;
  @state() private result?: FiguresResponse;
  @state() private loading = false;
  @state() private failure = '';
  @state() private announcement = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  /** Service code → its Russian name (visits' topics). */
  @state() private services = new Map<string, string>();
  @query('h1') private heading!: HTMLElement;
  private draft!: FiguresQuery;
  private generation = 0;
  private aborter?: AbortController;
  private readonly queueCsv = new DownloadUrlController(this);

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.draft = this.query ?? { ...thisMonth(moscowToday()), groupBy: 'channel' };
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
      /* the codes stay */
    }
  }

  private async load() {
    const generation = ++this.generation;
    const asked = this.draft;
    this.loading = true;
    this.announcement = messages.loading;
    this.failure = '';
    this.errors = {};
    try {
      const result = await this.api.figures(asked, this.aborter?.signal);
      if (generation !== this.generation) return;
      this.result = result;
      this.query = { from: result.from, to: result.to, groupBy: result.groupBy };
      this.dispatchEvent(new CustomEvent<FiguresQuery>('figures-query', { detail: this.query, bubbles: true, composed: true }));
      const period = periodText(result);
      this.announcement = result.groups.length === 0 ? `${m.loaded(period, 0)}. ${this.emptyText(result)}` : m.loaded(period, result.groups.length);
    } catch (error) {
      if (generation !== this.generation) return;
      this.result = undefined;
      this.announcement = '';
      const fields = fieldErrors(error);
      const known = FIELDS.filter((f) => fields[f]);
      if (known.length) {
        this.errors = Object.fromEntries(known.map((f) => [f, fields[f]!]));
        this.failure = m.invalid;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#fig-${known[0]}`)?.focus();
      } else this.failure = errorText(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private emptyText(result: FiguresResponse): string {
    return this.viewerRole !== 'supervisor' && result.groupBy === 'operator' && result.totals.handled > 0 ? m.emptyOwn : m.empty;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
    this.draft = { from: value('from'), to: value('to'), groupBy: value('groupBy') as FiguresGrouping };
    void this.load();
  }

  /** «Этот месяц», «Прошлый месяц», «7 дней»: the period at once, with the grouping chosen. */
  private quick(period: Period) {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#fig-groupBy');
    this.draft = { ...period, groupBy: (select?.value as FiguresGrouping | undefined) ?? this.draft.groupBy };
    void this.load();
  }

  override render() {
    const draft = this.draft;
    const today = moscowToday();
    return html`
      <h1 class="heading" tabindex="-1">${m.title}</h1>
      <p class="notice info" id="role-note">${this.viewerRole === 'supervisor' ? m.supervisorNote : m.operatorNote}</p>
      <form class="filters" aria-label=${m.filtersLabel} novalidate @submit=${this.submit}>
        ${this.dateField('from', m.from, draft.from)} ${this.dateField('to', m.to, draft.to)}
        <div class="form-control ${this.errors.groupBy ? 'has-error' : ''}">
          <label for="fig-groupBy">${m.groupBy}</label>
          ${this.errorOf('groupBy')}
          <select id="fig-groupBy" name="groupBy" aria-invalid=${this.errors.groupBy ? 'true' : 'false'} aria-describedby=${this.errors.groupBy ? 'fig-groupBy-error' : nothing}>
            ${FIGURES_GROUPINGS.map((g) => html`<option value=${g} ?selected=${draft.groupBy === g}>${m.groupings[g]}</option>`)}
          </select>
        </div>
        <button class="button-primary" type="submit">${m.show}</button>
      </form>
      <p class="hint muted" id="fig-period-hint">${m.periodHint}</p>
      <div class="quick" role="group" aria-labelledby="fig-quick-label">
        <span class="label" id="fig-quick-label">${m.quickLabel}:</span>
        <button class="button-secondary" type="button" data-period="this-month" @click=${() => this.quick(thisMonth(today))}>${m.quick.thisMonth}</button>
        <button class="button-secondary" type="button" data-period="last-month" @click=${() => this.quick(lastMonth(today))}>${m.quick.lastMonth}</button>
        <button class="button-secondary" type="button" data-period="7-days" @click=${() => this.quick(lastDays(today, 7))}>${m.quick.lastWeek}</button>
      </div>
      <div role="status" class="notice ${this.announcement ? '' : 'empty'}" id="figures-status">${this.announcement}</div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="figures-error">${this.failure}</div>
      ${this.result && !this.loading ? this.renderResult(this.result) : nothing}
      <gs-operator-survey-answers .api=${this.api} .period=${this.query ?? draft} .services=${this.services}></gs-operator-survey-answers>
    `;
  }

  private dateField(name: 'from' | 'to', label: string, value: string) {
    const error = this.errors[name];
    return html`<div class="form-control ${error ? 'has-error' : ''}">
      <label for="fig-${name}">${label}</label>
      ${this.errorOf(name)}
      <input
        id="fig-${name}"
        name=${name}
        type="date"
        required
        .value=${value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="fig-period-hint${error ? ` fig-${name}-error` : ''}"
      />
    </div>`;
  }

  private errorOf(name: Field) {
    const error = this.errors[name];
    return error
      ? html`<span class="error" id="fig-${name}-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${error}</span>`
      : nothing;
  }

  private renderResult(result: FiguresResponse) {
    if (result.groups.length === 0) return html`<p class="notice none" id="figures-empty">${this.emptyText(result)}</p>`;
    const grouping = m.groupings[result.groupBy];
    const period = periodText(result);
    const bars: BarItem[] = result.groups.map((g) => ({ key: groupKey(g), label: groupLabel(g, this.services), value: g.figures.handled }));
    const csvName = `queue-wait-${result.from}-${result.to}.csv`;
    return html`
      <section aria-labelledby="figures-table-title">
        <h2 class="section" id="figures-table-title">${m.tableTitle}</h2>
        <p class="downloads">
          <a class="download" id="figures-csv" href=${this.api.figuresCsvUrl(result)} download
            >${m.csv}<span class="visually-hidden">: ${m.tableTitle.toLowerCase()}</span></a
          >
          <span class="hint">${m.csvNote}</span>
        </p>
        ${this.renderTable(result, grouping, period)}
        <gs-operator-bar-chart
          id="handled-chart"
          .items=${bars}
          heading=${m.barsTitle(grouping)}
          grouping=${grouping}
          valueName=${m.columns.handled}
        ></gs-operator-bar-chart>
      </section>
      <section aria-labelledby="queue-title">
        <h2 class="section" id="queue-title">${m.queueTitle}</h2>
        <p>${m.queueIntro}</p>
        <p class="downloads">
          <a class="download" id="queue-csv" href=${this.queueCsv.urlOf(queueWaitCsv(result))} download=${csvName}
            >${m.csv}<span class="visually-hidden">: ${m.queueTableTitle.toLowerCase()}</span></a
          >
        </p>
        <gs-operator-heatmap id="queue-chat" .cells=${result.queueWait.chat} line=${m.queueLines.chat} period=${period}></gs-operator-heatmap>
        <gs-operator-heatmap id="queue-callback" .cells=${result.queueWait.callback} line=${m.queueLines.callback} period=${period}></gs-operator-heatmap>
      </section>
    `;
  }

  private renderTable(result: FiguresResponse, grouping: string, period: string) {
    const c = m.columns;
    return html`<table id="figures-table">
      <caption>${m.caption(grouping, period)}</caption>
      <thead>
        <tr>
          <th scope="col">${c.group}</th>
          <th scope="col">${c.handled}</th>
          <th scope="col">${c.reactionMedian}</th>
          <th scope="col">${c.reactionP90}</th>
          <th scope="col">${c.resolutionMedian}</th>
          <th scope="col">${c.resolutionP90}</th>
          <th scope="col">${c.firstContact}</th>
          <th scope="col">${c.overdue}</th>
          <th scope="col">${c.rating}</th>
          <th scope="col">${c.resolvedAnswer}</th>
          <th scope="col">${c.answers}</th>
        </tr>
      </thead>
      <tbody>
        ${this.renderRow('totals', m.totals, result.totals)}
        ${result.groups.map((g) => this.renderRow(groupKey(g), groupLabel(g, this.services), g.figures))}
      </tbody>
    </table>`;
  }

  private renderRow(key: string, label: string, f: FigureSet) {
    const c = m.columns;
    const cell = (field: string, name: string, value: string) => html`<td data-field=${field}><span class="cell-label">${name}</span>${value}</td>`;
    return html`<tr data-group=${key} class=${key === 'totals' ? 'totals' : ''}>
      <th scope="row">${label}</th>
      ${cell('handled', c.handled, countText(f.handled))}
      ${cell('reactionMedian', c.reactionMedian, durationText(f.firstReaction.medianMinutes))}
      ${cell('reactionP90', c.reactionP90, durationText(f.firstReaction.p90Minutes))}
      ${cell('resolutionMedian', c.resolutionMedian, durationText(f.resolution.medianMinutes))}
      ${cell('resolutionP90', c.resolutionP90, durationText(f.resolution.p90Minutes))}
      ${cell('firstContact', c.firstContact, shareText(f.firstContactResolution))}
      ${cell('overdue', c.overdue, shareText(f.overdue))}
      ${cell('rating', c.rating, ratingText(f.surveys.ratingMean))}
      ${cell('resolvedAnswer', c.resolvedAnswer, percentText(f.surveys.resolvedPercent))}
      ${cell('answers', c.answers, countText(f.surveys.answers))}
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-figures': GsOperatorFigures;
  }
}
