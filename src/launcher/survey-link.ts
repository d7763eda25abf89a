/**
 * The survey link of the e-mails and SMS (`<site page>#gs-survey=<token>`, made by
 * server/surveys/messages.ts): a fragment, so the token never reaches the site's server logs.
 * The launcher reads it (it imports no zod): `gs-survey` is SURVEY_LINK_PARAM of protocol/quality.ts.
 */
export const SURVEY_PARAM = 'gs-survey';

/** A survey token's shape: `<channel>.<base64url of the reference>.<22-character MAC>` (server/surveys/token.ts). */
const TOKEN = /^(request|callback|visit|chat)\.[\w-]{1,160}\.[\w-]{22}$/;

/**
 * The survey token of a location's fragment (`#gs-survey=…`), when it has the shape of one and at
 * most 200 characters (SURVEY_TOKEN_MAX); anything else is not looked up at all.
 */
export function surveyTokenIn(hash: string): string | undefined {
  const token = new URLSearchParams(hash.slice(1)).get(SURVEY_PARAM)?.trim();
  return token && token.length <= 200 && TOKEN.test(token) ? token : undefined;
}
