import { LitElement, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { QueueCell } from './api.js';
import { chartStyles } from './chart-styles.js';
import { heatBounds, heatStep, minutesText, peakCell, weekGrid } from './figures-format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

const m = messages.figures;

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

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-heatmap': GsOperatorHeatmap;
  }
}
