/**
 * Why a field was refused, as a stable key. The widget shows its own text for the key in the
 * citizen's language; the server sends the key as the FieldIssue `code` with a Russian message.
 */
export const FIELD_ERROR_KEYS = [
  'required',
  'too_short',
  'too_long',
  'invalid_choice',
  'full_name',
  'phone',
  'email',
  'email_required',
  'snils',
  'inn',
  'service_number',
  'date',
  'date_future',
  'time',
  'link',
  'too_many_links',
  'consent',
  'too_many_files',
  'file_unknown',
  'invalid',
] as const;
export type FieldErrorKey = (typeof FIELD_ERROR_KEYS)[number];

interface ZodLikeIssue {
  code: string;
  message: string;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
}

const KEYS = new Set<string>(FIELD_ERROR_KEYS);

/** The key for a zod issue: our own refinements carry it as their message. */
export function fieldErrorKey(issue: ZodLikeIssue): FieldErrorKey {
  if (KEYS.has(issue.message)) return issue.message as FieldErrorKey;
  if (issue.input === undefined || issue.input === null) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === '' ? 'required' : 'invalid';
    case 'too_small':
      return issue.input === '' || (issue.origin === 'string' && issue.minimum === 1) ? 'required' : 'too_short';
    case 'too_big':
      return issue.origin === 'array' ? 'too_many_files' : 'too_long';
    case 'invalid_value':
      return 'invalid_choice';
    case 'invalid_format':
      return issue.format === 'email' ? 'email' : 'invalid';
    default:
      return 'invalid';
  }
}

/** `{min}` / `{max}` of a length issue, for messages such as «не короче {min} символов». */
export function issueLimits(issue: ZodLikeIssue): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  if (typeof issue.minimum === 'number') out.min = issue.minimum;
  if (typeof issue.maximum === 'number') out.max = issue.maximum;
  return out;
}
