import type { Kysely } from 'kysely';
import type { ContactChannel } from '#protocol/quality.js';
import type { Database } from '../database/schema.js';

/** One topic's latest answers: their ratings, newest first. Nothing else of the answers. */
export interface TopicRatings {
  channel: ContactChannel;
  topic: string;
  ratings: number[];
}

/**
 * The ratings of the last `perTopic` surveys answered in [sinceIso, toIso] of every channel and
 * topic that has any, newest first (by answer time, then by row): one statement, a window function
 * that both databases run. The supervisor's alerts read it through surveys/index.ts.
 */
export async function latestRatings(db: Kysely<Database>, sinceIso: string, toIso: string, perTopic: number): Promise<TopicRatings[]> {
  const ranked = db
    .selectFrom('surveys')
    .select((eb) => [
      'channel',
      'topic',
      'rating',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy(['channel', 'topic']).orderBy('answered_at', 'desc').orderBy('id', 'desc'))
        .as('rank'),
    ])
    .where('answered_at', 'is not', null)
    .where('answered_at', '>=', sinceIso)
    .where('answered_at', '<=', toIso);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select(['r.channel', 'r.topic', 'r.rating', 'r.rank'])
    .where('r.rank', '<=', perTopic)
    .orderBy('r.channel')
    .orderBy('r.topic')
    .orderBy('r.rank')
    .execute();
  const topics: TopicRatings[] = [];
  for (const row of rows) {
    const last = topics[topics.length - 1];
    if (row.rating === null) continue;
    if (last && last.channel === row.channel && last.topic === row.topic) last.ratings.push(row.rating);
    else topics.push({ channel: row.channel, topic: row.topic, ratings: [row.rating] });
  }
  return topics;
}
