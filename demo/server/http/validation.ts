import { z } from 'zod';
import type { FieldIssue } from '../../../src/protocol/error.js';

// The backend speaks the citizen's language: zod's built-in messages in Russian.
// The locale is global to zod (classic and mini share it), so this covers src/protocol schemas too.
z.config(z.locales.ru());

type Issue = { path: readonly PropertyKey[]; code: string; message: string };

/** A zod issue as the contract's FieldIssue: where, what, and a human text. */
export function toFieldIssue(issue: Issue): FieldIssue {
  return {
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    code: issue.code,
    message: issue.message,
  };
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
