import { css } from 'lit';

/** What the chat's elements share: the log's bubbles, the action rows. */
export const chatStyles = css`
  p {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gs-space);
    margin: var(--_gs-space) 0;
  }
  .muted {
    color: var(--_gs-color-text-muted);
    font-size: 0.875em;
  }
  h3 {
    font-size: 1.125em;
    margin: 0 0 var(--_gs-space);
  }
`;
