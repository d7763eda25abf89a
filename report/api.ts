import { ReportMonth, ReportMonths } from '../src/protocol/report.js';

/**
 * The report's two endpoints (src/protocol/report.ts), relative to the page at /report/, each
 * answer checked against its contract.
 */
export class ReportApiError extends Error {}

async function get<T>(path: string, schema: { parse(value: unknown): T }, signal?: AbortSignal): Promise<T> {
  const response = await fetch(new URL(path, document.baseURI), { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  if (!response.ok) throw new ReportApiError(`${response.status}`);
  return schema.parse(await response.json());
}

/** The published months, newest first. */
export const fetchMonths = (signal?: AbortSignal) => get('months', ReportMonths, signal).then((answer) => answer.months);

/** One published month's report. */
export const fetchMonth = (month: string, signal?: AbortSignal) => get(`months/${encodeURIComponent(month)}`, ReportMonth, signal);

/** The link to download a month's JSON (the same endpoint). */
export const monthJsonHref = (month: string) => `months/${encodeURIComponent(month)}`;
