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
  'name',
  'phone',
  'email',
  'email_required',
  'snils',
  'inn',
  'service_number',
  'request_number',
  'slot_required',
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
  path?: readonly PropertyKey[];
  code: string;
  message: string;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
}

const KEYS = new Set<string>(FIELD_ERROR_KEYS);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * The key for a zod issue: our own refinements carry it as their message, the server's issues
 * as their code. Pass the parsed `body` so that an empty or missing value reads as «required»
 * (zod leaves the input out of its issues).
 */
export function fieldErrorKey(issue: ZodLikeIssue, body?: unknown): FieldErrorKey {
  if (KEYS.has(issue.message)) return issue.message as FieldErrorKey;
  if (KEYS.has(issue.code)) return issue.code as FieldErrorKey;
  const value = 'input' in issue ? issue.input : body !== undefined ? valueAt(body, issue.path ?? []) : undefined;
  const missing = value === undefined || value === null || value === '';
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value':
      if (missing) return 'required';
      return issue.code === 'invalid_type' ? 'invalid' : 'invalid_choice';
    case 'too_small':
      return missing || (issue.origin === 'string' && issue.minimum === 1) ? 'required' : 'too_short';
    case 'too_big':
      return issue.origin === 'array' ? 'too_many_files' : 'too_long';
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
