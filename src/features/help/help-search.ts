import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { FAQ_QUERY_MAX, type FaqArticle } from '../../protocol/faq.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { HelpSearchController } from './help-search-controller.js';

/** Typing pauses this long before a search starts by itself (Enter or «Найти» search at once). */
export const SEARCH_DELAY_MS = 400;
/** Shorter text is searched only on Enter or «Найти». */
const MIN_TYPED = 3;

/**
 * @tagname gs-help-search
 * @summary The help search on the home view: the knowledge base's articles before a chat or a request.
 *
 * A search box (searched on Enter, «Найти», or a pause in typing); the articles found, best first,
 * each a disclosure with its text; the count announced; when nothing is found or the search
 * fails, a message that points to the ways to reach support below. Article text is shown as text,
 * never as HTML.
 *
 * @csspart form - The search form.
 * @csspart results - The list of articles found.
 */
export class GsHelpSearch extends LitElement {
  static override styles = [
    tokens,
    base,
    buttons,
    formControls,
    notices,
    visuallyHidden,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--_gs-space);
      }
      .form-control {
        flex: 1 1 12em;
        margin: 0;
      }
      .results {
        display: grid;
        gap: var(--_gs-space);
        margin: calc(var(--_gs-space) * 1.5) 0 0;
      }
      details {
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        background: var(--_gs-color-surface);
      }
      summary {
        min-height: 2.75em;
        padding: calc(var(--_gs-space) * 1.25) calc(var(--_gs-space) * 1.5);
        font-weight: 600;
        color: var(--_gs-color-primary);
        cursor: pointer;
      }
      summary:focus-visible {
        outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
      }
      .article {
        padding: 0 calc(var(--_gs-space) * 1.5) calc(var(--_gs-space) * 1.5);
      }
      .article p {
        margin: 0 0 var(--_gs-space);
        overflow-wrap: anywhere;
      }
      .outcome {
        margin: calc(var(--_gs-space) * 1.5) 0 0;
      }
    `,
  ];

  @state() private text = '';
  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly search = new HelpSearchController(this, {
    backend: () => this.config.value.backend,
    locale: () => this.l10n.locale,
  });
  #timer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  private get tooLong(): boolean {
    return this.text.trim().length > FAQ_QUERY_MAX;
  }

  private run(): void {
    clearTimeout(this.#timer);
    const query = this.text.trim();
    if (!query) return this.search.clear();
    if (!this.tooLong) void this.search.search(query);
  }

  private readonly onInput = (event: InputEvent): void => {
    this.text = (event.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    if (!this.text.trim()) return this.search.clear();
    if (this.text.trim().length >= MIN_TYPED) this.#timer = setTimeout(() => this.run(), SEARCH_DELAY_MS);
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.run();
  };

  protected override render() {
    const msg = this.l10n.msg.help;
    const error = this.tooLong ? msg.tooLong(FAQ_QUERY_MAX) : '';
    return html`
      <form part="form" role="search" @submit=${this.onSubmit}>
        <div class="form-control ${error ? 'has-error' : ''}" part="form-control">
          <label for="q" part="label">${msg.label}</label>
          <span class="hint" id="q-hint" part="hint">${msg.hint}</span>
          ${error ? html`<span class="error" id="q-error" part="error"><span class="visually-hidden">${this.l10n.msg.errorPrefix}</span>${error}</span>` : nothing}
          <input
            id="q"
            part="input"
            type="search"
            autocomplete="off"
            enterkeyhint="search"
            aria-describedby=${error ? 'q-hint q-error' : 'q-hint'}
            aria-invalid=${error ? 'true' : 'false'}
            .value=${this.text}
            @input=${this.onInput}
          />
        </div>
        <button class="button-secondary" type="submit">${msg.submit}</button>
      </form>
      <div class="visually-hidden" role="status">${this.announcement()}</div>
      ${this.renderOutcome()}
    `;
  }

  private announcement(): string {
    const msg = this.l10n.msg.help;
    const s = this.search.value;
    if (s.kind === 'searching') return msg.searching;
    if (s.kind === 'found') return s.articles.length ? this.l10n.plural(s.articles.length, msg.found) : msg.nothingFound;
    return '';
  }

  private renderOutcome() {
    const msg = this.l10n.msg.help;
    const s = this.search.value;
    switch (s.kind) {
      case 'idle':
      case 'searching':
        return nothing;
      case 'offline':
      case 'failed':
        return html`<div class="problem outcome" role="alert">
          <p>${s.kind === 'offline' ? msg.offline : msg.failed}</p>
          <button class="button-secondary" type="button" @click=${() => this.run()}>${msg.retry}</button>
        </div>`;
      case 'found':
        return s.articles.length
          ? html`<ul class="results" part="results" role="list">
                ${s.articles.map((article) => html`<li>${this.renderArticle(article)}</li>`)}
              </ul>
              <p class="outcome">${msg.stillStuck}</p>`
          : html`<p class="notice outcome">${msg.nothingFound} ${msg.stillStuck}</p>`;
    }
  }

  private renderArticle(article: FaqArticle) {
    return html`<details>
      <summary>${article.title}</summary>
      <div class="article">${article.body.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}</div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-help-search': GsHelpSearch;
  }
}
