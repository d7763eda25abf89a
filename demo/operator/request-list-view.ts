import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { StatusDefinition } from '../../src/protocol/status.js';
import { errorText, type ListQuery, type OperatorApi, type OperatorRequestList } from './api.js';
import { statusBadge } from './badge.js';
import { moscowTime } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/** «Обращения»: search (q), status filter, a page of 20, each row opens the request. */
@customElement('gs-operator-request-list')
export class GsOperatorRequestList extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      .filters .form-control {
        flex: 1 1 16rem;
      }
      .filters .actions {
        display: flex;
        gap: var(--_gs-space);
      }
      .pagination {
        display: flex;
        gap: calc(var(--_gs-space) * 2);
        align-items: center;
        margin-block-start: calc(var(--_gs-space) * 2);
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  @property({ attribute: false }) statuses: StatusDefinition[] = [];
  /** The query to show first (kept by the console across screens). */
  @property({ attribute: false }) query: ListQuery = {};
  @state() private result?: OperatorRequestList;
  @state() private loading = false;
  @state() private failure = '';
  @query('h1') private heading!: HTMLElement;
  private generation = 0;

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(this.query);
  }

  private async load(query: ListQuery) {
    const generation = ++this.generation;
    this.query = query;
    this.dispatchEvent(new CustomEvent<ListQuery>('list-query', { detail: query, bubbles: true, composed: true }));
    this.loading = true;
    this.failure = '';
    try {
      const result = await this.api.list(query);
      if (generation === this.generation) this.result = result;
    } catch (error) {
      if (generation === this.generation) this.failure = errorText(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  override render() {
    const m = messages.list;
    const result = this.result;
    const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
    const status = this.loading ? messages.loading : result ? m.found(result.total) : '';
    return html`
      <h1 class="heading" tabindex="-1">${m.title}</h1>
      <form role="search" aria-label=${m.searchLabel} class="filters" @submit=${this.search}>
        <div class="form-control">
          <label for="q">${m.q}</label>
          <span class="hint" id="q-hint">${m.qHint}</span>
          <input id="q" name="q" type="search" maxlength="120" .value=${this.query.q ?? ''} aria-describedby="q-hint" />
        </div>
        <div class="form-control">
          <label for="status">${m.status}</label>
          <select id="status" name="status">
            <option value="" ?selected=${!this.query.status}>${m.anyStatus}</option>
            ${this.statuses.map((s) => html`<option value=${s.code} ?selected=${this.query.status === s.code}>${s.label.ru}</option>`)}
          </select>
        </div>
        <div class="actions">
          <button class="button-primary" type="submit">${m.search}</button>
          <button class="button-secondary" type="button" @click=${this.reset}>${m.reset}</button>
        </div>
      </form>
      <div role="status" class="notice ${status ? '' : 'empty'}" id="list-status">${status}</div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="list-error">${this.failure}</div>
      ${result && result.items.length === 0 ? html`<p>${m.empty}</p>` : nothing}
      ${result && result.items.length > 0
        ? html`
            <table>
              <caption tabindex="-1">${m.caption}, ${m.page(result.page, pages).toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">${m.columns.number}</th>
                  <th scope="col">${m.columns.fullName}</th>
                  <th scope="col">${m.columns.status}</th>
                  <th scope="col">${m.columns.createdAt}</th>
                  <th scope="col">${m.columns.answerDueAt}</th>
                </tr>
              </thead>
              <tbody>
                ${result.items.map(
                  (item) => html`
                    <tr>
                      <th scope="row">
                        <button class="link-button" type="button" data-number=${item.number} @click=${() => this.open(item.number)}>${item.number}</button>
                      </th>
                      <td>${item.fullName}</td>
                      <td>${statusBadge(item.status, this.statuses)}</td>
                      <td>${moscowTime(item.createdAt)}</td>
                      <td>${moscowTime(item.answerDueAt)}${item.overdue ? html`<br /><span class="overdue">${m.overdue}</span>` : nothing}</td>
                    </tr>
                  `,
                )}
              </tbody>
            </table>
            ${pages > 1
              ? html`<nav class="pagination" aria-label=${m.pagination}>
                  <button class="button-secondary" type="button" ?disabled=${result.page <= 1} @click=${() => void this.goTo(result.page - 1)}>${m.previous}</button>
                  <span>${m.page(result.page, pages)}</span>
                  <button class="button-secondary" type="button" ?disabled=${result.page >= pages} @click=${() => void this.goTo(result.page + 1)}>${m.next}</button>
                </nav>`
              : nothing}
          `
        : nothing}
    `;
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const q = (form.elements.namedItem('q') as HTMLInputElement).value.trim();
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value;
    void this.load({ ...(q ? { q } : {}), ...(status ? { status } : {}), page: 1 });
  }

  private reset() {
    const form = this.renderRoot.querySelector('form')!;
    form.reset();
    (form.elements.namedItem('q') as HTMLInputElement).value = '';
    (form.elements.namedItem('status') as HTMLSelectElement).value = '';
    void this.load({ page: 1 });
  }

  /** Another page: focus goes to the table's caption (the pressed button may now be disabled). */
  private async goTo(page: number) {
    await this.load({ ...this.query, page });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('caption')?.focus();
  }

  private open(number: string) {
    this.dispatchEvent(new CustomEvent<string>('open-request', { detail: number, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-request-list': GsOperatorRequestList;
  }
}
