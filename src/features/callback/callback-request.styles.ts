import { css } from 'lit';

export const styles = css`
  .intro {
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .when {
    min-width: 0;
  }
  .choice-hint {
    margin: -4px 0 var(--_gs-space) calc(var(--_gs-space) * 3.5);
  }
  .slot-picker {
    margin-top: var(--_gs-space);
    padding-left: calc(var(--_gs-space) * 1.5);
    border-left: 4px solid var(--_gs-color-border);
  }
  .times {
    min-width: 0;
    border: 0;
    padding: 0;
  }
  .local {
    display: block;
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  .availability p {
    margin: 0 0 var(--_gs-space);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gs-space);
  }
  .submit {
    width: 100%;
    margin-top: var(--_gs-space);
  }
  .manage {
    margin-top: calc(var(--_gs-space) * 2);
  }
  h3 {
    font-size: 1.25em;
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  h3.done {
    color: var(--_gs-color-success);
  }
  dl {
    display: grid;
    gap: calc(var(--_gs-space) * 1.5);
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
    font-size: 1.375em;
    font-weight: 700;
    letter-spacing: 0.04em;
    white-space: nowrap;
  }
  ul {
    margin: 0 0 calc(var(--_gs-space) * 2);
    padding-left: 1.25em;
  }
  p {
    overflow-wrap: anywhere;
  }
`;
