import { ApiClient } from '../../api/client.js';
import { officeEndpoints, type BookingBody, type OfficeQuery } from '../../protocol/offices.js';
import { IDEMPOTENCY_HEADER } from '../../protocol/request.js';

/** The office finder's backend calls, from the contract (protocol/offices.ts). */
export class OfficesApi {
  readonly #client: ApiClient;

  constructor(backend: string) {
    this.#client = new ApiClient(backend);
  }

  /** Regions with their cities, and the services with the documents to bring. */
  catalogue(signal?: AbortSignal) {
    return this.#client.call(officeEndpoints.officeCatalogue, { signal });
  }

  /** Offices matching the filters (empty ones left out), by distance from `near` or by name. */
  search(query: OfficeQuery, signal?: AbortSignal) {
    return this.#client.call(officeEndpoints.offices, { query, signal });
  }

  office(id: string, signal?: AbortSignal) {
    return this.#client.call(officeEndpoints.office, { params: { id }, signal });
  }

  /** Free times of an office for a service on a day (default: its first day with any). */
  slots(id: string, service: string, date?: string, signal?: AbortSignal) {
    return this.#client.call(officeEndpoints.officeSlots, { params: { id }, query: { service, date }, signal });
  }

  /** Books a visit; a repeat with the same key answers the first booking instead. */
  book(id: string, body: BookingBody, idempotencyKey: string, signal?: AbortSignal) {
    return this.#client.call(officeEndpoints.createBooking, { params: { id }, body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey }, signal });
  }

  /** Cancels a booking by its number and phone. */
  cancel(number: string, phone: string, signal?: AbortSignal) {
    return this.#client.call(officeEndpoints.cancelBooking, { params: { number }, body: { phone }, signal });
  }
}
