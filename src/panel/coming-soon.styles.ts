import { css } from 'lit';

export const styles = css`
  p {
    margin-bottom: calc(var(--_gs-space) * 1.5);
  }
  .lead {
    color: var(--_gs-color-text-muted);
  }
  .soon {
    font-weight: 600;
  }
`;
