import { LitElement, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { chartStyles } from './chart-styles.js';
import { ElementWidthController } from './element-width-controller.js';
import { countText } from './figures-format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

const m = messages.figures;

/** One bar: a group and its number. */
export interface BarItem {
  key: string;
  label: string;
  value: number;
}

const ROW = 52;

/**
 * A horizontal bar chart, one bar per group with its label above and its value printed at its end
 * (not the colour alone); `role="img"` labelled with every value; the same numbers in a table
 * under it (a <details>).
 *
 * @summary Bars of one number per group, drawn and tabulated.
 */
@customElement('gs-operator-bar-chart')
export class GsOperatorBarChart extends LitElement {
  static override styles = [...consoleSheets, chartStyles];

  @property({ attribute: false }) items: BarItem[] = [];
  /** The chart's heading. */
  @property() heading = '';
  /** The grouping in words, for the label. */
  @property() grouping = '';
  /** The header of the value column of the table. */
  @property() valueName = '';

  private readonly width = new ElementWidthController(this);

  override render() {
    const max = Math.max(1, ...this.items.map((i) => i.value));
    const described = this.items.map((i) => `${i.label} — ${countText(i.value)}`).join('; ');
    // Drawn in a viewBox as wide as the element: the text keeps the page's size at any width.
    const width = this.width.value;
    const room = Math.max(40, width - 72);
    return html`<figure class="chart">
      <h3>${this.heading}</h3>
      ${this.items.length === 0
        ? html`<p>${m.barsEmpty}</p>`
        : html`<svg class="bars" role="img" aria-label=${m.barsLabel(this.grouping, described)} viewBox="0 0 ${width} ${this.items.length * ROW}">
              ${this.items.map((item, i) => {
                const length = Math.max(2, (item.value / max) * room);
                const y = i * ROW;
                return svg`<text class="bar-label" x="0" y=${y + 16}>${item.label}</text>
                  <rect class="bar" x="0" y=${y + 24} width=${length} height="18"></rect>
                  <text class="bar-value" x=${length + 8} y=${y + 38}>${countText(item.value)}</text>`;
              })}
            </svg>
            <details>
              <summary>${m.chartTable}</summary>
              <table class="bars-table">
                <caption>${this.heading}</caption>
                <thead>
                  <tr>
                    <th scope="col">${m.columns.group}</th>
                    <th scope="col">${this.valueName}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.items.map((item) => html`<tr data-group=${item.key}><th scope="row">${item.label}</th><td>${countText(item.value)}</td></tr>`)}
                </tbody>
              </table>
            </details>`}
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-bar-chart': GsOperatorBarChart;
  }
}
