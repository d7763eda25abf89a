import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { QueueCell } from './api.js';
import { countText, heatBounds, heatStep, minutesText, peakCell, weekGrid } from './figures-format.js';
import { messages } from './messages.js';
import { ElementWidthController } from './element-width-controller.js';
import { consoleSheets } from './styles.js';

const m = messages.figures;

/**
 * The charts' colours (light console): shades of blue for the heat map, each with a text colour of
 * at least 4.5:1 on it; every cell is outlined in #505a66 (7:1 on white), so each mark stands out
 * at 3:1 or more whatever its shade; the values are printed in the cells (not the colour alone).
 */
const chartStyles = css`
  .chart {
    margin: 0 0 calc(var(--_gs-space) * 3);
  }
  .chart h3 {
    font-size: 1.05em;
    margin: 0 0 var(--_gs-space);
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  .scroll:focus-visible {
    outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
    outline-offset: 2px;
  }
  svg {
    display: block;
  }
  svg.heatmap {
    width: 100%;
    min-width: 44rem;
    height: auto;
  }
  :host {
    display: block;
  }
  svg.bars {
    width: 100%;
    height: auto;
  }
  svg text {
    fill: var(--_gs-color-text);
    font-family: inherit;
  }
  .axis {
    font-size: 11px;
  }
  .value {
    font-size: 11px;
    font-weight: 600;
    text-anchor: middle;
    dominant-baseline: central;
  }
  rect.cell {
    stroke: #505a66;
    stroke-width: 1;
  }
  rect.step-none {
    fill: #ffffff;
    stroke-dasharray: 2 2;
  }
  rect.step-0 {
    fill: #e3ecfb;
  }
  rect.step-1 {
    fill: #a9c4f0;
  }
  rect.step-2 {
    fill: #5d8fe0;
  }
  rect.step-3 {
    fill: #1f56b8;
  }
  rect.step-4 {
    fill: #0b2a6b;
  }
  text.on-dark {
    fill: #ffffff;
  }
  text.none {
    fill: #505a66;
    font-weight: 400;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gs-space) calc(var(--_gs-space) * 2);
    list-style: none;
    margin: var(--_gs-space) 0;
    padding: 0;
    align-items: center;
  }
  .legend li {
    display: inline-flex;
    gap: 6px;
    align-items: center;
  }
  .legend svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
  }
  rect.bar {
    fill: var(--_gs-color-primary);
  }
  .bar-label {
    font-size: 0.875em;
  }
  .bar-value {
    font-size: 0.875em;
    font-weight: 700;
  }
  details {
    margin-block-start: var(--_gs-space);
  }
  summary {
    cursor: pointer;
    color: var(--_gs-color-primary);
    font-weight: 600;
    min-height: 44px;
    display: flex;
    align-items: center;
  }
  details .scroll table {
    min-width: max-content;
  }
  td,
  th {
    white-space: nowrap;
  }
`;

const CELL_W = 32;
const CELL_H = 30;
const LEFT = 36;
const TOP = 22;

/**
 * A heat map of one line's queue wait by hour of the week (7 × 24), an SVG with `role="img"` whose
 * label names the peak hour; the numbers of every hour in a table under it (a <details>).
 *
 * @summary The queue's wait by hour of the week, drawn and tabulated.
 */
@customElement('gs-operator-heatmap')
export class GsOperatorHeatmap extends LitElement {
  static override styles = [...consoleSheets, chartStyles];

  /** The line's cells (any order; missing hours count as no waits). */
  @property({ attribute: false }) cells: QueueCell[] = [];
  /** The line's name: «Чат». */
  @property() line = '';
  /** The period in words: «с 01.03.2026 по 16.03.2026». */
  @property() period = '';

  /** What the picture shows, in one sentence: the peak hour and the number of waits. */
  summary(): string {
    const peak = peakCell(this.cells);
    if (!peak) return m.queueNone;
    const waits = this.cells.reduce((sum, c) => sum + c.count, 0);
    return m.queuePeak(m.weekdaysIn[peak.weekday] ?? '', m.hourRange(peak.hour), minutesText(peak.medianMinutes), waits);
  }

  override render() {
    const grid = weekGrid(this.cells);
    const bounds = heatBounds(this.cells);
    const width = LEFT + 24 * CELL_W;
    const height = TOP + 7 * CELL_H;
    if (!peakCell(this.cells)) {
      return html`<figure class="chart">
        <h3>${this.line}</h3>
        <p class="notice none queue-none">${m.queueNoneText}</p>
      </figure>`;
    }
    return html`<figure class="chart">
      <h3>${this.line}</h3>
      <div class="scroll" tabindex="0" role="region" aria-label=${`${m.queueTitle}: ${this.line}`}>
        <svg class="heatmap" role="img" aria-label=${m.queueLabel(this.line, this.summary())} viewBox="0 0 ${width} ${height}">
          ${Array.from({ length: 24 }, (_, hour) =>
            hour % 3 === 0 ? svg`<text class="axis" x=${LEFT + hour * CELL_W + 2} y=${TOP - 7}>${String(hour).padStart(2, '0')}:00</text>` : nothing,
          )}
          ${grid.map(
            (row, weekday) => svg`
              <text class="axis" x="0" y=${TOP + weekday * CELL_H + CELL_H / 2 + 4}>${m.weekdaysShort[weekday]}</text>
              ${row.map((cell) => {
                const step = heatStep(cell, bounds);
                const x = LEFT + cell.hour * CELL_W;
                const y = TOP + weekday * CELL_H;
                return svg`<rect class="cell ${step < 0 ? 'step-none' : `step-${step}`}" x=${x + 1} y=${y + 1} width=${CELL_W - 2} height=${CELL_H - 2}></rect>
                  <text class="value ${step < 0 ? 'none' : step >= 3 ? 'on-dark' : ''}" x=${x + CELL_W / 2} y=${y + CELL_H / 2}>${step < 0 ? m.noValue : Math.round(cell.medianMinutes!)}</text>`;
              })}
            `,
          )}
        </svg>
      </div>
      <ul class="legend" aria-label=${m.legend}>
        <li>${m.legend}:</li>
        ${bounds.map(
          (bound, i) =>
            html`<li>
              <svg aria-hidden="true" viewBox="0 0 20 20"><rect class="cell step-${i}" x="1" y="1" width="18" height="18"></rect></svg>${i === 0 ? m.upTo(bound) : `${bounds[i - 1]}–${bound}`}
            </li>`,
        )}
        <li><svg aria-hidden="true" viewBox="0 0 20 20"><rect class="cell step-none" x="1" y="1" width="18" height="18"></rect></svg>${m.noValue} ${m.legendNone}</li>
      </ul>
      <details>
        <summary>${m.chartTable}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${m.queueCaption(this.line, this.period)}>
          <table class="queue-table">
            <caption>${m.queueCaption(this.line, this.period)}</caption>
            <thead>
              <tr>
                <th scope="col">${m.weekday}</th>
                ${Array.from({ length: 24 }, (_, hour) => html`<th scope="col">${m.hourRange(hour)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${grid.map(
                (row, weekday) => html`<tr>
                  <th scope="row">${m.weekdays[weekday]}</th>
                  ${row.map(
                    (cell) =>
                      html`<td data-weekday=${cell.weekday} data-hour=${cell.hour}>
                        ${cell.count === 0 || cell.medianMinutes === null ? m.noValue : m.queueCell(minutesText(cell.medianMinutes), cell.count)}
                      </td>`,
                  )}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }
}

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
    'gs-operator-heatmap': GsOperatorHeatmap;
    'gs-operator-bar-chart': GsOperatorBarChart;
  }
}


