/**
 * gov-support-widget/offices: the office finder and visit booking. Not part of the script-tag
 * bundle yet: with them inside, `dist/gov-support-widget.js` would exceed its size budget (see
 * README, «Офисы»). The map is a separate module loaded only when the map view opens.
 */
import { GsOfficeBooking } from './components/office-finder/office-booking.js';
import { GsOfficeCard } from './components/office-finder/office-card.js';
import { GsOfficeFinder } from './components/office-finder/office-finder.js';
import { defineElement } from './util/define.js';

defineElement('gs-office-finder', GsOfficeFinder);
defineElement('gs-office-card', GsOfficeCard);
defineElement('gs-office-booking', GsOfficeBooking);

export { GsOfficeBooking, GsOfficeCard, GsOfficeFinder };
export type { OfficeMessages } from './i18n/offices/index.js';
export { bookingIcs } from './components/office-finder/booking-ics.js';
