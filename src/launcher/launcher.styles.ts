import { tokenCss } from '../styles/token-values.js';

/**
 * The launcher's stylesheet, plain CSS for a constructed sheet (no Lit, no <style>): the theme
 * tokens; the host reset of src/styles/shared.ts (`all: initial` cuts every inherited page style);
 * the floating button as the Lit widget drew it, and its busy state; the fallback dialog, placed
 * where the panel opens (the whole screen on a small or short screen). Written one rule a line, without comments:
 * this text ships as it is on every page.
 */
export const launcherCss = `${tokenCss}
:host { all: initial !important; display: block !important; font-family: var(--_gs-font-family) !important; font-size: var(--_gs-font-size) !important; line-height: var(--_gs-line-height) !important; color: var(--_gs-color-text) !important; text-align: start !important; -webkit-text-size-adjust: 100% !important; text-size-adjust: 100% !important; height: 0 !important; width: 0 !important; overflow: visible !important; --_gs-offset-x: 24px; --_gs-offset-y: 24px; --_gs-panel-left: auto; --_gs-panel-right: 24px; --_gs-launcher-size: 3.5em }
:host([hidden]) { display: none !important }
* { box-sizing: border-box }
:focus-visible { outline: var(--_gs-focus-width) solid var(--_gs-color-focus); outline-offset: 2px }
button { font: inherit; color: inherit; cursor: pointer; min-height: 2.75em; min-width: 2.75em; border-radius: var(--_gs-radius-small) }
.launcher, .fallback { position: fixed; z-index: var(--_gs-z-index); left: var(--_gs-panel-left); right: var(--_gs-panel-right); box-shadow: var(--_gs-shadow) }
.launcher { bottom: var(--_gs-offset-y); display: inline-flex; align-items: center; gap: var(--_gs-space); min-height: var(--_gs-launcher-size); padding: 0 calc(var(--_gs-space) * 2.5) 0 calc(var(--_gs-space) * 2); border: 2px solid var(--_gs-color-on-primary); border-radius: calc(var(--_gs-launcher-size) / 2); background: var(--_gs-color-primary); color: var(--_gs-color-on-primary); font-weight: 600; transition: bottom 120ms ease-out }
.launcher:hover, .retry:hover { background: var(--_gs-color-primary-hover) }
.launcher:focus-visible { outline-offset: 3px }
.launcher svg { flex: none; width: 1.5em; height: 1.5em }
.unread { min-width: 1.5em; padding: 0 0.4em; border-radius: 0.75em; background: var(--_gs-color-on-primary); color: var(--_gs-color-primary); text-align: center; font-variant-numeric: tabular-nums }
.unread[hidden] { display: none }
.launcher[aria-busy] { cursor: progress }
.launcher[aria-busy] svg { animation: gs-busy 0.8s infinite alternate }
@keyframes gs-busy { to { opacity: 0.3 } }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; overflow: hidden !important; clip-path: inset(50%) !important; white-space: nowrap !important }
.fallback { bottom: calc(var(--_gs-offset-y) + var(--_gs-launcher-size) + 12px); width: min(var(--gs-panel-width, 25em), calc(100vw - 2 * var(--_gs-offset-x))); max-height: calc(100dvh - var(--_gs-offset-y) - var(--_gs-launcher-size) - 36px); overflow-y: auto; overscroll-behavior: contain; padding: 0 calc(var(--_gs-space) * 2) calc(var(--_gs-space) * 2); background: var(--_gs-color-bg); border: 1px solid var(--_gs-color-border); border-radius: var(--_gs-radius) }
:host([contrast]) .fallback { border-width: 3px }
.header { display: flex; align-items: center; gap: var(--_gs-space); padding-top: var(--_gs-space) }
h2 { flex: 1; margin: 0; font-size: 1.125em }
h2:focus:not(:focus-visible) { outline: none }
p, ul { margin: var(--_gs-space) 0 calc(var(--_gs-space) * 2); padding: 0; list-style: none }
a { color: var(--_gs-color-primary); text-underline-offset: 0.15em }
:host([contrast]) a, a:hover { text-decoration-thickness: 2px }
.close { padding: 0; background: none; border: 2px solid transparent; font-size: 1.5em; line-height: 1 }
.close:hover { border-color: var(--_gs-color-border) }
.retry { padding: 0.5em 1.25em; background: var(--_gs-color-primary); color: var(--_gs-color-on-primary); border: 2px solid var(--_gs-color-primary); font-weight: 600 }
@media (max-width: 30em), (max-height: 28em) { .fallback { inset: 0; width: auto; max-height: none; border: 0; border-radius: 0 } .launcher[aria-expanded='true'] { visibility: hidden } }
@media (forced-colors: active) { .launcher, .fallback { border: 2px solid CanvasText } }
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important } }
`;
