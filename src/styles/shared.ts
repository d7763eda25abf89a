import { css } from 'lit';

/**
 * Base of every element: cuts all inheritance from the host page (`all: initial !important`
 * on :host wins over any page rule, important or not: for important declarations the shadow
 * tree's own context wins), then sets the widget's own typography, also as !important since
 * `all: initial !important` would otherwise beat it.
 */
export const base = css`
  :host {
    all: initial !important;
    display: block !important;
    font-family: var(--_gs-font-family) !important;
    font-size: var(--_gs-font-size) !important;
    line-height: var(--_gs-line-height) !important;
    color: var(--_gs-color-text) !important;
    text-align: start !important;
    -webkit-text-size-adjust: 100% !important;
    text-size-adjust: 100% !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  h1, h2, h3, h4, p, ul, ol, dl, dd, figure {
    margin: 0;
  }
  ul[role='list'], ol[role='list'] {
    list-style: none;
    padding: 0;
  }
  a {
    color: var(--_gs-color-primary);
    text-underline-offset: 0.15em;
  }
  :host([contrast]) a,
  a:hover {
    text-decoration-thickness: 2px;
  }
  :focus-visible {
    outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
    outline-offset: 2px;
  }
  /*
   * A heading only script focuses (a new view or step, tabindex=-1): no focus box, as GOV.UK and
   * the panel's title do; brought into view with the space above it.
   */
  :is(h1, h2, h3, h4)[tabindex='-1'] {
    scroll-margin-top: calc(var(--_gs-space) * 2);
  }
  :is(h1, h2, h3, h4)[tabindex='-1']:focus {
    outline: none;
  }
  /* A number read or copied whole: «2026-000001» never breaks at its hyphen. */
  .number {
    white-space: nowrap;
  }
  svg {
    flex: none;
    width: 1.5em;
    height: 1.5em;
  }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;

/** Text that only screen readers see. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;

/**
 * Buttons, 44px targets: the primary action, secondary actions (a bordered button: it looks like
 * one before any hover) and an icon button. A send button `aria-disabled` while its
 * call is on its way stays focusable (see SubmitController).
 */
export const buttons = css`
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    min-height: 2.75em;
    min-width: 2.75em;
    border-radius: var(--_gs-radius-small);
  }
  .button-primary {
    background: var(--_gs-color-primary);
    color: var(--_gs-color-on-primary);
    border: 2px solid var(--_gs-color-primary);
    padding: 0.5em 1.25em;
    font-weight: 600;
  }
  .button-primary:hover {
    background: var(--_gs-color-primary-hover);
    border-color: var(--_gs-color-primary-hover);
  }
  .button-secondary {
    background: var(--_gs-color-bg);
    color: var(--_gs-color-primary);
    border: 2px solid currentColor;
    padding: 0.375em 1em;
    font-weight: 600;
  }
  .button-secondary:hover {
    background: var(--_gs-color-surface);
  }
  [aria-disabled='true'] {
    cursor: progress;
  }
  .button-icon {
    display: inline-grid;
    place-items: center;
    padding: 0;
    background: transparent;
    border: 2px solid transparent;
  }
  .button-icon:hover {
    border-color: var(--_gs-color-border);
  }
`;

/**
 * Form controls (GOV.UK-like): label above, hint, error with a left rule, 44px inputs.
 * Parts on every control: form-control, label, input, hint, error.
 */
export const formControls = css`
  .form-control {
    display: grid;
    gap: 4px;
    margin: 0 0 calc(var(--_gs-space) * 2.5);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .form-control.has-error {
    padding-inline-start: calc(var(--_gs-space) * 1.5);
    border-inline-start: 4px solid var(--_gs-color-danger);
  }
  label,
  legend,
  .label {
    font-weight: 600;
    padding: 0;
  }
  .optional {
    font-weight: 400;
    color: var(--_gs-color-text-muted);
  }
  .hint {
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  .error {
    font-weight: 600;
    color: var(--_gs-color-danger);
  }
  input:not([type='checkbox']):not([type='radio']):not([type='file']),
  select,
  textarea {
    font: inherit;
    color: var(--_gs-color-text);
    background: var(--_gs-color-bg);
    border: 2px solid var(--_gs-color-border);
    border-radius: 4px;
    min-height: 2.75em;
    padding: 0.375em 0.625em;
    width: 100%;
    max-width: 100%;
  }
  textarea {
    min-height: 8em;
    resize: vertical;
  }
  .has-error input,
  .has-error select,
  .has-error textarea {
    border-color: var(--_gs-color-danger);
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
    outline-offset: 0;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--_gs-space);
    min-height: 2.75em;
    padding: 6px 0;
    font-weight: 400;
  }
  .choice input {
    flex: none;
    /* The box grows with the text: em of the text, not of the browser's small control font. */
    font-size: inherit;
    width: 1.5em;
    height: 1.5em;
    margin: 0;
    accent-color: var(--_gs-color-primary);
  }
`;

/** A notice (information) or problem (something went wrong) box with a coloured rule. */
export const notices = css`
  .notice,
  .problem {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gs-space);
    margin-bottom: calc(var(--_gs-space) * 2);
    padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
    background: var(--_gs-color-surface);
    border-inline-start: 4px solid var(--_gs-color-primary);
  }
  .problem {
    border-inline-start-color: var(--_gs-color-danger);
  }
  .problem p {
    flex-basis: 100%;
  }
`;
