import { css } from 'lit';

export const styles = css`
  :host {
    --_gs-offset-x: 24px;
    --_gs-offset-y: 24px;
    --_gs-launcher-size: 3.5em;
    --_gs-panel-width: var(--gs-panel-width, 25em);
    /* The root takes no room in the page: launcher and panel are fixed. */
    height: 0 !important;
    width: 0 !important;
    overflow: visible !important;
  }

  .launcher {
    position: fixed;
    z-index: var(--_gs-z-index);
    bottom: var(--_gs-offset-y);
    right: var(--_gs-offset-x);
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_gs-space) * 1);
    min-height: var(--_gs-launcher-size);
    padding: 0 calc(var(--_gs-space) * 2.5) 0 calc(var(--_gs-space) * 2);
    border: 2px solid var(--_gs-color-on-primary);
    border-radius: calc(var(--_gs-launcher-size) / 2);
    background: var(--_gs-color-primary);
    color: var(--_gs-color-on-primary);
    box-shadow: var(--_gs-shadow);
    font-weight: 600;
    transition: bottom 120ms ease-out;
  }
  :host([side='left']) .launcher {
    right: auto;
    left: var(--_gs-offset-x);
  }
  .unread {
    min-width: 1.5em;
    padding: 0 0.4em;
    border-radius: 0.75em;
    background: var(--_gs-color-on-primary);
    color: var(--_gs-color-primary);
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  .launcher:hover {
    background: var(--_gs-color-primary-hover);
  }
  .launcher:focus-visible {
    outline-offset: 3px;
  }

  .panel {
    position: fixed;
    z-index: var(--_gs-z-index);
    right: var(--_gs-offset-x);
    bottom: calc(var(--_gs-offset-y) + var(--_gs-launcher-size) + 12px);
    display: flex;
    flex-direction: column;
    width: min(var(--_gs-panel-width), calc(100vw - 2 * var(--_gs-offset-x)));
    /* One height for every view, so the header never jumps from view to view; the body scrolls. */
    height: min(var(--gs-panel-height, 40em), calc(100vh - var(--_gs-offset-y) - var(--_gs-launcher-size) - 36px));
    height: min(var(--gs-panel-height, 40em), calc(100dvh - var(--_gs-offset-y) - var(--_gs-launcher-size) - 36px));
    background: var(--_gs-color-bg);
    color: var(--_gs-color-text);
    border: 1px solid var(--_gs-color-border);
    border-radius: var(--_gs-radius);
    box-shadow: var(--_gs-shadow);
    /* Not scrollable, not even by scrollIntoView(): only the body scrolls, the header stays. */
    overflow: clip;
  }
  :host([side='left']) .panel {
    right: auto;
    left: var(--_gs-offset-x);
  }
  :host([contrast]) .panel {
    border-width: 3px;
  }

  .header {
    display: flex;
    align-items: center;
    gap: var(--_gs-space);
    padding: var(--_gs-space) var(--_gs-space) var(--_gs-space) calc(var(--_gs-space) * 2);
    background: var(--_gs-color-surface);
    border-bottom: 1px solid var(--_gs-color-border);
  }
  .header .back {
    margin-left: calc(var(--_gs-space) * -1);
  }
  h2 {
    flex: 1;
    min-width: 0;
    font-size: 1.125em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  /* The heading takes focus only from script (a new view): no focus box, as GOV.UK does. */
  h2:focus {
    outline: none;
  }

  .body {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: calc(var(--_gs-space) * 2);
  }
  .notice {
    margin-bottom: calc(var(--_gs-space) * 2);
    padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
    border-left: 4px solid var(--_gs-color-danger);
    background: var(--_gs-color-surface);
  }

  /* Small or short screens (a phone, 200 % zoom, large text: em here is the reader's text size):
     the panel takes the whole screen. */
  @media (max-width: 30em), (max-height: 28em) {
    .panel {
      inset: 0;
      right: 0;
      left: 0;
      bottom: 0;
      width: 100vw;
      max-height: none;
      height: 100%;
      border-radius: 0;
      border: 0;
    }
    :host([side='left']) .panel {
      left: 0;
    }
    /* The panel has its own Close: the launcher does not sit on top of it. */
    .launcher[aria-expanded='true'] {
      visibility: hidden;
    }
  }
  @media (forced-colors: active) {
    .launcher,
    .panel {
      border: 2px solid CanvasText;
    }
  }
`;
