import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { CONTACT_CHANNELS } from '../src/protocol/quality.js';
import type { ReportFigures, ReportMonth } from '../src/protocol/report.js';
import { base, tokens } from '../src/styles/index.js';
import { monthName, number } from './format.js';
import { catalogue, type ReportLocale } from './messages.js';

/** One cell: a number (with its exact value for machines), «мало данных», or «не применяется». */
type Cell = { value: number; text: string } | 'few' | 'na';

/**
 * The month's figures as a table: a row per channel and one for all channels; a suppressed
 * figure reads «мало данных». In a focusable region that scrolls sideways on narrow screens.
 *
 * @tagname gs-report-table
 * @summary The public report's table of one month.
 */
@customElement('gs-report-table')
export class GsReportTable extends LitElement {
  static override styles = [
    tokens,
    base,
    css`
      .scroll {
        overflow-x: auto;
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        min-width: 40em;
      }
      caption {
        text-align: start;
        font-weight: 700;
        padding: var(--_gs-space);
      }
      th,
      td {
        padding: var(--_gs-space);
        border-top: 1px solid var(--_gs-color-border);
        text-align: end;
        vertical-align: top;
      }
      th[scope='row'],
      thead th:first-child {
        text-align: start;
      }
      thead th {
        font-size: 0.875em;
        vertical-align: bottom;
      }
      .total th,
      .total td {
        font-weight: 700;
        border-top-width: 2px;
      }
      .few,
      .na {
        color: var(--_gs-color-text-muted);
        font-style: italic;
      }
    `,
  ];

  @property({ attribute: false }) report!: ReportMonth;
  @property() locale: ReportLocale = 'ru';

  private cells(figures: ReportFigures): Record<'handled' | 'reaction' | 'resolved' | 'rating' | 'resolvedShare' | 'answers', Cell> {
    const m = catalogue[this.locale];
    if (figures.suppressed) return { handled: 'few', reaction: 'few', resolved: 'few', rating: 'few', resolvedShare: 'few', answers: 'few' };
    const n = (value: number, digits = 1) => number(value, this.locale, digits);
    const reaction = figures.firstReaction;
    const resolved = figures.resolvedAtFirstContact;
    const survey = figures.satisfaction;
    return {
      handled: { value: figures.handled, text: n(figures.handled) },
      reaction: reaction === null ? 'na' : reaction.suppressed ? 'few' : { value: reaction.medianMinutes, text: m.minutes(n(reaction.medianMinutes)) },
      resolved: resolved === null ? 'na' : resolved.suppressed ? 'few' : { value: resolved.percent, text: m.percent(n(resolved.percent)) },
      rating: survey.suppressed ? 'few' : { value: survey.ratingMean, text: n(survey.ratingMean, 2) },
      resolvedShare: survey.suppressed ? 'few' : { value: survey.resolvedPercent, text: m.percent(n(survey.resolvedPercent)) },
      answers: survey.suppressed ? 'few' : { value: survey.answers, text: n(survey.answers) },
    };
  }

  private cell(name: string, cell: Cell) {
    const m = catalogue[this.locale];
    if (cell === 'few') return html`<td data-figure=${name}><span class="few">${m.fewData}</span></td>`;
    if (cell === 'na') return html`<td data-figure=${name}><span class="na">${m.notApplicable}</span></td>`;
    return html`<td data-figure=${name}><data value=${String(cell.value)}>${cell.text}</data></td>`;
  }

  private row(key: (typeof CONTACT_CHANNELS)[number] | 'total', figures: ReportFigures) {
    const cells = this.cells(figures);
    return html`<tr data-channel=${key} class=${key === 'total' ? 'total' : ''}>
      <th scope="row">${catalogue[this.locale].channels[key]}</th>
      ${(Object.entries(cells) as [string, Cell][]).map(([name, cell]) => this.cell(name, cell))}
    </tr>`;
  }

  protected override render() {
    if (!this.report) return nothing;
    const m = catalogue[this.locale];
    const t = m.table;
    return html`<div class="scroll" role="region" aria-labelledby="caption" tabindex="0">
      <table>
        <caption id="caption">${t.caption(monthName(this.report.month, this.locale))}</caption>
        <thead>
          <tr>
            <th scope="col">${t.channel}</th>
            <th scope="col">${t.handled}</th>
            <th scope="col">${t.reaction}</th>
            <th scope="col">${t.resolved}</th>
            <th scope="col">${t.rating}</th>
            <th scope="col">${t.resolvedShare}</th>
            <th scope="col">${t.answers}</th>
          </tr>
        </thead>
        <tbody>
          ${CONTACT_CHANNELS.map((channel) => this.row(channel, this.report.channels[channel]))} ${this.row('total', this.report.total)}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-report-table': GsReportTable;
  }
}
