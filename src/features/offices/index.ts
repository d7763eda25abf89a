/**
 * gov-support-widget/offices: «Офисы», the office finder and visit booking. The panel loads
 * this file when the citizen opens the view; the map is a file of its own, loaded only when the
 * map opens.
 */
import { GsOfficeBooking } from './office-booking.js';
import { GsOfficeCard } from './office-card.js';
import { GsOfficeFinder } from './office-finder.js';
import { defineElement } from '../../util/define.js';
import { GsErrorSummary } from '../../shared/error-summary.js';
import { registerFeatureFiles } from '../../i18n/localize.js';
import { officeTextFiles } from './texts/index.js';

registerFeatureFiles('offices', officeTextFiles);
defineElement('gs-error-summary', GsErrorSummary);
defineElement('gs-office-finder', GsOfficeFinder);
defineElement('gs-office-card', GsOfficeCard);
defineElement('gs-office-booking', GsOfficeBooking);

export { GsOfficeBooking, GsOfficeCard, GsOfficeFinder };
export type { OfficeMessages } from './texts/index.js';
export { bookingIcs } from './booking-ics.js';
