import { z } from 'zod';
import type { FieldIssue } from '#protocol/error.js';
import { FIELD_ERROR_KEYS, fieldErrorKey, issueLimits, type FieldErrorKey } from '#protocol/field-errors.js';
import { ru } from '#i18n/ru.js';

// zod's built-in messages in Russian: the fallback text of issues our keys do not describe well
// (a number out of range, an array too short) and of the widget-config errors at start-up.
// The locale is global to zod (classic and mini share it), so this covers src/protocol schemas too.
z.config(z.locales.ru());

/** A zod issue, as far as the mapping needs it. */
export type Issue = Parameters<typeof fieldErrorKey>[0] & { path: readonly PropertyKey[] };

const KEYS = new Set<string>(FIELD_ERROR_KEYS);

/**
 * A zod issue as the contract's FieldIssue: where (`path`), why (`code`, a FieldErrorKey of
 * src/protocol/field-errors.ts that the widget shows in its own language) and the Russian text
 * of that key (`ru.fieldErrors`, with `{min}`/`{max}` filled in).
 *
 * Parse with `{ reportInput: true }`: without the input, zod's issues cannot tell "missing" from
 * "wrong type" and every such issue would map to `required`.
 */
export function toFieldIssue(issue: Issue): FieldIssue {
  const code = fieldErrorKey(issue);
  return {
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    code,
    message: fieldIssueMessage(code, issue),
  };
}

/** The Russian text for `key`; zod's own Russian message where the key's text would not fit. */
export function fieldIssueMessage(key: FieldErrorKey, issue: Issue): string {
  // "не меньше {min} символов" speaks of text: a number or a list out of range keeps zod's words.
  // A refinement that explains itself in Russian («Конец периода раньше его начала» of the
  // figures' period) keeps its words rather than the bare «Проверьте это поле».
  if (key === 'invalid' && issue.code === 'custom' && issue.message && !KEYS.has(issue.message) && /[А-Яа-яЁё]/.test(issue.message)) return issue.message;
  const lengthKey = key === 'too_short' || key === 'too_long';
  if (lengthKey && issue.origin !== undefined && issue.origin !== 'string') return fallback(issue);

  const limits = issueLimits(issue);
  let unfilled = false;
  const text = ru.fieldErrors[key].replace(/\{(min|max)\}/g, (_match, name: 'min' | 'max') => {
    const value = limits[name];
    if (value === undefined) unfilled = true;
    return String(value);
  });
  return unfilled ? fallback(issue) : text;
}

function fallback(issue: Issue): string {
  return issue.message && !KEYS.has(issue.message) ? issue.message : ru.fieldErrors.invalid;
}

/** `contacts.phones[0].number` — a zod path as people read it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}
