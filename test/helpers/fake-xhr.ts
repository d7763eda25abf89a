/**
 * Replaces window.XMLHttpRequest for one test with a fake the test drives: it records each
 * request and lets the test report upload progress, answer, fail the network, or see aborts.
 * `auto` answers every request as soon as it is sent (after one progress event).
 */
export interface FakeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  aborted: boolean;
  progress(loaded: number, total: number): void;
  respond(status: number, body: unknown): void;
  failNetwork(): void;
}

export function fakeXhr(auto?: (request: FakeRequest) => { status: number; body: unknown } | undefined) {
  const requests: FakeRequest[] = [];
  const original = window.XMLHttpRequest;

  class FakeXMLHttpRequest extends EventTarget implements FakeRequest {
    readonly upload = new EventTarget();
    method = '';
    url = '';
    headers: Record<string, string> = {};
    body: unknown;
    aborted = false;
    status = 0;
    responseText = '';
    responseType = '';
    private done = false;

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }
    send(body: unknown) {
      this.body = body;
      requests.push(this);
      if (!auto) return;
      setTimeout(() => {
        const answer = auto(this);
        if (!answer || this.done) return;
        this.progress(50, 100);
        this.progress(100, 100);
        this.respond(answer.status, answer.body);
      }, 0);
    }
    abort() {
      if (this.done) return;
      this.done = true;
      this.aborted = true;
      this.dispatchEvent(new ProgressEvent('abort'));
      this.dispatchEvent(new ProgressEvent('loadend'));
    }
    progress(loaded: number, total: number) {
      this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total }));
    }
    respond(status: number, body: unknown) {
      if (this.done) return;
      this.done = true;
      this.status = status;
      this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
      this.dispatchEvent(new ProgressEvent('load'));
      this.dispatchEvent(new ProgressEvent('loadend'));
    }
    failNetwork() {
      if (this.done) return;
      this.done = true;
      this.dispatchEvent(new ProgressEvent('error'));
      this.dispatchEvent(new ProgressEvent('loadend'));
    }
  }

  window.XMLHttpRequest = FakeXMLHttpRequest as unknown as typeof XMLHttpRequest;
  return {
    requests,
    restore: () => {
      window.XMLHttpRequest = original;
    },
  };
}

/** An answer of `POST /uploads`. */
export const stored = (id: string, name = 'file', size = 1, type = 'application/pdf') => ({ id, name, size, type });

/** The contract's error body. */
export const apiError = (code: string, message: string) => ({ error: { code, message } });
