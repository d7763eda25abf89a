import { ApiClient } from '../../api/client.js';
import { faqEndpoints, type FaqLocale } from '../../protocol/faq.js';

/** The knowledge base's backend call, from the contract (protocol/faq.ts). */
export class HelpApi {
  readonly #client: ApiClient;

  constructor(backend: string) {
    this.#client = new ApiClient(backend);
  }

  /** Articles matching `q`, best first (at most five), in `lang`. */
  search(q: string, lang: FaqLocale, signal?: AbortSignal) {
    return this.#client.call(faqEndpoints.faq, { query: { q, lang }, signal });
  }
}
