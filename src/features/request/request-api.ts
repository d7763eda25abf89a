import { ApiClient } from '../../api/client.js';
import { IDEMPOTENCY_HEADER, requestEndpoints, type RequestBody } from '../../protocol/request.js';

/** The request form's backend calls, from the contract (protocol/request.ts); uploads: upload.ts. */
export class RequestApi {
  readonly #client: ApiClient;

  constructor(backend: string) {
    this.#client = new ApiClient(backend);
  }

  /** Registers a request; a repeat with the same key answers the first one instead. */
  create(body: RequestBody, idempotencyKey: string, signal?: AbortSignal) {
    return this.#client.call(requestEndpoints.createRequest, { body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey }, signal });
  }
}
