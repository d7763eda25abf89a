/**
 * Network mocks for stories. A story that needs the backend installs them in its `beforeEach`
 * (which returns the restore function as its cleanup), so no story ever sends a real request:
 * `fetch` for the JSON API (ApiClient) and `XMLHttpRequest` for uploads (uploadFile), the only
 * two ways the widget talks to its backend. Anything a mock does not expect is logged with
 * `console.error` (the smoke check fails on it) and fails as a network error would.
 */
import { UPLOAD_NAME_HEADER, type UploadResponse } from '../../src/protocol/attachments.js';
import type { RequestCreated } from '../../src/protocol/request.js';
import { MONDAY_NOON } from './fixtures.js';

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

/** The contract's error body. */
export const apiError = (code: string, message: string) => ({ error: { code, message } });

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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
