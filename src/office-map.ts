/**
 * gov-support-widget office map: defines `<gs-office-map>` (once, even if loaded twice).
 *
 * Not part of the main script: the office finder loads it when the citizen opens the map
 * (`loadOfficeMap()` in src/components/office-map/load-office-map.ts). In bundler apps that is a
 * dynamic import (a chunk of its own); the script-tag build ships it as
 * `dist/gov-support-widget-map.js` beside `dist/gov-support-widget.js`. No Lit inside.
 */
import { GsOfficeMap } from './components/office-map/office-map.js';
import { defineElement } from './util/define.js';

defineElement('gs-office-map', GsOfficeMap);

export { GsOfficeMap };
export { GsOfficeSelectEvent } from './components/office-map/office-select-event.js';
export type { OfficeMapLabels, OfficeMapMarker } from './components/office-map/office-map.js';
