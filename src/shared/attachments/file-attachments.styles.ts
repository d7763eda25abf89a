import { css } from 'lit';

export const styles = css`
  /* The form spaces its fields; a standalone field has no margin of its own. */
  .form-control {
    margin: 0;
    gap: var(--_gs-space);
  }
  .drop-zone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gs-space) calc(var(--_gs-space) * 1.5);
    padding: calc(var(--_gs-space) * 1.5);
    border: 2px dashed var(--_gs-color-border);
    border-radius: var(--_gs-radius-small);
    background: var(--_gs-color-surface);
  }
  .drop-zone.is-dragging {
    border-style: solid;
    border-color: var(--_gs-color-primary);
  }
  .drop-text {
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  .files {
    display: grid;
    gap: var(--_gs-space);
    margin: 0;
  }
  .file {
    display: flex;
    align-items: center;
    gap: var(--_gs-space);
    padding: calc(var(--_gs-space) / 2) 0 calc(var(--_gs-space) / 2) var(--_gs-space);
    border: 1px solid var(--_gs-color-border);
    border-radius: var(--_gs-radius-small);
    background: var(--_gs-color-bg);
  }
  .file.is-rejected,
  .file.is-failed {
    border-color: var(--_gs-color-danger);
    border-inline-start-width: 4px;
  }
  .file-main {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 2px;
  }
  .file-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  progress {
    width: 100%;
    height: 8px;
    accent-color: var(--_gs-color-primary);
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  .status.is-done {
    color: var(--_gs-color-success);
    font-weight: 600;
  }
  .status.is-error {
    color: var(--_gs-color-danger);
    font-weight: 600;
  }
  .file-actions {
    display: flex;
    align-items: center;
    flex: none;
  }
`;
