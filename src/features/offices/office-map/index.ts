/**
 * gov-support-widget office map: defines `<gs-office-map>` (once, even if loaded twice).
 *
 * A file of its own: the office finder imports it when the citizen opens the map
 * (`loadOfficeMap()` in src/features/offices/office-map/load-office-map.ts), in the script tag's
 * build as in bundler apps. No Lit inside.
 */
import { GsOfficeMap } from './office-map.js';
import { defineElement } from '../../../util/define.js';

defineElement('gs-office-map', GsOfficeMap);

export { GsOfficeMap };
export { GsOfficeSelectEvent } from './office-select-event.js';
export type { OfficeMapLabels, OfficeMapMarker } from './office-map.js';
