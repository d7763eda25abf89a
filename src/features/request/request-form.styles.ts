import { css } from 'lit';

export const styles = css`
  .intro {
    margin-bottom: calc(var(--_gs-space) * 2);
  }
  .group {
    margin: 0 0 calc(var(--_gs-space) * 2);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .group > legend {
    font-weight: 700;
    font-size: 1.0625em;
    margin-bottom: 4px;
  }
  .group > .hint {
    margin-bottom: var(--_gs-space);
  }
  .count {
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  .count.over {
    color: var(--_gs-color-danger);
    font-weight: 600;
  }
  .attachments {
    margin-bottom: calc(var(--_gs-space) * 2.5);
  }
  .submit {
    width: 100%;
    margin-top: var(--_gs-space);
  }
`;
