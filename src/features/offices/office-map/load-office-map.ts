/**
 * Loads `<gs-office-map>` when the citizen opens the map, never before: an `import()` of the map
 * module, a file of its own in every build (a chunk beside the offices file in the script-tag
 * build, a chunk of the app's bundler elsewhere). The promise rejects when the file cannot be
 * loaded (the finder then keeps its list); the next call tries again.
 */
import { defineElement } from '../../../util/define.js';

const TAG = 'gs-office-map';

let loading: Promise<void> | undefined;

type MapModule = typeof import('./index.js');

/** Defines `<gs-office-map>` (once); resolves when it is defined, rejects when its file cannot be loaded. */
export function loadOfficeMap(importMap: () => Promise<MapModule> = () => import('./index.js')): Promise<void> {
  if (customElements.get(TAG)) return Promise.resolve();
  // Defined here from the module's export, not by its side effect: package.json's `sideEffects`
  // lets a bundler drop a module's top-level code when nothing of it is used.
  return (loading ??= importMap().then(
    (map) => defineElement(TAG, map.GsOfficeMap),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}
