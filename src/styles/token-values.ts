/**
 * The theme tokens as plain CSS text (no Lit), defined once: the Lit elements take them through
 * `unsafeCSS` in ./tokens.ts, the script tag's launcher puts them in its constructed stylesheet.
 * Public properties `--gs-*` are the theming API; the private `--_gs-*` fall back to the defaults.
 */

/** Dark-scheme values of the public tokens (forced by config, or following the system). */
const dark = `
  --gs-color-primary: #8cb4ff;
  --gs-color-primary-hover: #b3ceff;
  --gs-color-on-primary: #0b1220;
  --gs-color-bg: #14181f;
  --gs-color-surface: #1f2530;
  --gs-color-text: #eef1f5;
  --gs-color-text-muted: #b8c0cc;
  --gs-color-border: #7d8896;
  --gs-color-focus: #ffb55c;
  --gs-color-success: #6fd69a;
  --gs-color-danger: #ff9a92;
`;

/**
 * The whole token sheet: defaults on :host, dark (forced by config, or following the system when
 * the site chose 'auto'), and the high-contrast, large-text mode («версия для слабовидящих», black
 * on white, or white on black as the site chooses, as GOST R 52872 low-vision versions do), which
 * wins over site theming.
 * Text starts from the reader's own setting (`medium`: the browser's default size), and every
 * length that must grow with text is in em; the large-text mode is `x-large` (1.5 × that setting).
 * (No comments inside the CSS: this text ships as it is in the launcher.)
 */
export const tokenCss = `
  :host {
    --_gs-color-primary: var(--gs-color-primary, #0d4cd3);
    --_gs-color-primary-hover: var(--gs-color-primary-hover, #0a3aa3);
    --_gs-color-on-primary: var(--gs-color-on-primary, #ffffff);
    --_gs-color-bg: var(--gs-color-bg, #ffffff);
    --_gs-color-surface: var(--gs-color-surface, #f2f5f9);
    --_gs-color-text: var(--gs-color-text, #1b1f24);
    --_gs-color-text-muted: var(--gs-color-text-muted, #505a66);
    --_gs-color-border: var(--gs-color-border, #8a94a1);
    --_gs-color-focus: var(--gs-color-focus, #b25e00);
    --_gs-color-success: var(--gs-color-success, #0b6b2f);
    --_gs-color-danger: var(--gs-color-danger, #b3261e);
    --_gs-font-family: var(--gs-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --_gs-font-size: var(--gs-font-size, medium);
    --_gs-line-height: var(--gs-line-height, 1.5);
    --_gs-radius: var(--gs-radius, 12px);
    --_gs-radius-small: var(--gs-radius-small, 8px);
    --_gs-space: var(--gs-space, 0.5em);
    --_gs-shadow: var(--gs-shadow, 0 8px 32px rgb(16 24 40 / 0.24));
    --_gs-z-index: var(--gs-z-index, 2147483000);
    --_gs-focus-width: var(--gs-focus-width, 3px);
  }
  :host([scheme='dark']) {${dark}}
  @media (prefers-color-scheme: dark) {
    :host([scheme='auto']) {${dark}}
  }
  :host([contrast]) {
    --gs-color-primary: #000000 !important;
    --gs-color-primary-hover: #333333 !important;
    --gs-color-on-primary: #ffffff !important;
    --gs-color-bg: #ffffff !important;
    --gs-color-surface: #ffffff !important;
    --gs-color-text: #000000 !important;
    --gs-color-text-muted: #000000 !important;
    --gs-color-border: #000000 !important;
    --gs-color-focus: #0044ff !important;
    --gs-color-success: #005c1f !important;
    --gs-color-danger: #b00000 !important;
    --gs-font-size: x-large !important;
    --gs-line-height: 1.6 !important;
    --gs-focus-width: 4px !important;
    --gs-shadow: none !important;
  }
  :host([contrast][contrast-colors='white-on-black']) {
    --gs-color-primary: #ffffff !important;
    --gs-color-primary-hover: #dddddd !important;
    --gs-color-on-primary: #000000 !important;
    --gs-color-bg: #000000 !important;
    --gs-color-surface: #000000 !important;
    --gs-color-text: #ffffff !important;
    --gs-color-text-muted: #ffffff !important;
    --gs-color-border: #ffffff !important;
    --gs-color-focus: #ffd400 !important;
    --gs-color-success: #7cff8a !important;
    --gs-color-danger: #ff8f8f !important;
  }
`;
