import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { StatusDefinition } from '../src/protocol/status.js';
import { errorText, type ListQuery, type OperatorApi, type OperatorRequestList, type OperatorRequestSummary } from './api.js';
import { statusBadge } from './badge.js';
import { moscowDateTime } from './date-time.js';
import { alertIcon, clockIcon } from './icons.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/**
 * «Обращения»: search (q), status filter, order (newest first or by answer due date), a page of
 * 20; each row shows the type (a fraud report marked), a preview of the description and an
 * overdue mark beside the due date (an icon and a word, not the colour alone), and opens the request.
 */
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
      /* Narrow windows scroll the table sideways (focusable, so that the keyboard can too). */
      .table-wrap {
        overflow-x: auto;
      }
      .table-wrap:focus-visible {
        outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
        outline-offset: 2px;
      }
      tbody tr.row-overdue > th {
        box-shadow: inset 6px 0 0 var(--_gs-color-danger);
        padding-inline-start: calc(var(--_gs-space) + 6px);
      }
      .subject {
        min-width: 14rem;
      }
      .type {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-weight: 600;
      }
      .type.fraud {
        padding: 1px 8px;
        border-radius: var(--_gs-radius-small);
        background: var(--_gs-color-danger);
        color: var(--_gs-color-on-primary);
      }
      .preview {
        margin: 4px 0 0;
        color: var(--_gs-color-text-muted);
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        overflow: hidden;
      }
      td .overdue-tag {
        margin-block-start: 4px;
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
    // A count is news, not a success: «Найдено: 0» especially is not.
    const statusKind = !status ? 'empty' : !this.loading && result?.total === 0 ? 'none' : 'info';
    const sort = this.query.sort ?? 'created';
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
        <div class="form-control">
          <label for="sort">${m.sort}</label>
          <select id="sort" name="sort">
            ${(['created', 'due'] as const).map((code) => html`<option value=${code} ?selected=${sort === code}>${m.sorts[code]}</option>`)}
          </select>
        </div>
        <div class="actions">
          <button class="button-primary" type="submit">${m.search}</button>
          <button class="button-secondary" type="button" @click=${this.reset}>${m.reset}</button>
        </div>
      </form>
      <div role="status" class="notice ${statusKind}" id="list-status">${status}</div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="list-error">${this.failure}</div>
      ${result && result.items.length === 0 ? html`<p>${m.empty}</p>` : nothing}
      ${result && result.items.length > 0
        ? html`
            <div class="table-wrap" role="region" aria-labelledby="list-caption" tabindex="0">
              <table>
                <caption id="list-caption" tabindex="-1">${m.caption}, ${m.page(result.page, pages).toLowerCase()}</caption>
                <thead>
                  <tr>
                    <th scope="col">${m.columns.number}</th>
                    <th scope="col">${m.columns.subject}</th>
                    <th scope="col">${m.columns.fullName}</th>
                    <th scope="col">${m.columns.status}</th>
                    <th scope="col" aria-sort=${sort === 'created' ? 'descending' : 'none'}>${m.columns.createdAt}</th>
                    <th scope="col" aria-sort=${sort === 'due' ? 'ascending' : 'none'}>${m.columns.answerDueAt}</th>
                  </tr>
                </thead>
                <tbody>
                  ${result.items.map((item) => this.renderRow(item))}
                </tbody>
              </table>
            </div>
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

  private renderRow(item: OperatorRequestSummary) {
    const m = messages.list;
    const fraud = item.type === 'fraud';
    return html`
      <tr class=${item.overdue ? 'row-overdue' : ''} data-number=${item.number} data-type=${item.type}>
        <th scope="row">
          <button class="link-button nowrap" type="button" data-number=${item.number} @click=${() => this.open(item.number)}>${item.number}</button>
        </th>
        <td class="subject">
          <span class="type ${fraud ? 'fraud' : ''}">${fraud ? alertIcon : nothing}${messages.requestTypes[item.type] ?? item.type}</span>
          <p class="preview">${item.descriptionPreview}</p>
        </td>
        <td>${item.fullName}</td>
        <td>${statusBadge(item.status, this.statuses)}</td>
        <td>${moscowDateTime(item.createdAt)}</td>
        <td>
          ${moscowDateTime(item.answerDueAt)}
          ${item.overdue ? html`<br /><span class="overdue-tag">${clockIcon}${m.overdue}</span>` : nothing}
        </td>
      </tr>
    `;
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const q = (form.elements.namedItem('q') as HTMLInputElement).value.trim();
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value;
    const sort = (form.elements.namedItem('sort') as HTMLSelectElement).value;
    void this.load({ ...(q ? { q } : {}), ...(status ? { status } : {}), ...(sort === 'due' ? { sort: 'due' as const } : {}), page: 1 });
  }

  private reset() {
    const form = this.renderRoot.querySelector('form')!;
    form.reset();
    (form.elements.namedItem('q') as HTMLInputElement).value = '';
    (form.elements.namedItem('status') as HTMLSelectElement).value = '';
    (form.elements.namedItem('sort') as HTMLSelectElement).value = 'created';
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
