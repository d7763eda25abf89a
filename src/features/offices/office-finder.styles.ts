import { css } from 'lit';

export const styles = css`
  .intro {
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .demo {
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .search {
    display: grid;
    gap: var(--_gs-space);
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .filters {
    display: grid;
    gap: var(--_gs-space);
  }
  .near {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gs-space);
  }
  .results-bar {
    display: grid;
    gap: var(--_gs-space);
    margin-bottom: var(--_gs-space);
  }
  .tools,
  .actions,
  .routes {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gs-space);
    align-items: center;
  }
  /* The view shown now: a pressed, filled button. */
  .tools [aria-pressed='true'] {
    background: var(--_gs-color-primary);
    color: var(--_gs-color-on-primary);
    border-color: var(--_gs-color-primary);
  }
  .offices {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gs-space) * 2);
  }
  .office {
    border-top: 1px solid var(--_gs-color-border);
    padding-top: calc(var(--_gs-space) * 1.5);
  }
  h3 {
    font-size: 1.125em;
    margin: 0 0 4px;
  }
  h3.done {
    color: var(--_gs-color-success);
  }
  h4 {
    font-size: 1em;
    margin: calc(var(--_gs-space) * 2) 0 var(--_gs-space);
  }
  p {
    margin: 0 0 4px;
    overflow-wrap: anywhere;
  }
  .address {
    color: var(--_gs-color-text-muted);
  }
  .load-high {
    font-weight: 600;
  }
  .schedule {
    border-collapse: collapse;
  }
  .schedule th,
  .schedule td {
    text-align: left;
    padding: 2px calc(var(--_gs-space) * 1.5) 2px 0;
    font-weight: normal;
  }
  .schedule th {
    font-weight: 600;
  }
  .chart {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 2px;
  }
  .chart li {
    display: grid;
    grid-template-columns: 7.5em 1fr 3.5em;
    align-items: center;
    gap: var(--_gs-space);
  }
  .bar {
    display: block;
    height: 0.75em;
    width: var(--_gs-percent, 0%);
    background: var(--_gs-color-primary);
    border: 1px solid transparent;
  }
  .bar.level-high {
    background: var(--_gs-color-danger);
  }
  .value {
    text-align: right;
  }
  .choices {
    border: 0;
    padding: 0;
    min-width: 0;
  }
  .times {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_gs-space) * 2);
  }
  .times legend {
    width: 100%;
  }
  dl {
    display: grid;
    gap: var(--_gs-space);
    margin: 0 0 calc(var(--_gs-space) * 2);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .value {
    font-weight: 700;
  }
  ul {
    margin: 0 0 var(--_gs-space);
    padding-left: 1.25em;
  }
  .manage {
    margin-top: calc(var(--_gs-space) * 2);
  }
  .map {
    display: block;
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .error {
    color: var(--_gs-color-danger);
    font-weight: 600;
  }
`;
