import { z } from 'zod/mini';
import { ApiClient, ApiRequestError } from '../src/api/client.js';
import { StatusDefinition } from '../src/protocol/status.js';
import { OperatorRequestDetail, OperatorRequestList as OperatorRequestListSchema, OperatorSession, type OperatorListSort } from '../src/protocol/operator.js';
import { isCallbackStatusCode, OperatorCallback as OperatorCallbackSchema, OperatorCallbackList, type CALLBACK_OUTCOMES, type CallbackStatus } from '../src/protocol/callback.js';
import { OfficeCatalogue, OperatorBookingList, type BOOKING_STATUSES } from '../src/protocol/offices.js';
import type { ReviewOutcome } from '../src/protocol/review.js';
import { FiguresResponse, type FiguresGrouping } from '../src/protocol/figures.js';
import { OperatorSurveyList, type ContactChannel } from '../src/protocol/quality.js';
import { Alert, AlertList, AlertRulesView, type AlertRules } from '../src/protocol/alerts.js';
import { messages } from './messages.js';

export type OperatorSession = z.infer<typeof OperatorSession>;
/** A page of the list, each item with its description preview. */
export type OperatorRequestList = z.infer<typeof OperatorRequestListSchema>;
export type OperatorRequestDetail = z.infer<typeof OperatorRequestDetail>;
export type OperatorRequestSummary = OperatorRequestList['items'][number];
export type OperatorHistoryEntry = OperatorRequestDetail['history'][number];
export type OperatorRequestStages = OperatorRequestDetail['stages'];
export type OperatorCallback = z.infer<typeof OperatorCallbackSchema>;
export type OperatorCallbackList = z.infer<typeof OperatorCallbackList>;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export type OperatorBookingList = z.infer<typeof OperatorBookingList>;
export type OperatorBooking = OperatorBookingList['items'][number];
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface BookingQuery {
  /** An office id; absent = the first office of the list. */
  office?: string;
  /** YYYY-MM-DD in the office's zone; absent = today there. */
  date?: string;
}

export type { FiguresResponse, FiguresGrouping, OperatorSurveyList, ContactChannel };
export type FiguresGroup = FiguresResponse['groups'][number];
export type FigureSet = FiguresResponse['totals'];
export type QueueCell = FiguresResponse['queueWait']['chat'][number];
export type OperatorSurveyAnswer = OperatorSurveyList['items'][number];

/** The figures of a period: Moscow days `from`–`to` inclusive (YYYY-MM-DD), grouped. */
export interface FiguresQuery {
  from: string;
  to: string;
  groupBy: FiguresGrouping;
}

/** The survey answers: by channel and answer date (Moscow, inclusive); absent = all. */
export interface SurveyQuery {
  channel?: ContactChannel;
  from?: string;
  to?: string;
  page?: number;
}

export interface CallbackQuery {
  /** YYYY-MM-DD in the line's zone; absent = today there. */
  date?: string;
  status?: CallbackStatus;
}

/** Every state-changing call carries it: the server refuses POST/DELETE without it (CSRF). */
export const CSRF_HEADER = { 'X-Requested-With': 'gs-operator' } as const;

const ChatTicket = z.object({ ticket: z.string(), expiresAt: z.string() });
const StatusesOnly = z.object({ statuses: z.array(StatusDefinition) });
const Anything = z.unknown();

export interface ListQuery {
  q?: string;
  status?: string;
  /** Absent = newest first. */
  sort?: OperatorListSort;
  page?: number;
}

/**
 * The operator API over the widget's ApiClient (same-origin cookies, zod at the edge).
 * A 401 on any call but the login itself calls `onUnauthorized` (the console goes back to login).
 */
export class OperatorApi {
  private readonly client: ApiClient;

  constructor(
    baseUrl = '',
    private readonly onUnauthorized: () => void = () => {},
  ) {
    this.client = new ApiClient(baseUrl);
  }

  login(token: string, operatorName: string): Promise<OperatorSession> {
    return this.client.send('POST', '/operator/api/session', { token, operatorName }, OperatorSession, { headers: { ...CSRF_HEADER } });
  }

  /** Ends the session; a missing or expired session counts as logged out. */
  async logout(): Promise<void> {
    try {
      await fetch(this.client.url('/operator/api/session'), { method: 'DELETE', credentials: 'same-origin', headers: { ...CSRF_HEADER } });
    } catch {
      /* the console forgets the session anyway */
    }
  }

  statuses(): Promise<StatusDefinition[]> {
    // Requests' statuses only: the callback ones belong to the callback queue.
    return this.client.get('/config', StatusesOnly).then((c) => c.statuses.filter((s) => !isCallbackStatusCode(s.code)));
  }

  list(query: ListQuery = {}): Promise<OperatorRequestList> {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.status) params.set('status', query.status);
    if (query.sort && query.sort !== 'created') params.set('sort', query.sort);
    if (query.page && query.page > 1) params.set('page', String(query.page));
    const qs = params.toString();
    return this.guard(this.client.get(`/operator/api/requests${qs ? `?${qs}` : ''}`, OperatorRequestListSchema));
  }

  detail(number: string): Promise<OperatorRequestDetail> {
    return this.guard(this.client.get(`/operator/api/requests/${encodeURIComponent(number)}`, OperatorRequestDetail));
  }

  changeStatus(number: string, status: string, comment?: string): Promise<OperatorRequestDetail> {
    const body = comment ? { status, comment } : { status };
    return this.guard(
      this.client.send('POST', `/operator/api/requests/${encodeURIComponent(number)}/status`, body, OperatorRequestDetail, { headers: { ...CSRF_HEADER } }),
    );
  }

  addNote(number: string, note: string): Promise<OperatorRequestDetail> {
    return this.guard(
      this.client.send('POST', `/operator/api/requests/${encodeURIComponent(number)}/notes`, { note }, OperatorRequestDetail, { headers: { ...CSRF_HEADER } }),
    );
  }

  /** The callback queue of a day, in the server's order (when each call is due). */
  callbacks(query: CallbackQuery = {}, signal?: AbortSignal): Promise<OperatorCallbackList> {
    const params = new URLSearchParams();
    if (query.date) params.set('date', query.date);
    if (query.status) params.set('status', query.status);
    const qs = params.toString();
    return this.guard(this.client.get(`/operator/api/callbacks${qs ? `?${qs}` : ''}`, OperatorCallbackList, signal ? { signal } : {}));
  }

  /** Records how a call went: `called`, `no_answer` (try again later) or `cancelled`. */
  callbackOutcome(number: string, outcome: CallbackOutcome, note?: string): Promise<OperatorCallback> {
    const body = note ? { outcome, note } : { outcome };
    return this.guard(
      this.client.send('POST', `/operator/api/callbacks/${encodeURIComponent(number)}/outcome`, body, OperatorCallbackSchema, { headers: { ...CSRF_HEADER } }),
    );
  }

  /** The visits booked at one office on one day, by start time, with the offices to choose from. */
  bookings(query: BookingQuery = {}, signal?: AbortSignal): Promise<OperatorBookingList> {
    const params = new URLSearchParams();
    if (query.office) params.set('office', query.office);
    if (query.date) params.set('date', query.date);
    const qs = params.toString();
    return this.guard(this.client.get(`/operator/api/bookings${qs ? `?${qs}` : ''}`, OperatorBookingList, signal ? { signal } : {}));
  }

  /** The supervisor's figures of a period (an operator gets only their own operator row). */
  figures(query: FiguresQuery, signal?: AbortSignal): Promise<FiguresResponse> {
    return this.guard(this.client.get(`/operator/api/figures?${figuresParams(query)}`, FiguresResponse, signal ? { signal } : {}));
  }

  /**
   * The same figures as CSV (UTF-8 with BOM, `;`): a URL for a plain `<a download>` link, the
   * session cookie going with it (same origin, `Path=/operator`).
   */
  figuresCsvUrl(query: FiguresQuery): string {
    return this.client.url(`/operator/api/figures?${figuresParams(query)}&format=csv`);
  }

  /** A page of survey answers, newest first (the contact's reference only when the citizen agreed). */
  surveys(query: SurveyQuery = {}, signal?: AbortSignal): Promise<OperatorSurveyList> {
    const params = new URLSearchParams();
    if (query.channel) params.set('channel', query.channel);
    if (query.from) params.set('from', query.from);
    if (query.to) params.set('to', query.to);
    if (query.page && query.page > 1) params.set('page', String(query.page));
    const qs = params.toString();
    return this.guard(this.client.get(`/operator/api/surveys${qs ? `?${qs}` : ''}`, OperatorSurveyList, signal ? { signal } : {}));
  }

  /**
   * Every answer of a filter (for the CSV), page after page, newest first; at most `maxPages`
   * pages (`truncated` when there were more).
   */
  async allSurveys(query: Omit<SurveyQuery, 'page'>, signal?: AbortSignal, maxPages = 100): Promise<{ items: OperatorSurveyAnswer[]; total: number; truncated: boolean }> {
    const items: OperatorSurveyAnswer[] = [];
    let total = 0;
    for (let page = 1; page <= maxPages; page++) {
      const answer = await this.surveys({ ...query, page }, signal);
      total = answer.total;
      items.push(...answer.items);
      if (answer.items.length === 0 || items.length >= answer.total) return { items, total, truncated: false };
    }
    return { items, total, truncated: items.length < total };
  }

  /** The public office catalogue (the services' Russian names). */
  officeCatalogue(signal?: AbortSignal): Promise<OfficeCatalogue> {
    return this.client.get('/offices/catalogue', OfficeCatalogue, signal ? { signal } : {});
  }

  /**
   * A one-time ticket for the chat's socket: the session cookie is `Path=/operator` and never
   * reaches `/socket.io`, so the handshake carries this instead (the console keeps no token).
   */
  async chatTicket(): Promise<string> {
    const answer = await this.guard(this.client.send('POST', '/operator/api/chat/ticket', {}, ChatTicket, { headers: { ...CSRF_HEADER } }));
    return answer.ticket;
  }

  attachmentUrl(id: string): string {
    return this.client.url(`/operator/api/attachments/${encodeURIComponent(id)}`);
  }

  /**
   * The browser's current session, or null (without reporting it as expired): GET
   * /operator/api/session; a backend without that endpoint is probed through the list.
   */
  async currentSession(): Promise<OperatorSession | null> {
    try {
      return await this.client.get('/operator/api/session', OperatorSession);
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      if (error.status === 401) return null;
      if (error.status !== 404 && error.status !== 405) throw error;
    }
    try {
      await this.client.get('/operator/api/requests', Anything);
      return { operatorName: '', expiresAt: '' };
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return null;
      throw error;
    }
  }

  /** Quality control, «Экспертиза»: the review of a final request's answer (any operator). */
  reviewRequest(number: string, outcome: ReviewOutcome, note?: string): Promise<OperatorRequestDetail> {
    return this.stageCall(number, 'review', note ? { outcome, note } : { outcome });
  }

  /** Quality control, «Обратная связь»: the supervisor's closing remark on the review. */
  analyseRequest(number: string, remark: string): Promise<OperatorRequestDetail> {
    return this.stageCall(number, 'analysis', { remark });
  }

  /** Back to work from a final status, with the reason (operators only see it). */
  reopenRequest(number: string, reason: string): Promise<OperatorRequestDetail> {
    return this.stageCall(number, 'reopen', { reason });
  }

  private stageCall(number: string, action: 'review' | 'analysis' | 'reopen', body: Record<string, string>): Promise<OperatorRequestDetail> {
    return this.guard(
      this.client.send('POST', `/operator/api/requests/${encodeURIComponent(number)}/${action}`, body, OperatorRequestDetail, { headers: { ...CSRF_HEADER } }),
    );
  }

  private async guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) this.onUnauthorized();
      throw error;
    }
  }

  /** The supervisor's alerts: the open ones (every operator), and the recent ones for a supervisor. */
  alerts(signal?: AbortSignal): Promise<AlertList> {
    return this.guard(this.client.get('/operator/api/alerts', AlertList, signal ? { signal } : {}));
  }

  /** The alert rules (a supervisor's). */
  alertRules(): Promise<AlertRulesView> {
    return this.guard(this.client.get('/operator/api/alerts/rules', AlertRulesView));
  }

  saveAlertRules(rules: AlertRules): Promise<AlertRulesView> {
    return this.guard(this.client.send('PUT', '/operator/api/alerts/rules', rules, AlertRulesView, { headers: { ...CSRF_HEADER } }));
  }

  acknowledgeAlert(id: number): Promise<Alert> {
    return this.guard(this.client.send('POST', `/operator/api/alerts/${id}/acknowledge`, {}, Alert, { headers: { ...CSRF_HEADER } }));
  }
}

function figuresParams(query: FiguresQuery): string {
  return new URLSearchParams({ from: query.from, to: query.to, groupBy: query.groupBy }).toString();
}

/** The server's per-field messages of a 400 (`validation_failed`), by the field's name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (!(error instanceof ApiRequestError) || error.code !== 'validation_failed') return found;
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in found)) found[field] = issue.message;
  }
  return found;
}

/** A Russian sentence for a failed call: the server's own message when it sent one. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return messages.errors.generic;
  switch (error.code) {
    case 'network':
      return messages.errors.network;
    case 'bad_response':
      return messages.errors.badResponse;
    case 'rate_limited':
      return messages.errors.rateLimited(error.retryAfterSeconds);
    default:
      // The reference backend answers in Russian; fall back to ours for anything else.
      return /[А-Яа-яЁё]/.test(error.message) ? error.message : error.code === 'not_found' ? messages.errors.notFound : error.code === 'forbidden' ? messages.errors.forbidden : messages.errors.generic;
  }
}
