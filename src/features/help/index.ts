/**
 * gov-support-widget/help: the help search on the home view (the knowledge base's articles). The
 * panel loads this file once the home view is shown.
 */
import { defineElement } from '../../util/define.js';
import { registerFeatureFiles } from '../../i18n/localize.js';
import { GsHelpSearch } from './help-search.js';
import { helpTextFiles } from './texts/index.js';

registerFeatureFiles('help', helpTextFiles);
defineElement('gs-help-search', GsHelpSearch);

export { GsHelpSearch };
export type { HelpMessages } from './texts/index.js';
