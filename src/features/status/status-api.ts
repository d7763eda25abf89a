import { ApiClient } from '../../api/client.js';
import { statusEndpoints, type StatusLookupBody } from '../../protocol/status.js';

/** The status lookup's backend calls, from the contract (protocol/status.ts). */
export class StatusApi {
  readonly #client: ApiClient;

  constructor(backend: string) {
    this.#client = new ApiClient(backend);
  }

  /** The status of a request by its number and second factor, with a token to watch it. */
  lookup(body: StatusLookupBody, signal?: AbortSignal) {
    return this.#client.call(statusEndpoints.lookupStatus, { body, signal });
  }

  /** The live status stream's URL (for EventSource) from a lookup's `watchToken`. */
  watchUrl(token: string): string {
    return this.#client.urlOf(statusEndpoints.watchStatus, { query: { token } });
  }
}
