import { tokenCss } from '../../../styles/token-values.js';

/**
 * The map's styles as one constructed style sheet (no Lit in the map file), after the theme
 * tokens every element shares (styles/token-values.ts); markers take their own colour if set.
 */
const text = `
  :host {
    all: initial;
    display: block;
    --_gs-color-primary: var(--gs-office-map-marker-color, var(--gs-color-primary, #0d4cd3));
    font-family: var(--_gs-font-family);
    font-size: var(--_gs-font-size);
    line-height: var(--_gs-line-height);
    color: var(--_gs-color-text);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .region {
    position: relative;
    height: var(--gs-office-map-height, 360px);
    min-height: 200px;
    overflow: clip;
    background: var(--gs-office-map-background, var(--gs-color-surface, #f2f5f9));
    border: 1px solid var(--_gs-color-border);
    border-radius: var(--_gs-radius-small);
    touch-action: none;
    cursor: grab;
    user-select: none;
  }
  .region.dragging {
    cursor: grabbing;
  }
  :focus-visible {
    outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
    outline-offset: 2px;
  }
  .region:focus-visible {
    outline-offset: calc(-1 * var(--_gs-focus-width));
  }
  .tiles,
  .markers {
    position: absolute;
    inset: 0;
  }
  .tile {
    position: absolute;
    top: 0;
    left: 0;
    width: 256px;
    height: 256px;
    max-width: none;
    opacity: 0;
    transition: opacity 0.2s;
    pointer-events: none;
  }
  .tile.loaded {
    opacity: 1;
  }
  .marker {
    position: absolute;
    top: 0;
    left: 0;
    display: grid;
    place-items: center;
    width: 2.75em;
    height: 2.75em;
    margin: -22px 0 0 -22px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    font: inherit;
    color: var(--_gs-color-text);
    cursor: pointer;
  }
  .pin {
    width: 24px;
    height: 24px;
    border-radius: 50%;
    background: var(--_gs-color-primary);
    border: 3px solid var(--_gs-color-on-primary);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.45);
  }
  .marker[aria-pressed='true'] .pin {
    width: 32px;
    height: 32px;
    border-width: 4px;
    outline: 3px solid var(--_gs-color-primary);
  }
  .label {
    position: absolute;
    bottom: calc(100% - 4px);
    left: 50%;
    transform: translateX(-50%);
    width: max-content;
    max-width: 14em;
    padding: 2px 8px;
    font-size: 0.875em;
    background: var(--_gs-color-bg);
    border: 1px solid var(--_gs-color-border);
    border-radius: 4px;
    text-align: center;
    clip-path: inset(50%);
  }
  [data-label~='below'] .label {
    bottom: auto;
    top: calc(100% - 4px);
  }
  [data-label~='left'] .label {
    left: 0;
    transform: none;
  }
  [data-label~='right'] .label {
    left: auto;
    right: 0;
    transform: none;
  }
  .marker:hover,
  .marker:focus-visible,
  .marker[aria-pressed='true'] {
    z-index: 1;
  }
  .marker:hover .label,
  .marker:focus-visible .label,
  .marker[aria-pressed='true'] .label {
    clip-path: none;
  }
  .controls {
    position: absolute;
    top: 8px;
    right: 8px;
    display: grid;
    gap: 4px;
    z-index: 2;
  }
  .controls button {
    width: 2.75em;
    height: 2.75em;
    padding: 0;
    font-family: inherit;
    font-size: 1.5em;
    font-weight: 600;
    line-height: 1;
    color: var(--_gs-color-text);
    background: var(--_gs-color-bg);
    border: 2px solid var(--_gs-color-border);
    border-radius: var(--_gs-radius-small);
    cursor: pointer;
  }
  .controls button[aria-disabled='true'] {
    color: var(--_gs-color-text-muted);
    cursor: default;
  }
  .note {
    margin: 0 0 8px;
    padding: 4px 8px;
    background: var(--_gs-color-bg);
    border: 1px solid var(--_gs-color-border);
    border-inline-start-width: 4px;
    border-radius: 4px;
  }
  .attribution {
    position: absolute;
    right: 0;
    bottom: 0;
    z-index: 2;
    max-width: 100%;
    margin: 0;
    padding: 0 6px;
    font-size: 0.75em;
    background: var(--_gs-color-bg);
    border-top-left-radius: 4px;
  }
  .note:empty,
  .attribution:empty {
    display: none;
  }
  .hint {
    margin: 4px 0 0;
    font-size: 0.875em;
    color: var(--_gs-color-text-muted);
  }
  @media (forced-colors: active) {
    .region {
      border-color: CanvasText;
    }
    .pin {
      forced-color-adjust: none;
      background: ButtonText;
      border-color: ButtonFace;
    }
    .marker[aria-pressed='true'] .pin {
      background: Highlight;
      outline-color: Highlight;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .tile {
      transition: none;
    }
  }
`;

let sheet: CSSStyleSheet | undefined;

/** The one shared sheet, made on first use (CSSOM: no inline style, fine under a strict CSP). */
export function officeMapStyles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(tokenCss + text);
  }
  return sheet;
}
