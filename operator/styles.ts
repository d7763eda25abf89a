import { css } from 'lit';
import { base, buttons, formControls, tokens, visuallyHidden } from '../src/styles/index.js';

/** The console's own layout on top of the widget's tokens, base, buttons and form controls. */
export const consoleStyles = css`
  .heading {
    font-size: 1.5em;
    line-height: 1.25;
    margin: 0 0 calc(var(--_gs-space) * 2);
  }
  h2.section {
    font-size: 1.2em;
    margin: calc(var(--_gs-space) * 3) 0 calc(var(--_gs-space) * 1.5);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
    outline-offset: 2px;
  }
  .notice {
    padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
    margin: 0 0 calc(var(--_gs-space) * 2);
    border-inline-start: 4px solid var(--_gs-color-success);
    background: var(--_gs-color-surface);
  }
  /* A count or other news: neither a success nor a problem. */
  .notice.info {
    border-inline-start-color: var(--_gs-color-primary);
  }
  /* Nothing found: said plainly, in the muted colour, never as a success. */
  .notice.none {
    border-inline-start-color: var(--_gs-color-text-muted);
    border-inline-start-style: dashed;
  }
  .notice.error {
    border-inline-start-color: var(--_gs-color-danger);
    color: var(--_gs-color-danger);
    font-weight: 600;
  }
  /* Live regions stay in the page when empty (so announcements are not lost), without a box. */
  .notice.empty {
    padding: 0;
    margin: 0;
    border: 0;
    background: none;
  }
  .link-button {
    background: none;
    border: 0;
    padding: 0;
    min-height: 44px;
    color: var(--_gs-color-primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font-weight: 600;
  }
  .link-button:hover {
    text-decoration-thickness: 2px;
  }
  .button-secondary {
    background: var(--_gs-color-bg);
    color: var(--_gs-color-primary);
    border: 2px solid var(--_gs-color-primary);
    padding: 0.5em 1.25em;
    font-weight: 600;
  }
  /* Past the answer due date: a word and a clock icon in a box, not the colour alone. */
  .overdue-tag {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 0 6px;
    border: 2px solid var(--_gs-color-danger);
    border-radius: var(--_gs-radius-small);
    color: var(--_gs-color-danger);
    font-weight: 700;
    white-space: nowrap;
  }
  .muted {
    color: var(--_gs-color-text-muted);
  }
  /* Request numbers and «12:00 МСК» stay on one line. */
  .nowrap {
    white-space: nowrap;
  }
  .icon {
    flex: none;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border: 2px solid var(--badge-color, var(--_gs-color-border));
    border-radius: 999px;
    background: var(--_gs-color-bg);
    color: var(--_gs-color-text);
    font-weight: 600;
    font-size: 0.9375em;
    white-space: nowrap;
  }
  .badge::before {
    content: '';
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--badge-color, var(--_gs-color-border));
  }
`;

/** Every console element's sheets: the widget's tokens and base styles, then the console's own. */
/** The filter bar above a list (fields side by side, wrapping) and a data table with a caption. */
export const listStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gs-space) * 2);
    align-items: end;
    margin-block-end: calc(var(--_gs-space) * 2);
  }
  .filters .form-control {
    margin: 0;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_gs-space);
  }
  th,
  td {
    text-align: start;
    padding: var(--_gs-space);
    border-block-end: 1px solid var(--_gs-color-border);
    vertical-align: top;
  }
  thead th {
    background: var(--_gs-color-surface);
  }
`;

export const consoleSheets = [tokens, base, buttons, formControls, visuallyHidden, consoleStyles, listStyles];
