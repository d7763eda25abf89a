import type { Db } from '../db.js';
import { moscowYear } from '../time.js';

type Part = { kind: 'text'; text: string } | { kind: 'year' } | { kind: 'seq'; width: number };

/** A parsed REQUEST_NUMBER_FORMAT. */
export interface NumberFormat {
  readonly source: string;
  /** True when numbers carry the year, so that the sequence starts again each year. */
  readonly perYear: boolean;
  /** The number for sequence `seq` of Moscow year `year`. */
  format(year: number, seq: number): string;
}

const TOKEN = /\{(year|seq)(?::(\d{1,2}))?\}/g;
const LITERAL = /^[A-Za-z0-9._-]*$/;

/**
 * Parses a request number format: literal letters, digits, `-`, `_`, `.` and the tokens `{year}`
 * (the Moscow year of registration) and `{seq}` / `{seq:N}` (the sequence number, zero-padded to
 * N digits). `{seq}` is required; with `{year}` the sequence starts at 1 each year.
 * `{year}-{seq:6}` → 2026-000123; `МФЦ` is refused (numbers appear in URLs and SMS).
 */
export function parseNumberFormat(source: string): NumberFormat {
  const parts: Part[] = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    if (match.index > last) parts.push({ kind: 'text', text: source.slice(last, match.index) });
    if (match[1] === 'year') {
      if (match[2] !== undefined) throw new Error(`REQUEST_NUMBER_FORMAT "${source}": {year} takes no width`);
      parts.push({ kind: 'year' });
    } else {
      const width = match[2] === undefined ? 1 : Number(match[2]);
      if (width < 1 || width > 12) throw new Error(`REQUEST_NUMBER_FORMAT "${source}": {seq:N} needs N from 1 to 12`);
      parts.push({ kind: 'seq', width });
    }
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });

  for (const part of parts) {
    if (part.kind === 'text' && !LITERAL.test(part.text)) {
      throw new Error(
        `REQUEST_NUMBER_FORMAT "${source}": only Latin letters, digits, "-", "_", "." and the tokens {year}, {seq}, {seq:N} are allowed`,
      );
    }
  }
  const seqCount = parts.filter((p) => p.kind === 'seq').length;
  const yearCount = parts.filter((p) => p.kind === 'year').length;
  if (seqCount !== 1) throw new Error(`REQUEST_NUMBER_FORMAT "${source}": needs exactly one {seq} (e.g. {year}-{seq:6})`);
  if (yearCount > 1) throw new Error(`REQUEST_NUMBER_FORMAT "${source}": {year} may appear once`);

  return {
    source,
    perYear: yearCount === 1,
    format(year, seq) {
      return parts
        .map((part) => {
          if (part.kind === 'text') return part.text;
          if (part.kind === 'year') return String(year);
          return String(seq).padStart(part.width, '0');
        })
        .join('');
    },
  };
}

/**
 * Gives out the next request number for the Moscow year of `now`. Call inside the transaction
 * that stores the request: the counter and the request commit (or roll back) together.
 */
export function allocateNumber(db: Db, format: NumberFormat, now: number): string {
  const year = moscowYear(now);
  const scope = format.perYear ? year : 0;
  const seq = db
    .prepare(
      `INSERT INTO request_sequences (scope, last) VALUES (?, 1)
       ON CONFLICT (scope) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .pluck()
    .get(scope) as number;
  return format.format(year, seq);
}
