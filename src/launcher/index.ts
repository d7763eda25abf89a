/**
 * The launcher for bundler apps (`gov-support-widget/launcher`): the same button, page API and
 * lazy panel as the script tag, started with the app's own way of loading the panel:
 * `startLauncher({ loadPanel: () => import('gov-support-widget/panel') })`.
 */
export { startLauncher } from './start.js';
export { GsLauncher, type LauncherOptions } from './launcher-element.js';
export type { LauncherApi } from './page-api.js';
export type { LauncherBridge, LauncherSettings, PanelHandle, PanelModule, QueuedCall } from './bridge.js';
