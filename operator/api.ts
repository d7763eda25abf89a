import { z } from 'zod/mini';
import { ApiClient, ApiRequestError } from '../src/api/client.js';
import { StatusDefinition } from '../src/protocol/status.js';
import { OperatorRequestDetail, OperatorRequestList as OperatorRequestListSchema, OperatorSession, type OperatorListSort } from '../src/protocol/operator.js';
import { isCallbackStatusCode, OperatorCallback as OperatorCallbackSchema, OperatorCallbackList, type CALLBACK_OUTCOMES, type CallbackStatus } from '../src/protocol/callback.js';
import { OfficeCatalogue, OperatorBookingList, type BOOKING_STATUSES } from '../src/protocol/offices.js';
import { Alert, AlertList, AlertRulesView, type AlertRules } from '../src/protocol/alerts.js';
import { messages } from './messages.js';

export type OperatorSession = z.infer<typeof OperatorSession>;
/** A page of the list, each item with its description preview. */
export type OperatorRequestList = z.infer<typeof OperatorRequestListSchema>;
export type OperatorRequestDetail = z.infer<typeof OperatorRequestDetail>;
export type OperatorRequestSummary = OperatorRequestList['items'][number];
export type OperatorHistoryEntry = OperatorRequestDetail['history'][number];
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
