import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { CONTACT_CHANNELS } from '../src/protocol/quality.js';
import type { ReportMonth } from '../src/protocol/report.js';
import { base, tokens } from '../src/styles/index.js';
import { number } from './format.js';
import { catalogue, type ReportLocale } from './messages.js';

/** The drawing's units: a row per channel (its name above its bar). */
const WIDTH = 280;
const ROW = 48;
const BAR = 18;
const LABEL_GAP = 16;
const BAR_SPACE = 200;

/**
 * The contacts handled per channel as horizontal bars (SVG), «мало данных» where suppressed. Its
 * text alternative: an `aria-label` that names every bar, and the table above with the same
 * numbers.
 *
 * @tagname gs-report-chart
 * @summary The public report's bar chart of one month.
 */
@customElement('gs-report-chart')
export class GsReportChart extends LitElement {
  static override styles = [
    tokens,
    base,
    css`
      .chart {
        display: block;
        width: 100%;
        max-width: 24rem;
        height: auto;
      }
      .label,
      .value,
      .few {
        font-size: 13px;
        fill: currentColor;
      }
      .few {
        fill: var(--_gs-color-text-muted);
        font-style: italic;
      }
      .bar {
        fill: var(--_gs-color-primary);
      }
      .axis {
        stroke: var(--_gs-color-border);
        stroke-width: 1;
      }
      figcaption {
        margin-top: var(--_gs-space);
        color: var(--_gs-color-text-muted);
        font-size: 0.875em;
      }
    `,
  ];

  @property({ attribute: false }) report!: ReportMonth;
  @property() locale: ReportLocale = 'ru';

  protected override render() {
    if (!this.report) return nothing;
    const m = catalogue[this.locale];
    const rows = CONTACT_CHANNELS.map((channel) => {
      const figures = this.report.channels[channel];
      return { name: m.channels[channel], handled: figures.suppressed ? null : figures.handled };
    });
    const max = Math.max(1, ...rows.map((row) => row.handled ?? 0));
    const summary = m.chart.summary(rows.map((row) => m.chart.bar(row.name, row.handled === null ? m.fewData : number(row.handled, this.locale))).join('; '));
    const height = rows.length * ROW;
    return html`<figure>
      <svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label=${summary}>
        ${rows.map((row, i) => {
          const top = i * ROW;
          const width = row.handled === null ? 0 : Math.max(row.handled > 0 ? 2 : 0, Math.round((row.handled / max) * BAR_SPACE));
          return svg`<text class="label" x="0" y=${top + 13}>${row.name}</text>
            <line class="axis" x1="0.5" x2="0.5" y1=${top + LABEL_GAP} y2=${top + LABEL_GAP + BAR} />
            ${
              row.handled === null
                ? svg`<text class="few" x="6" y=${top + LABEL_GAP + 13}>${m.fewData}</text>`
                : svg`<rect class="bar" x="1" y=${top + LABEL_GAP} width=${width} height=${BAR} />
                  <text class="value" x=${width + 7} y=${top + LABEL_GAP + 13}>${number(row.handled, this.locale)}</text>`
            }`;
        })}
      </svg>
      <figcaption>${m.chart.note}</figcaption>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-report-chart': GsReportChart;
  }
}
