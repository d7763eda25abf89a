import { unsafeCSS } from 'lit';
import { tokenCss } from './token-values.js';

/**
 * Design tokens. Public properties `--gs-*` are the theming API (set them on `gs-support-widget`
 * or any `gs-*` element); private `--_gs-*` are what the styles use, each falling back to a default.
 * Every element includes this sheet, so standalone elements are themed the same way; inside the
 * widget only the root carries `scheme` / `contrast`, and the children inherit the public values.
 * The values live in ./token-values.ts as plain CSS, shared with the script tag's launcher.
 */
export const tokens = unsafeCSS(tokenCss);
