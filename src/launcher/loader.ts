import type { PanelModule } from './bridge.js';

/**
 * Loads the panel module once. Each attempt is one promise, shared by everyone who asks while it
 * runs; a failed attempt (offline, blocked, 404, a loader that throws) is forgotten so that the
 * next call tries again. `load` comes from the entry and gets the attempt's number (0, 1, …):
 * a browser keeps a module URL that failed as failed until the page reloads, so a retry needs
 * a URL of its own (the script tag adds `?retry=N`).
 */
export function panelLoader(load: (attempt: number) => Promise<PanelModule>): () => Promise<PanelModule> {
  let attempt: Promise<PanelModule> | undefined;
  let count = 0;
  return () =>
    (attempt ??= new Promise<PanelModule>((resolve) => resolve(load(count++))).catch((error: unknown) => {
      attempt = undefined;
      throw error;
    }));
}
