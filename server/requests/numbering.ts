import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
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
 * that stores the request (`trx`): the counter and the request commit (or roll back) together.
 * One upsert that bumps the counter and returns it: on PostgreSQL the row of the scope stays
 * locked until that transaction ends, so concurrent creates get distinct numbers on both databases.
 */
export async function allocateNumber(trx: Kysely<Database>, format: NumberFormat, now: number): Promise<string> {
  const year = moscowYear(now);
  const scope = format.perYear ? year : 0;
  const { last } = await trx
    .insertInto('request_sequences')
    .values({ scope, last: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ last: (eb) => eb('request_sequences.last', '+', 1) }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return format.format(year, last);
}
