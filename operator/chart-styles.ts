import { css } from 'lit';

/**
 * The charts' colours (light console): shades of blue for the heat map, each with a text colour of
 * at least 4.5:1 on it; every cell is outlined in #505a66 (7:1 on white), so each mark stands out
 * at 3:1 or more whatever its shade; the values are printed in the cells (not the colour alone).
 */
export const chartStyles = css`
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
