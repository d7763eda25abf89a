import { ApiClient } from '../../api/client.js';
import { callbackEndpoints, type CallbackBody, type CallbackRescheduleBody } from '../../protocol/callback.js';
import { IDEMPOTENCY_HEADER } from '../../protocol/request.js';

/** The callback line's backend calls, from the contract (protocol/callback.ts). */
export class CallbackApi {
  readonly #client: ApiClient;

  constructor(backend: string) {
    this.#client = new ApiClient(backend);
  }

  /** Free slots from today for `days` days, and whether «as soon as possible» is offered now. */
  slots(days: number, signal?: AbortSignal) {
    return this.#client.call(callbackEndpoints.callbackSlots, { query: { days: String(days) }, signal });
  }

  /** Books a callback; a repeat with the same key answers the first booking instead. */
  create(body: CallbackBody, idempotencyKey: string, signal?: AbortSignal) {
    return this.#client.call(callbackEndpoints.createCallback, { body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey }, signal });
  }

  /** A callback by its number and the phone it was booked for. */
  lookup(number: string, phone: string, signal?: AbortSignal) {
    return this.#client.call(callbackEndpoints.lookupCallback, { params: { number }, body: { phone }, signal });
  }

  cancel(number: string, phone: string, signal?: AbortSignal) {
    return this.#client.call(callbackEndpoints.cancelCallback, { params: { number }, body: { phone }, signal });
  }

  /** Moves a callback to another slot (or to «as soon as possible»). */
  reschedule(number: string, body: CallbackRescheduleBody, signal?: AbortSignal) {
    return this.#client.call(callbackEndpoints.rescheduleCallback, { params: { number }, body, signal });
  }
}
