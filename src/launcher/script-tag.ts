/**
 * The script-tag entry (`dist/gov-support-widget.js`, a classic IIFE):
 * `<script src="…/gov-support-widget.js" data-backend="…" defer>`. Only the launcher runs on
 * page load; the panel file is found beside this script (another origin works: a CDN or the
 * backend) and fetched at the first sign of intent.
 */
import type { PanelModule } from './bridge.js';
import { report } from './report.js';
import { startLauncher } from './start.js';

/** The panel file's path relative to this script, with its content hash: set by the build. */
declare const __GS_PANEL_FILE__: string;

try {
  // Only known while this script first runs.
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src ? new URL(script.src, location.href) : undefined;
  const panelUrl = new URL(__GS_PANEL_FILE__, src ?? location.href).href;
  startLauncher({
    // A retry gets a URL of its own: the browser keeps a failed module URL failed. A nonce on the
    // script tag carries to what this import() fetches and to everything that imports in turn
    // (HTML's descendant script fetch options): a nonce-only CSP needs nothing more.
    loadPanel: (attempt) => import(/* @vite-ignore */ attempt ? `${panelUrl}?retry=${attempt}` : panelUrl) as Promise<PanelModule>,
    dataset: { ...script?.dataset },
    scriptOrigin: src?.origin,
  });
} catch (error) {
  report(error);
}
