import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FaqArticle, FaqLocale } from '../../protocol/faq.js';
import { apiProblem } from '../../shared/api-problem.js';
import { HelpApi } from './help-api.js';

export type HelpSearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | { kind: 'found'; query: string; articles: readonly FaqArticle[] }
  | { kind: 'offline' | 'failed'; query: string };

export interface HelpSearchOptions {
  backend: () => string;
  locale: () => FaqLocale;
}

/**
 * Searches the knowledge base (`GET /faq`): one search at a time (a newer one aborts the older),
 * none after the host leaves the page. `value` is what the view shows.
 */
export class HelpSearchController implements ReactiveController {
  value: HelpSearchState = { kind: 'idle' };
  #abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: HelpSearchOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  async search(query: string): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#set({ kind: 'searching', query });
    try {
      const answer = await new HelpApi(this.options.backend()).search(query, this.options.locale(), abort.signal);
      if (!abort.signal.aborted) this.#set({ kind: 'found', query, articles: answer.items });
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#set({ kind: apiProblem(error).kind === 'offline' ? 'offline' : 'failed', query });
    }
  }

  /** Back to nothing shown (the search box emptied). */
  clear(): void {
    this.#abort?.abort();
    this.#set({ kind: 'idle' });
  }

  #set(value: HelpSearchState): void {
    this.value = value;
    this.host.requestUpdate();
  }
}
