/**
 * gov-support-widget/status: «Статус обращения», the status lookup with live updates. The panel
 * loads this file when the citizen opens the lookup (or follows a tracking link).
 */
import { GsStatusLookup } from './status-lookup.js';
import { defineElement } from '../../util/define.js';
import { registerFeatureFiles } from '../../i18n/localize.js';
import { statusTextFiles } from './texts/index.js';

registerFeatureFiles('status', statusTextFiles);
defineElement('gs-status-lookup', GsStatusLookup);

export { GsStatusLookup };
