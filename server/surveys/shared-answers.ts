import type { Kysely } from 'kysely';
import type { ContactChannel, SurveyResolved } from '#protocol/quality.js';
import type { Database } from '../database/schema.js';

/** An answered survey whose citizen agreed to show the operator whose it is (`shareWithOperator`). */
export interface SharedSurveyAnswer {
  /** The contact's reference (for a chat, its conversation id). */
  ref: string;
  resolved: SurveyResolved;
  rating: number;
  comment: string | null;
}

/**
 * The answered surveys of these contacts of one channel whose citizen agreed to share them, in no
 * particular order. An answer not shared is left out altogether, so that nothing ties it to its
 * contact (the operators see those only in the anonymous list). The chat's list of recently closed
 * conversations reads it through surveys/index.ts (wired in app.ts).
 */
export async function sharedSurveyAnswers(db: Kysely<Database>, channel: ContactChannel, refs: readonly string[]): Promise<SharedSurveyAnswer[]> {
  if (refs.length === 0) return [];
  const rows = await db
    .selectFrom('surveys')
    .select(['contact_ref', 'resolved', 'rating', 'comment'])
    .where('channel', '=', channel)
    .where('contact_ref', 'in', [...new Set(refs)])
    .where('share_with_operator', '=', 1)
    .where('answered_at', 'is not', null)
    .execute();
  return rows.flatMap((row) =>
    row.resolved !== null && row.rating !== null ? [{ ref: row.contact_ref, resolved: row.resolved, rating: row.rating, comment: row.comment }] : [],
  );
}
