import type { LoadLevel } from '../../../protocol/offices.js';

/**
 * Texts of the office finder and visit booking (a feature catalogue: it travels with the
 * `gov-support-widget/offices` entry, not with the main script). A missing key is a type error.
 */
export interface OfficeMessages {
  intro: string;
  demoData: string;
  search: string;
  region: string;
  anyRegion: string;
  city: string;
  anyCity: string;
  service: string;
  anyService: string;
  text: string;
  textHint: string;
  find: string;
  nearMe: string;
  locating: string;
  geoDenied: string;
  geoUnavailable: string;
  sortedByDistance: string;
  sortedByName: string;
  /** «Найдено 12 офисов». */
  found: (n: number) => string;
  none: string;
  loading: string;
  failed: string;
  cardFailed: string;
  retry: string;
  listView: string;
  mapView: string;
  mapFailed: string;
  mapLabel: string;
  zoomIn: string;
  zoomOut: string;
  tilesUnavailable: string;
  markerHint: string;
  /** The group of list/map/copy/print buttons. */
  listTools: string;
  copyTable: string;
  copied: string;
  copyFailed: string;
  printTable: string;
  tableCaption: string;
  columns: { name: string; address: string; phone: string; hours: string; load: string };
  distance: (km: string) => string;
  load: Record<LoadLevel, string>;
  wait: (minutes: number) => string;
  closedNoLoad: string;
  peakHours: (ranges: string) => string;
  stepFree: string;
  notStepFree: string;
  services: string;
  details: string;
  route: string;
  /** Route link text: «Маршрут в Яндекс Картах». */
  routeVia: (provider: string) => string;
  // Card
  back: string;
  schedule: string;
  loadByHour: string;
  loadChartHint: string;
  hourRange: (from: string, to: string) => string;
  percent: (n: number) => string;
  documentsFor: (service: string) => string;
  chooseServiceForDocuments: string;
  accessibility: string;
  book: string;
  // Booking
  bookTitle: string;
  step: (n: number, of: number) => string;
  stepService: string;
  /** What to do when a step's choice or a field is left empty (GOV.UK: «Select …», «Enter …»). */
  missing: { service: string; slot: string; name: string; phone: string; number: string };
  stepTime: string;
  stepContacts: string;
  day: string;
  time: string;
  noSlots: string;
  next: string;
  previous: string;
  name: string;
  nameHint: string;
  phone: string;
  phoneHint: string;
  email: string;
  emailHint: string;
  consent: string;
  submit: string;
  submitting: string;
  slotTaken: (when: string) => string;
  noLongerFree: string;
  bookInstead: (when: string) => string;
  offline: string;
  submitFailed: string;
  rateLimited: (seconds: number) => string;
  // Confirmation
  confirmed: string;
  number: string;
  when: string;
  where: string;
  bring: string;
  lateRule: (minutes: number) => string;
  addToCalendar: string;
  calendarTitle: (service: string) => string;
  cancelTitle: string;
  cancelHint: string;
  cancelNumber: string;
  cancelPhone: string;
  cancel: string;
  cancelled: string;
  notFound: string;
  pastVisit: string;
  another: string;
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    offices: OfficeMessages;
  }
}
