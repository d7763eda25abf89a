import type { Kysely } from 'kysely';
import type { FiguresQuery, FiguresResponse } from '#protocol/figures.js';
import { callbackFacts } from '../callbacks/index.js';
import { chatFacts } from '../chat/index.js';
import type { Database } from '../database/schema.js';
import { visitFacts } from '../offices/index.js';
import { requestFacts } from '../requests/index.js';
import type { WorkingLine } from '../scheduling/working-time.js';
import { MOSCOW, MOSCOW_OFFSET_MS } from '../time.js';
import { computeFigures } from './compute.js';
import type { SurveyFact } from './facts.js';

const DAY = 86_400_000;

export interface FiguresServiceOptions {
  db: Kysely<Database>;
  /** The status vocabulary's final codes (a request is resolved when it first reaches one). */
  finalStatuses: readonly string[];
  /** The working hours of the request, callback and chat lines, with the holidays (docs: «Figures»). */
  lines: { request: WorkingLine; callback: WorkingLine; chat: WorkingLine };
  now: () => number;
  /** The answered surveys of a period (surveys/index.ts `surveyFacts`); none when absent. */
  surveys?: (fromIso: string, toIso: string) => Promise<readonly SurveyFact[]>;
}

export interface FiguresService {
  /** The figures of a period of Moscow days (the query validated), every group. */
  figures(query: Pick<FiguresQuery, 'from' | 'to' | 'groupBy'>): Promise<FiguresResponse>;
}

/** 00:00 Moscow time of a `YYYY-MM-DD` date, in ms (Moscow keeps UTC+3 all year). */
export const moscowMidnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`) - MOSCOW_OFFSET_MS;

export function createFiguresService(options: FiguresServiceOptions): FiguresService {
  const { db, finalStatuses, lines, now } = options;
  return {
    async figures(query) {
      const from = moscowMidnight(query.from);
      const to = moscowMidnight(query.to) + DAY;
      const fromIso = new Date(from).toISOString();
      const toIso = new Date(to).toISOString();
      // One after the other: SQLite has one connection, and PostgreSQL's pool is shared with the API.
      const requests = await requestFacts(db, fromIso, toIso, finalStatuses);
      const callbacks = await callbackFacts(db, fromIso, toIso);
      const chats = await chatFacts(db, fromIso, toIso);
      const visits = await visitFacts(db, fromIso, toIso);
      const surveys = options.surveys ? await options.surveys(fromIso, toIso) : [];
      const computed = computeFigures({
        from,
        to,
        asOf: Math.min(to, now()),
        groupBy: query.groupBy,
        lines,
        facts: { requests, callbacks, chats, visits },
        surveys,
      });
      return { from: query.from, to: query.to, groupBy: query.groupBy, timeZone: MOSCOW, ...computed };
    },
  };
}
