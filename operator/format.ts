import { messages } from './messages.js';

const moscow = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** «16.03.2026, 12:00 МСК»: every time in the console is Moscow time, labelled. */
export function moscowTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${moscow.format(date)} ${messages.timeZone}`;
}

/** Abbreviations the console's operators know; other zones get Intl's own («GMT+5»). */
const ZONE_ABBREVIATIONS: Record<string, string> = { 'Europe/Moscow': messages.timeZone };

/** The zone's short name at `at`: «МСК» for Moscow, otherwise «GMT+5» and the like. */
export function zoneAbbreviation(timeZone: string, at = new Date()): string {
  const known = ZONE_ABBREVIATIONS[timeZone];
  if (known) return known;
  try {
    const part = new Intl.DateTimeFormat('ru-RU', { timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

function parts(date: Date, timeZone: string): { day: string; time: string } {
  try {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
    const time = new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit' }).format(date);
    return { day, time };
  } catch {
    return parts(date, 'Europe/Moscow');
  }
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function dayIn(timeZone: string, at = new Date()): string {
  return parts(at, timeZone).day;
}

/** «16.03.2026» from «2026-03-16» (anything else as given). */
export function dayLabel(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : day;
}

/**
 * A wall-clock time in the line's zone, labelled: «11:00 МСК»; with the date in front when it
 * falls on another day than `day` (the queue's): «17.03.2026, 11:00 МСК».
 */
export function zonedTime(iso: string, timeZone: string, day?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = parts(date, timeZone);
  const prefix = day !== undefined && p.day !== day ? `${dayLabel(p.day)}, ` : '';
  return `${prefix}${p.time} ${zoneAbbreviation(timeZone, date)}`;
}

/** «11:00–11:30 МСК» (the start's date in front when it is not `day`). */
export function zonedRange(startIso: string, endIso: string, timeZone: string, day?: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso}–${endIso}`;
  const s = parts(start, timeZone);
  const e = parts(end, timeZone);
  const prefix = day !== undefined && s.day !== day ? `${dayLabel(s.day)}, ` : '';
  const endText = e.day === s.day ? e.time : `${dayLabel(e.day)}, ${e.time}`;
  return `${prefix}${s.time}–${endText} ${zoneAbbreviation(timeZone, start)}`;
}

/** A Russian number for reading and dialling: «+7 (912) 345-67-89»; anything else as given. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits.length === 10 ? digits : '';
  if (!national) return phone;
  return `+7 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`;
}

/** The tel: URL of a phone: «tel:+79123456789». */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits.length === 10 ? digits : '';
  return national ? `tel:+7${national}` : `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** The mailto: URL of an address; the parts around «@» encoded, so `?`, `#` or `&` in them stay part of the address. */
export function mailtoHref(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return `mailto:${encodeURIComponent(email)}`;
  return `mailto:${encodeURIComponent(email.slice(0, at))}@${encodeURIComponent(email.slice(at + 1))}`;
}

/**
 * A date and a wall-clock time the citizen gave (a fraud report's incident: no zone), in the
 * console's one format: «01.03.2026, 14:30», or the date alone.
 */
export function dayAndTime(day: string | undefined, time: string | undefined): string {
  return [day ? dayLabel(day) : '', time ?? ''].filter(Boolean).join(', ');
}
