import { z } from 'zod/mini';
import { OperatorRequestList, OperatorRequestQuery, OperatorRequestSummary } from '../../../src/protocol/operator.js';

/**
 * What the operator list adds to the contract of src/protocol/operator.ts: a sort order and a
 * text preview of each request's description. The server and the console both import it (the
 * contract's own schemas strip unknown keys); it belongs in src/protocol/operator.ts.
 */

/** `sort`: `created` (the default, newest first) or `due` (open requests by answer due date, soonest first; closed ones after). */
export const OPERATOR_LIST_SORTS = ['created', 'due'] as const;
export type OperatorListSort = (typeof OPERATOR_LIST_SORTS)[number];

/** `GET /operator/api/requests?q=&status=&page=&sort=`. */
export const OperatorRequestListQuery = z.extend(OperatorRequestQuery, {
  sort: z.optional(z.enum(OPERATOR_LIST_SORTS)),
});

/** Longest description preview, in characters (the ellipsis included). */
export const DESCRIPTION_PREVIEW_LENGTH = 140;

export const OperatorRequestListItem = z.extend(OperatorRequestSummary, {
  /** The description's start, whitespace collapsed, cut at a word with «…»: plain text. */
  descriptionPreview: z.string(),
});

export const OperatorRequestListPage = z.extend(OperatorRequestList, {
  items: z.array(OperatorRequestListItem),
});

/** The start of a description for a list: one line of plain text, at most `max` characters. */
export function descriptionPreview(description: string, max = DESCRIPTION_PREVIEW_LENGTH): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  // Never half of a surrogate pair (an emoji) at the cut.
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  const space = cut.lastIndexOf(' ');
  // At a word when there is one in the last third; a very long word is cut where it must be.
  return `${(space > max * 0.66 ? cut.slice(0, space) : cut).replace(/[\s,.;:—–-]+$/, '')}…`;
}
