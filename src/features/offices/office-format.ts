import { describeOpenState, zoneLabel } from '../../i18n/format.js';
import type { Messages } from '../../i18n/messages.js';
import type { OfficeMessages } from './texts/index.js';
import type { Locale, WeeklyHours } from '../../protocol/config.js';
import type { OfficeSummary } from '../../protocol/offices.js';
import { groupWeek, openState } from '../../time/business-hours.js';
import { safeHref } from '../../util/links.js';

/** How an office reads in the list, the card and the copied table. */

/** «Сейчас открыто, до 20:00 GMT+7» in the office's own zone. */
export function openLine(office: Pick<OfficeSummary, 'hours' | 'timeZone'>, now: number, locale: Locale, msg: Messages): string {
  return describeOpenState(openState(office.hours, now), now, office.timeZone, locale, msg);
}

/** «Загруженность низкая, ожидание около 5 минут» (or why none is shown). */
export function loadLine(office: Pick<OfficeSummary, 'load'>, om: OfficeMessages): string {
  return office.load ? `${om.load[office.load.level]}, ${om.wait(office.load.waitMinutes)}` : om.closedNoLoad;
}

/** The week as rows: «Пн–Пт» → «08:00–20:00» / «выходной». */
export function scheduleRows(hours: WeeklyHours, msg: Messages): { days: string; hours: string }[] {
  return groupWeek(hours).map(({ days, ranges }) => {
    const first = msg.time.weekdaysShort[days[0]!];
    return {
      days: days.length === 1 ? first : `${first}–${msg.time.weekdaysShort[days[days.length - 1]!]}`,
      hours: ranges.length ? ranges.map((r) => `${r.from}–${r.to}`).join(', ') : msg.contacts.dayOff,
    };
  });
}

/** «Пн–Пт 08:00–20:00; Сб 09:00–17:00; Вс выходной (GMT+7)». */
export function scheduleText(office: Pick<OfficeSummary, 'hours' | 'timeZone'>, locale: Locale, msg: Messages): string {
  const rows = scheduleRows(office.hours, msg).map((r) => `${r.days} ${r.hours}`);
  return `${rows.join('; ')} (${zoneLabel(office.timeZone, locale, msg)})`;
}

/** Route providers used when config names none. */
export const DEFAULT_ROUTES: readonly { name: string; url: string }[] = [
  { name: 'Яндекс Карты', url: 'https://yandex.ru/maps/?rtext=~{lat},{lon}&rtt=auto' },
  { name: '2ГИС', url: 'https://2gis.ru/routeSearch/rsType/car/to/{lon},{lat}' },
  { name: 'OpenStreetMap', url: 'https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}' },
];

/** Route links for an office (http(s) only). */
export function routeLinks(office: Pick<OfficeSummary, 'lat' | 'lon'>, routes: readonly { name: string; url: string }[] = DEFAULT_ROUTES) {
  return routes
    .map((r) => ({ name: r.name, href: safeHref(r.url.replaceAll('{lat}', String(office.lat)).replaceAll('{lon}', String(office.lon))) }))
    .filter((r): r is { name: string; href: string } => r.href !== undefined && /^https?:/.test(r.href));
}

/** A km distance as people read it: «0,8», «12». */
export function formatKm(km: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}
