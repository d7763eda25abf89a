/**
 * gov-support-widget office map: defines `<gs-office-map>` (once, even if loaded twice).
 *
 * A file of its own: the office finder imports it when the citizen opens the map
 * (`loadOfficeMap()` in src/components/office-map/load-office-map.ts), in the script tag's
 * build as in bundler apps. No Lit inside.
 */
import { GsOfficeMap } from './components/office-map/office-map.js';
import { defineElement } from './util/define.js';

defineElement('gs-office-map', GsOfficeMap);

export { GsOfficeMap };
export { GsOfficeSelectEvent } from './components/office-map/office-select-event.js';
export type { OfficeMapLabels, OfficeMapMarker } from './components/office-map/office-map.js';
