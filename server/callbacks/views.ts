import { CALLBACK_STATUS_PREFIX, isCallbackStatusCode, type CallbackStatus, type CallbackView, type OperatorCallback } from '#protocol/callback.js';
import type { RequestStatusView } from '#protocol/status.js';
import type { CallbackHistoryRow, CallbackRow } from './store.js';

export { CALLBACK_STATUS_PREFIX, isCallbackStatusCode };
export const statusCode = (status: CallbackStatus) => `${CALLBACK_STATUS_PREFIX}${status}`;

/** +79123456789 → +7 (912) ***-**-89: enough to recognise one's own number, not to call it. */
export function maskPhone(phone: string): string {
  const d = phone.slice(2);
  return `+7 (${d.slice(0, 3)}) ***-**-${d.slice(8, 10)}`;
}

/** Still waiting for a call (scheduled or after «no answer»). */
export const isOpenCallback = (row: Pick<CallbackRow, 'status'>) => row.status === 'scheduled' || row.status === 'no_answer';

/** What the citizen may see of a callback. */
export function callbackView(row: CallbackRow): CallbackView {
  return {
    number: row.number,
    status: row.status,
    asap: row.asap === 1,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    topic: row.topic,
    ...(row.request_number ? { requestNumber: row.request_number } : {}),
    phoneMasked: maskPhone(row.phone),
    createdAt: row.created_at,
    attempts: row.attempts,
  };
}

/**
 * A callback as the status lookup shows it: its `callback_*` status, the window's end as the due
 * date, overdue while still waiting past it, and the history of its statuses with the server's
 * own comments (operators' notes never).
 */
export function callbackStatusView(row: CallbackRow, history: CallbackHistoryRow[], now: number): RequestStatusView {
  const events = history.map((entry) => ({ status: statusCode(entry.status), at: entry.at, ...(entry.comment ? { comment: entry.comment } : {}) }));
  return {
    number: row.number,
    status: statusCode(row.status),
    statusChangedAt: events.at(-1)?.at ?? row.created_at,
    createdAt: row.created_at,
    answerDueAt: row.window_end,
    overdue: isOpenCallback(row) && now > Date.parse(row.window_end),
    history: events,
  };
}

/** Everything the operator needs to make the call, with the whole history and notes. */
export function operatorCallbackView(row: CallbackRow, history: CallbackHistoryRow[]): OperatorCallback {
  return {
    ...callbackView(row),
    phone: row.phone,
    name: row.name,
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.conversation_ref ? { conversationRef: row.conversation_ref } : {}),
    ...(row.status === 'no_answer' && row.retry_at ? { retryAt: row.retry_at } : {}),
    history: history.map((entry) => ({
      status: entry.status,
      at: entry.at,
      ...(entry.operator ? { operator: entry.operator } : {}),
      ...(entry.note ? { note: entry.note } : entry.comment ? { note: entry.comment } : {}),
    })),
  };
}
