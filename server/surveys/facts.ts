import type { Kysely } from 'kysely';
import type { ContactChannel, SurveyResolved } from '#protocol/quality.js';
import type { Database } from '../database/schema.js';

/** An answered survey as the supervisor's figures count it: no reference, no comment, nothing personal. */
export interface AnsweredSurveyFact {
  channel: ContactChannel;
  topic: string;
  operator: string | null;
  resolved: SurveyResolved;
  rating: number;
  answeredAt: string;
}

/** The surveys answered in [fromIso, toIso) (server/figures/ reads them through surveys/index.ts). */
export async function surveyFacts(db: Kysely<Database>, fromIso: string, toIso: string): Promise<AnsweredSurveyFact[]> {
  const rows = await db
    .selectFrom('surveys')
    .select(['channel', 'topic', 'operator', 'resolved', 'rating', 'answered_at'])
    .where('answered_at', '>=', fromIso)
    .where('answered_at', '<', toIso)
    .execute();
  return rows.flatMap((row) =>
    row.answered_at !== null && row.resolved !== null && row.rating !== null
      ? [{ channel: row.channel, topic: row.topic, operator: row.operator, resolved: row.resolved, rating: row.rating, answeredAt: row.answered_at }]
      : [],
  );
}
