/**
 * Loads `<gs-office-map>` when the citizen opens the map, never before:
 * - in the script-tag build (`vite build --mode iife`) by adding
 *   `<script src="…/gov-support-widget-map.js">`, the file beside the main script (its URL is
 *   derived from the main script's own, captured while that script runs);
 * - everywhere else (the ES build in bundler apps, tests, Storybook) by `import()`, which the
 *   app's bundler makes a chunk of its own.
 * `setMapScriptUrl(url)` makes either build use that script instead. No eval, no inline script:
 * a CSP that allows the main script's host (or its nonce, copied over) allows the map file.
 * The promise rejects when the file cannot be loaded; the finder then keeps its list.
 */

import { defineElement } from '../../util/define.js';

const TAG = 'gs-office-map';

/**
 * Vite writes the build's mode over `import.meta.env.MODE`: in the script-tag build this is
 * `true` and the `import()` below is dead code, so the map never enters the main script.
 */
const SCRIPT_TAG_BUILD = (import.meta as ImportMeta & { env?: { MODE?: string } }).env?.MODE === 'iife';

/** The main script, captured while it runs (`currentScript` is null once it has finished). */
const mainScript = document.currentScript as HTMLScriptElement | null;

let scriptUrl: string | undefined;
let loading: Promise<void> | undefined;

/** `…/gov-support-widget.js?v=3` → `…/gov-support-widget-map.js?v=3`: the map file beside the main script. */
export const mapScriptUrlFor = (mainScriptUrl: string) => mainScriptUrl.replace(/\.js(?=$|[?#])/, '-map.js');

/** Where the map script is, for embed code that hosts the two files apart; `undefined` restores the default. */
export function setMapScriptUrl(url: string | undefined): void {
  scriptUrl = url;
}

/** Defines `<gs-office-map>` (once); resolves when it is defined, rejects when its file cannot be loaded. */
export function loadOfficeMap(): Promise<void> {
  if (customElements.get(TAG)) return Promise.resolve();
  return (loading ??= start().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

function start(): Promise<void> {
  // The script-tag build loads its sibling file unless told otherwise.
  if (SCRIPT_TAG_BUILD) return addScript(scriptUrl ?? mapScriptUrlFor(mainScript?.src ?? ''));
  // Defined here from the module's export, not by its side effect: package.json's `sideEffects`
  // lets a bundler drop a module's top-level code when nothing of it is used.
  return scriptUrl ? addScript(scriptUrl) : import('../../office-map.js').then((map) => defineElement(TAG, map.GsOfficeMap));
}

function addScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    const fail = () => {
      script.remove();
      reject(new Error(`${TAG}: ${src} not loaded`));
    };
    if (mainScript?.nonce) script.nonce = mainScript.nonce;
    script.onerror = fail;
    // A file that loads but defines nothing (a wrong URL answered with some other script) fails too.
    script.onload = () => customElements.get(TAG) || fail();
    void customElements.whenDefined(TAG).then(() => resolve());
    script.src = src;
    document.head.append(script);
  });
}
