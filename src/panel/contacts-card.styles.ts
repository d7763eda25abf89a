import { css } from 'lit';

export const styles = css`
  .card {
    padding: calc(var(--_gs-space) * 2);
    border: 1px solid var(--_gs-color-border);
    border-radius: var(--_gs-radius-small);
    background: var(--_gs-color-bg);
  }
  .heading {
    font-size: 1.0625em;
    font-weight: 700;
    margin-bottom: var(--_gs-space);
  }
  .group {
    font-size: 0.875em;
    font-weight: 700;
    color: var(--_gs-color-text-muted);
    margin: calc(var(--_gs-space) * 1.5) 0 calc(var(--_gs-space) / 2);
  }
  ul {
    display: grid;
    gap: var(--_gs-space);
    margin: 0;
  }
  li,
  .chat {
    display: grid;
    gap: 2px;
  }
  .label {
    font-size: 0.875em;
  }
  .value {
    font-weight: 600;
    font-size: 1.0625em;
    overflow-wrap: anywhere;
    /* 24px minimum target (WCAG 2.5.8). */
    display: inline-block;
    min-height: 24px;
    justify-self: start;
  }
  .state,
  .schedule {
    font-size: 0.875em;
  }
  .state.is-open {
    color: var(--_gs-color-success);
    font-weight: 600;
  }
  .state.is-closed {
    color: var(--_gs-color-text-muted);
  }
  .schedule {
    color: var(--_gs-color-text-muted);
  }
  .messengers {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gs-space) calc(var(--_gs-space) * 2);
  }
  .messengers a,
  .report a {
    display: inline-block;
    min-height: 24px;
  }
  .report {
    margin: calc(var(--_gs-space) * 1.5) 0 0;
  }
`;
