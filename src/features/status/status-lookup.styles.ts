import { css } from 'lit';

export const styles = css`
  .intro,
  .muted,
  .badge,
  dl,
  .live {
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .muted,
  .live {
    color: var(--_gs-color-text-muted);
    font-size: 0.875em;
  }
  .submit {
    width: 100%;
  }
  .result-title {
    font-size: 1.25em;
    margin-bottom: var(--_gs-space);
  }
  .badge {
    display: inline-block;
    padding: 4px 12px;
    border: 2px solid var(--_gs-status-color, currentColor);
    border-inline-start-width: 12px;
    border-radius: var(--_gs-radius-small);
  }
  dt,
  h4 {
    font-weight: 600;
  }
  dd {
    margin: 0 0 var(--_gs-space);
  }
  .history {
    display: grid;
    gap: calc(var(--_gs-space) * 1.5);
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .history li {
    padding-inline-start: calc(var(--_gs-space) * 1.5);
    border-inline-start: 2px solid var(--_gs-color-border);
  }
  .comment {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .actions,
  .recent ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gs-space);
  }
  .recent {
    margin-top: calc(var(--_gs-space) * 3);
  }
  .recent h3 {
    font-size: 1em;
  }
`;
