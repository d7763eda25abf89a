/**
 * The script-tag build: `<script src="…/gov-support-widget.js" data-backend="…" defer>`.
 * Defines the elements, reads the tag's data-* settings, exposes `window.GovSupport` and mounts
 * the widget at the end of <body> (unless `data-mount="manual"`). Loading it twice is harmless.
 * It sends no request and writes no storage until the citizen first opens the panel.
 */
import './index.js';
import { configFromDataset } from './config/attributes.js';
import { pageConfigStore } from './config/store.js';
import { createPageApi, type GovSupportApi } from './page-api.js';

declare global {
  interface Window {
    GovSupport?: GovSupportApi;
  }
}

const LOADED = Symbol.for('gov-support-widget.loaded');

function bootstrap(script: HTMLScriptElement | null): void {
  const win = window as Window & { [LOADED]?: boolean };
  if (win[LOADED]) return;
  win[LOADED] = true;

  const dataset = script?.dataset ?? {};
  const layer = configFromDataset(dataset);
  // Without data-backend, the backend is where the script came from.
  if (layer.backend === undefined && script?.src) layer.backend = new URL(script.src, location.href).origin;
  pageConfigStore.set('attributes', layer);

  const api = createPageApi(pageConfigStore);
  window.GovSupport = api;

  if (dataset.mount === 'manual') return;
  if (document.body) api.mount();
  else document.addEventListener('DOMContentLoaded', () => api.mount(), { once: true });
}

try {
  bootstrap(document.currentScript instanceof HTMLScriptElement ? document.currentScript : null);
} catch (error) {
  console.error('[gov-support-widget]', error);
}
