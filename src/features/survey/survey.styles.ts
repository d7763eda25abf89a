import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .survey {
    margin: calc(var(--_gs-space) * 3) 0;
    padding-top: calc(var(--_gs-space) * 2);
    border-top: 1px solid var(--_gs-color-border);
  }
  .title {
    font-size: 1.125em;
    margin-bottom: var(--_gs-space);
  }
  .intro {
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .options,
  .scale {
    display: flex;
    flex-wrap: wrap;
    column-gap: calc(var(--_gs-space) * 2);
  }
  .scale {
    flex-direction: column;
  }
  textarea {
    min-height: 5em;
  }
  .count {
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  .count.over {
    color: var(--_gs-color-danger);
    font-weight: 600;
  }
  .share-hint {
    margin-inline-start: calc(1.5em + var(--_gs-space));
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gs-space);
  }
  .done {
    padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
    border-inline-start: 4px solid var(--_gs-color-success);
    background: var(--_gs-color-surface);
  }
  p {
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--_gs-color-text-muted);
    font-size: 0.875em;
    margin-bottom: calc(var(--_gs-space) * 2);
  }
`;
