import { css } from 'lit';

export const styles = css`
  .intro {
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .channels {
    display: grid;
    gap: var(--_gs-space);
    margin: 0 0 calc(var(--_gs-space) * 3);
  }
  .channel {
    display: flex;
    align-items: center;
    gap: var(--_gs-space);
    width: 100%;
    min-height: 2.75em;
    padding: calc(var(--_gs-space) * 1.5);
    font: inherit;
    color: inherit;
    text-align: start;
    background: var(--_gs-color-surface);
    border: 1px solid var(--_gs-color-border);
    border-radius: var(--_gs-radius-small);
    cursor: pointer;
  }
  :host([contrast]) .channel,
  .channel:hover {
    border-color: var(--_gs-color-primary);
    box-shadow: inset 0 0 0 1px var(--_gs-color-primary);
  }
  .channel-text {
    display: grid;
    gap: 2px;
    flex: 1;
    min-width: 0;
  }
  .channel-title {
    font-weight: 600;
    color: var(--_gs-color-primary);
    overflow-wrap: anywhere;
  }
  .channel-description,
  .channel-hours {
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  .soon {
    margin: 0 0 calc(var(--_gs-space) * 3);
    color: var(--_gs-color-text-muted);
  }
`;
