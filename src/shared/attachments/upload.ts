import { attachmentEndpoints, UPLOAD_NAME_HEADER, type UploadResponse } from '../../protocol/attachments.js';
import { ApiClient, ApiRequestError, parseAnswer } from '../../api/client.js';

export interface UploadOptions {
  /** Share of the body sent so far, 0–100 (whole percent); called as the browser reports it. */
  onProgress?: (percent: number) => void;
  /** Aborts the upload; the promise then rejects with an `AbortError` DOMException (as fetch does). */
  signal?: AbortSignal;
}

/**
 * `POST {backend}/uploads` (the contract's `upload`): sends one file as the raw body and resolves
 * with the stored file's id. XMLHttpRequest, not fetch, because only it reports upload progress.
 * Answers are parsed as ApiClient's are: error answers reject as ApiRequestError (status 0, code
 * `network` when the request never got an answer).
 */
export function uploadFile(backend: string, file: File, options: UploadOptions = {}): Promise<UploadResponse> {
  const { onProgress, signal } = options;
  return new Promise<UploadResponse>((resolve, reject) => {
    const aborted = () => new DOMException('The upload was aborted', 'AbortError');
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', onAbort);

    const { upload } = attachmentEndpoints;
    xhr.open(upload.method, new ApiClient(backend).urlOf(upload));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader(UPLOAD_NAME_HEADER, encodeURIComponent(file.name));
    xhr.responseType = 'text';

    xhr.upload.addEventListener('progress', (event: ProgressEvent) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(100, Math.floor((event.loaded / event.total) * 100)));
    });
    xhr.addEventListener('load', () => {
      done();
      try {
        resolve(parseAnswer(xhr.status, parseJson(xhr.responseText), upload.response));
      } catch (error) {
        reject(error);
      }
    });
    const failed = () => {
      done();
      reject(new ApiRequestError(0, 'network', 'The upload did not reach the server'));
    };
    xhr.addEventListener('error', failed);
    xhr.addEventListener('timeout', failed);
    xhr.addEventListener('abort', () => {
      done();
      reject(aborted());
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(file);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
