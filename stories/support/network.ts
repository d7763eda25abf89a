/**
 * Network mocks for stories. A story that needs the backend installs them in its `beforeEach`
 * (which returns the restore function as its cleanup), so no story ever sends a real request:
 * `fetch` for the JSON API (ApiClient), `XMLHttpRequest` for uploads (uploadFile) and
 * `EventSource` for the live status stream (StatusWatchController), the only three ways the
 * widget talks to its backend. Anything a mock does not expect is logged with `console.error`
 * (the smoke check fails on it) and fails as a network error would.
 */
import { UPLOAD_NAME_HEADER, type UploadResponse } from '../../src/protocol/attachments.js';
import type { CallbackBody, CallbackSlot, CallbackSlots, CallbackView } from '../../src/protocol/callback.js';
import type { RequestCreated } from '../../src/protocol/request.js';
import { STATUS_STREAM_EVENT, type RequestStatusView, type StatusLookupResult } from '../../src/protocol/status.js';
import { demoConfig, MONDAY_NOON } from './fixtures.js';

/** What a mock sees of a request. */
export interface MockedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

/** `'offline'`: fetch rejects with a TypeError, as it does when there is no connection. */
export type FetchAnswer = Response | 'offline';

/** Routes by `'METHOD /path'`; the path matches the end of the URL's path (any `backend`). */
export type FetchRoutes = Record<string, (request: MockedRequest) => FetchAnswer | Promise<FetchAnswer>>;

const offline = () => new TypeError('Failed to fetch');

function unexpected(method: string, url: string): void {
  console.error(`[story network mock] unexpected ${method} ${url}: no mock answers it`);
}

function headersOf(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => (out[name] = value));
  return out;
}

/** Replaces `window.fetch` with `routes`; returns the restore function (a `beforeEach` cleanup). */
export function mockFetch(routes: FetchRoutes): () => void {
  const original = window.fetch;
  const mocked = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input), location.href);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const route = Object.entries(routes).find(([key]) => {
      const [routeMethod, path] = key.split(' ');
      return routeMethod === method && (url.pathname === path || url.pathname.endsWith(path!));
    })?.[1];
    if (!route) {
      unexpected(method, url.href);
      throw offline();
    }
    const body = typeof init?.body === 'string' ? parseJson(init.body) : init?.body;
    const answer = await route({ method, url, headers: headersOf(init?.headers ?? request?.headers), body });
    if (answer === 'offline') throw offline();
    return answer;
  };
  window.fetch = mocked;
  return () => {
    if (window.fetch === mocked) window.fetch = original;
  };
}

/** A JSON answer. */
export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The contract's error body (`extra`: e.g. `{ retryAfterSeconds }` of `rate_limited`). */
export const apiError = (code: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { code, message, ...extra } });

/** What `POST /requests` answers in the stories: request 2026-000123, answer due in 7 days. */
export const REQUEST_CREATED: RequestCreated = {
  number: '2026-000123',
  lookupCode: 'K7M4Q9TZ',
  status: 'registered',
  createdAt: new Date(MONDAY_NOON).toISOString(),
  answerDueAt: new Date(MONDAY_NOON + 7 * 24 * 3_600_000).toISOString(),
};

/** What one upload does in a story. */
export type UploadScript =
  /** Reports this share of the file as sent, then never answers (an upload in progress). */
  | { stayAt: number }
  /** Reports the whole file as sent, then answers. */
  | { status: number; body: unknown }
  /** Never reaches the server (status 0: the widget offers «Загрузить снова»). */
  | 'network-error';

/** One upload as a script sees it. */
export interface MockedUpload {
  url: string;
  /** The file name from the `x-file-name` header. */
  name: string;
  size: number;
}

/** A stored file, as `POST /uploads` answers it. */
export const stored = (upload: MockedUpload, id: string, type = 'application/pdf'): UploadResponse => ({ id, name: upload.name, size: upload.size, type });

/**
 * Replaces `window.XMLHttpRequest` with a fake that plays `script` for each `POST …/uploads`
 * (progress, answer or network failure); returns the restore function. Without a script,
 * every upload is unexpected: a story that must not upload anything (files refused before
 * upload) installs it so.
 */
export function mockUploads(script?: (upload: MockedUpload) => UploadScript): () => void {
  const original = window.XMLHttpRequest;

  class StoryXMLHttpRequest extends EventTarget {
    readonly upload = new EventTarget();
    status = 0;
    responseText = '';
    responseType: XMLHttpRequestResponseType = '';
    timeout = 0;
    withCredentials = false;
    private method = '';
    private url = '';
    private headers: Record<string, string> = {};
    private done = false;

    open(method: string, url: string | URL): void {
      this.method = method.toUpperCase();
      this.url = new URL(String(url), location.href).href;
    }
    setRequestHeader(name: string, value: string): void {
      this.headers[name.toLowerCase()] = value;
    }
    getResponseHeader(): string | null {
      return null;
    }
    send(body?: Document | XMLHttpRequestBodyInit | null): void {
      const size = body instanceof Blob ? body.size : typeof body === 'string' ? body.length : 0;
      const upload: MockedUpload = { url: this.url, name: decodeURIComponent(this.headers[UPLOAD_NAME_HEADER] ?? ''), size };
      const isUpload = this.method === 'POST' && new URL(this.url).pathname.endsWith('/uploads');
      if (!script || !isUpload) unexpected(this.method, this.url);
      const plan: UploadScript = script && isUpload ? script(upload) : 'network-error';
      // Asynchronous, as a real request is.
      setTimeout(() => {
        if (this.done) return;
        if (plan === 'network-error') return this.finish('error');
        if ('stayAt' in plan) return this.progress(Math.round((plan.stayAt / 100) * size), size);
        this.progress(size, size);
        this.status = plan.status;
        this.responseText = typeof plan.body === 'string' ? plan.body : JSON.stringify(plan.body);
        this.finish('load');
      }, 0);
    }
    abort(): void {
      if (!this.done) this.finish('abort');
    }
    private progress(loaded: number, total: number): void {
      this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: total > 0, loaded, total }));
    }
    private finish(type: 'load' | 'error' | 'abort'): void {
      this.done = true;
      this.dispatchEvent(new ProgressEvent(type));
      this.dispatchEvent(new ProgressEvent('loadend'));
    }
  }

  window.XMLHttpRequest = StoryXMLHttpRequest as unknown as typeof XMLHttpRequest;
  return () => {
    if (window.XMLHttpRequest === (StoryXMLHttpRequest as unknown)) window.XMLHttpRequest = original;
  };
}

// ---------------------------------------------------------------------------------------------
// Status lookup: `POST /requests/lookup` answers and the `GET /requests/watch` stream

/** A code of the default status vocabulary (DEFAULT_STATUSES). */
export type DefaultStatus = 'registered' | 'in_progress' | 'awaiting_confirmation' | 'completed' | 'rejected';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FINAL: readonly string[] = ['completed', 'rejected'];

/** What the citizen types to look up the request of {@link REQUEST_CREATED}: its number and lookup code. */
export const STATUS_LOOKUP = { number: REQUEST_CREATED.number, factor: REQUEST_CREATED.lookupCode } as const;

/** Default registration: Thursday 12 March 2026, 10:15 Moscow (the Monday noon of the stories minus 4 days 1 h 45 min). */
const REGISTERED_AT = MONDAY_NOON - 4 * DAY - 105 * MINUTE;
/** The promised answer time after registration. */
const ANSWER_WITHIN = 7 * DAY;

/**
 * Each status's step after registration, as the specialist made it: when (from registration) and
 * the comment meant for the citizen. With the default registration every step is before Monday
 * noon: in work on Friday 09:40, the rest on Monday morning.
 */
const STEPS: Record<Exclude<DefaultStatus, 'registered'>, { after: number; comment: string }> = {
  in_progress: {
    after: 23 * HOUR + 25 * MINUTE,
    comment: 'Запросили сведения о ваших начислениях в Социальном фонде. Как только ведомство ответит, подготовим ответ.',
  },
  awaiting_confirmation: {
    after: 3 * DAY + 23 * HOUR + 50 * MINUTE,
    comment:
      'Для перерасчёта нужна справка о доходах за 2025 год.\nПришлите её скан ответом на наше письмо или принесите в любой центр «Мои документы».',
  },
  completed: {
    after: 4 * DAY + 65 * MINUTE,
    comment: 'Перерасчёт выполнен: доплата придёт вместе с апрельской выплатой. Подробный ответ отправлен на вашу электронную почту.',
  },
  rejected: {
    after: 4 * DAY + 65 * MINUTE,
    comment: 'Вопрос о налоговом вычете решает налоговая служба, а не наш центр. Обратитесь в ФНС России через личный кабинет налогоплательщика.',
  },
};

const iso = (instant: number) => new Date(instant).toISOString();

/**
 * What the citizen may know of request 2026-000123 in `status`, as of the stories' Monday noon:
 * registered on Thursday 10:15 Moscow, then `registered → in_progress → status` (in work since
 * Friday, the last change on Monday morning) with the specialist's comments, the answer due 7 days
 * after registration. `overrides.createdAt` moves the whole history with it (e.g. 12 days back:
 * the answer was due 5 days ago, so `overdue` becomes true); `answerDueAt` and `overdue` follow
 * from it unless given too.
 */
export function statusView(status: DefaultStatus, overrides: Partial<RequestStatusView> = {}): RequestStatusView {
  const createdAt = overrides.createdAt ? Date.parse(overrides.createdAt) : REGISTERED_AT;
  const history: RequestStatusView['history'] = [{ status: 'registered', at: iso(createdAt) }];
  if (status !== 'registered') {
    if (status !== 'in_progress') history.push({ status: 'in_progress', at: iso(createdAt + STEPS.in_progress.after), comment: STEPS.in_progress.comment });
    history.push({ status, at: iso(createdAt + STEPS[status].after), comment: STEPS[status].comment });
  }
  const answerDueAt = overrides.answerDueAt ?? iso(createdAt + ANSWER_WITHIN);
  return {
    number: STATUS_LOOKUP.number,
    status,
    statusChangedAt: history.at(-1)!.at,
    createdAt: iso(createdAt),
    answerDueAt,
    overdue: !FINAL.includes(status) && Date.parse(answerDueAt) < MONDAY_NOON,
    history,
    ...overrides,
  };
}

/** `view` after a specialist set `status` at `at` (Monday noon unless given) with `comment`. */
export function statusChanged(view: RequestStatusView, status: DefaultStatus, comment?: string, at = MONDAY_NOON): RequestStatusView {
  const step = comment === undefined ? { status, at: iso(at) } : { status, at: iso(at), comment };
  return { ...view, status, statusChangedAt: iso(at), overdue: view.overdue && !FINAL.includes(status), history: [...view.history, step] };
}

/** The token of the stories' lookup answers (the watch stream's URL carries it). */
export const WATCH_TOKEN = 'story-watch-token';

/** `POST /requests/lookup` finding `view`: the view plus the token of its live stream. */
export const lookupFound = (view: RequestStatusView): Response => json({ ...view, watchToken: WATCH_TOKEN } satisfies StatusLookupResult);

/** One `GET /requests/watch` stream opened by the page (through the mocked `EventSource`). */
export interface MockedEventSource {
  readonly url: string;
  readonly readyState: number;
}

/** The mocked `EventSource` of a story. */
export interface EventSourceMock {
  /** The streams the page opened, oldest first. */
  readonly opened: readonly MockedEventSource[];
  /** The server sends `view` as a `status` event on every stream that is not closed. The story fails if none is. */
  push(view: RequestStatusView): void;
  /** Puts the real `EventSource` back and closes the fake streams (a `beforeEach` cleanup). */
  restore(): void;
}

/**
 * Replaces `window.EventSource` with a fake of what StatusWatchController uses (constructor(url),
 * addEventListener, onerror, readyState, close, the CONNECTING / OPEN / CLOSED constants) for the
 * `GET …/requests/watch` stream. A stream opens asynchronously, as a real one does; the server
 * then sends `current(url)` first, as the demo backend sends the request's current status on
 * every connection (without `current`, nothing until `push`). A stream to anything else is
 * unexpected (logged with `console.error`) and fails as a refused one does.
 */
export function mockEventSource(current?: (url: URL) => RequestStatusView | undefined): EventSourceMock {
  const original = window.EventSource;
  const opened: StoryEventSource[] = [];

  class StoryEventSource extends EventTarget implements MockedEventSource {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSED = 2;
    readonly url: string;
    readonly withCredentials = false;
    readyState = StoryEventSource.CONNECTING;
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;

    constructor(url: string | URL) {
      super();
      const parsed = new URL(String(url), location.href);
      this.url = parsed.href;
      opened.push(this);
      const expected = parsed.pathname.endsWith('/requests/watch');
      if (!expected) unexpected('GET (EventSource)', this.url);
      // Asynchronous, as a real connection is.
      setTimeout(() => (expected ? this.connect() : this.fail()), 0);
    }
    close(): void {
      this.readyState = StoryEventSource.CLOSED;
    }
    /** Opens a connecting stream, and the server's first event follows: the current status. */
    connect(): void {
      if (this.readyState !== StoryEventSource.CONNECTING) return;
      this.readyState = StoryEventSource.OPEN;
      this.fire(new Event('open'), this.onopen);
      const view = current?.(new URL(this.url));
      if (view) this.send(view);
    }
    send(view: RequestStatusView): void {
      this.connect();
      if (this.readyState !== StoryEventSource.OPEN) return;
      this.fire(new MessageEvent(STATUS_STREAM_EVENT, { data: JSON.stringify(view), origin: new URL(this.url).origin }), null);
    }
    /** Refused: the browser gives up (CLOSED) and reports an error. */
    private fail(): void {
      if (this.readyState === StoryEventSource.CLOSED) return;
      this.readyState = StoryEventSource.CLOSED;
      this.fire(new Event('error'), this.onerror);
    }
    private fire<E extends Event>(event: E, handler: ((event: E) => void) | null): void {
      this.dispatchEvent(event);
      handler?.call(this, event);
    }
  }

  window.EventSource = StoryEventSource as unknown as typeof EventSource;
  return {
    opened,
    push(view) {
      const live = opened.filter((stream) => stream.readyState !== StoryEventSource.CLOSED);
      if (!live.length) throw new Error('[story network mock] no open status stream to push to');
      for (const stream of live) stream.send(view);
    },
    restore() {
      for (const stream of opened) stream.close();
      if (window.EventSource === (StoryEventSource as unknown)) window.EventSource = original;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Callback requests: `GET /callbacks/slots`, `POST /callbacks` and the actions on one callback

/** The callback the stories book (the demo backend's first number of 2026 after 44 others). */
export const BOOKED_CALLBACK = 'CB-2026-000045';

/** The phone the stories' citizen types, and how the backend and the confirmation write it. */
export const CALLBACK_PHONE = { typed: '8 912 345-67-89', normalized: '+79123456789', masked: '+7 (912) ***-**-89' } as const;

/** Minutes per slot and places per slot of the demo line (the demo backend's defaults). */
const SLOT_MINUTES = 30;
const PLACES = 3;
/** A slot is bookable this long after now at the earliest (the backend's `leadMinutes`). */
const LEAD = 30 * MINUTE;
/** Slots are offered on this many days, today included (`horizonDays`). */
const HORIZON_DAYS = 14;

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MOSCOW_OFFSET = 3 * HOUR;

/** The instant of `time` (HH:MM, Moscow) on the day `day` days after Monday 16 March 2026. */
export function moscowAt(day: number, time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return Date.UTC(2026, 2, 16 + day, h, m) - MOSCOW_OFFSET;
}

/** The slot starting at `time` (Moscow) `day` days after Monday 16 March: `callbackSlot(1, '10:00')` is Tuesday 10:00–10:30 МСК. */
export function callbackSlot(day: number, time: string, free = PLACES): CallbackSlot {
  const start = moscowAt(day, time);
  return { start: iso(start), end: iso(start + SLOT_MINUTES * MINUTE), free };
}

/** Today's slots booked up before the stories' noon: 12:30–15:00 has no place left. */
const BOOKED_UP_TODAY = ['12:30', '13:00', '13:30', '14:00', '14:30'].map((time) => iso(moscowAt(0, time)));

/**
 * The free slots of the demo config's callback line after `now`, as the demo backend lists them:
 * weekdays 09:00–20:00 Moscow in 30-minute slots, bookable from 30 minutes ahead, on 14 days
 * (today included); the slots starting at `full` (ISO) have no place left and are not listed.
 * On the stories' Monday noon: today 15:00–20:00 (the early afternoon is booked up), then every
 * weekday until Friday 27 March.
 */
export function lineSlots(now = MONDAY_NOON, full: readonly string[] = BOOKED_UP_TODAY): CallbackSlot[] {
  const hours = demoConfig.channels!.callback!.hours!;
  const slots: CallbackSlot[] = [];
  const today = Math.floor((now + MOSCOW_OFFSET) / DAY);
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const midnight = (today + d) * DAY - MOSCOW_OFFSET;
    const weekday = WEEKDAY_KEYS[new Date((today + d) * DAY).getUTCDay()]!;
    for (const range of hours[weekday] ?? []) {
      const [fromH, fromM] = range.from.split(':').map(Number) as [number, number];
      const [toH, toM] = range.to.split(':').map(Number) as [number, number];
      for (let start = midnight + fromH * HOUR + fromM * MINUTE; start + SLOT_MINUTES * MINUTE <= midnight + toH * HOUR + toM * MINUTE; start += SLOT_MINUTES * MINUTE) {
        if (start >= now + LEAD && !full.includes(iso(start))) slots.push({ start: iso(start), end: iso(start + SLOT_MINUTES * MINUTE), free: PLACES });
      }
    }
  }
  return slots;
}

/**
 * What `GET /callbacks/slots?days=14` answers: by default the demo line open on the stories'
 * Monday noon, «как можно скорее» offered (within 30 minutes, two citizens waiting) and
 * {@link lineSlots}; `nextFree` is the first slot listed unless given. `overrides` describe the
 * other states (closed, a holiday, a full queue, no slots).
 */
export function callbackSlots(overrides: Partial<CallbackSlots> = {}): CallbackSlots {
  const slots = overrides.slots ?? lineSlots();
  const answer: CallbackSlots = {
    timeZone: 'Europe/Moscow',
    intervalMinutes: SLOT_MINUTES,
    asap: { available: true, promiseMinutes: 30, queue: 2 },
    open: true,
    slots,
    ...overrides,
  };
  if (!('nextFree' in overrides) && slots[0]) answer.nextFree = slots[0];
  return answer;
}

/**
 * A callback as the citizen may see it (the answer of booking, lookup, cancel and reschedule):
 * {@link BOOKED_CALLBACK}, waiting for the call at today 15:00–15:30 МСК, booked at the
 * stories' Monday noon for {@link CALLBACK_PHONE}, about a request's status.
 */
export function callbackView(overrides: Partial<CallbackView> = {}): CallbackView {
  const slot = callbackSlot(0, '15:00');
  return {
    number: BOOKED_CALLBACK,
    status: 'scheduled',
    asap: false,
    windowStart: slot.start,
    windowEnd: slot.end,
    topic: 'status',
    phoneMasked: CALLBACK_PHONE.masked,
    createdAt: iso(MONDAY_NOON),
    attempts: 0,
    ...overrides,
  };
}

/**
 * `POST /callbacks` booking `body` as the demo backend does (201): «как можно скорее» promises
 * the next `promiseMinutes` from now, a slot its own half hour; topic and request number as sent.
 */
export function callbackBooked(body: CallbackBody, promiseMinutes = 30, now = MONDAY_NOON): Response {
  const start = body.asap ? now : Date.parse(body.slotStart!);
  const end = body.asap ? now + promiseMinutes * MINUTE : start + SLOT_MINUTES * MINUTE;
  const view = callbackView({ asap: body.asap, windowStart: iso(start), windowEnd: iso(end), topic: body.topic, createdAt: iso(now) });
  if (body.requestNumber) view.requestNumber = body.requestNumber;
  return json(view, 201);
}

/** The 409 of a time that filled up meanwhile, with the next free slot to offer (absent: none left). */
export const slotTaken = (nextSlot?: CallbackSlot): Response =>
  json(apiError('conflict', 'Это время уже занято.', nextSlot ? { nextSlot } : {}), 409);
