import type { Booking } from '../../protocol/offices.js';
import { zonedParts } from '../../time/zoned.js';

/**
 * A booking as an iCalendar file (RFC 5545): one event at the office's wall-clock time with
 * its zone (TZID + a VTIMEZONE of the offset in force at the visit; Russian zones keep one
 * offset all year), the address, and the documents to bring.
 */

/** Text value escaping (RFC 5545 §3.3.11). */
const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

const utf8 = new TextEncoder();

/** Lines longer than 75 octets folded with CRLF + space, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8.encode(ch).length;
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 20260316T100000 in `timeZone`. */
function localStamp(instant: number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  const seconds = Math.floor((instant / 1000) % 60);
  return `${p.year}${pad(p.month)}${pad(p.day)}T${pad(Math.floor(p.minutes / 60))}${pad(p.minutes % 60)}${pad(seconds)}`;
}

/** 20260316T070000Z */
const utcStamp = (instant: number) => new Date(Math.floor(instant / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');

/** +0700: the zone's offset from UTC at `instant`. */
function offset(instant: number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day) + p.minutes * 60_000;
  const minutes = Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

export interface IcsTexts {
  /** SUMMARY. */
  title: string;
  /** DESCRIPTION (documents, the lateness rule). */
  description: string;
  /** DTSTAMP: when the file is made. */
  now: number;
}

export function bookingIcs(booking: Booking, texts: IcsTexts): string {
  const start = Date.parse(booking.start);
  const end = Date.parse(booking.end);
  const zone = booking.timeZone;
  const tzOffset = offset(start, zone);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//gov-support-widget//booking//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${tzOffset}`,
    `TZOFFSETTO:${tzOffset}`,
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${booking.number}@gov-support-widget`,
    `DTSTAMP:${utcStamp(texts.now)}`,
    `DTSTART;TZID=${zone}:${localStamp(start, zone)}`,
    `DTEND;TZID=${zone}:${localStamp(end, zone)}`,
    `SUMMARY:${escapeText(texts.title)}`,
    `LOCATION:${escapeText(`${booking.officeName}, ${booking.address}`)}`,
    `DESCRIPTION:${escapeText(texts.description)}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
