import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CALLBACK_STATUSES, type CallbackStatus } from '../src/protocol/callback.js';
import { errorText, type CallbackQuery, type OperatorApi, type OperatorCallback, type OperatorCallbackList } from './api.js';
import { AutoRefreshController } from './auto-refresh-controller.js';
import type { CallbackUpdatedEvent, GsOperatorCallbackItem } from './callback-item.js';
import { dayLabel, zonedTime } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';
import './callback-item.js';

/** How often the queue refreshes itself while it is shown. */
export const CALLBACK_REFRESH_MS = 30_000;

/** The deepest focused element, through shadow roots. */
function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/**
 * «Обратные звонки»: the callback queue of one day (today in the line's zone by default) in the
 * server's order, a status filter, a refresh button and a quiet refresh every 30 s. What a
 * refresh changed is said in a polite status line; focus is never moved by it (only put back
 * when the focused item was re-ordered or removed).
 */
@customElement('gs-operator-callback-queue')
export class GsOperatorCallbackQueue extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      .filters .form-control {
        flex: 0 1 16rem;
      }
      ol.queue {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_gs-space) * 2);
      }
      .updated {
        margin: 0 0 var(--_gs-space);
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  /** The filter to show first (kept by the console across screens). */
  @property({ attribute: false }) query: CallbackQuery = {};
  @state() private result?: OperatorCallbackList;
  @state() private loading = false;
  @state() private failure = '';
  /** The polite status line: counts, and what an automatic refresh changed. */
  @state() private announcement = '';
  @state() private updatedAt = '';
  @query('h1') private heading!: HTMLElement;
  private generation = 0;
  private readonly autoRefresh = new AutoRefreshController(this, { intervalMs: CALLBACK_REFRESH_MS, refresh: () => void this.load({ quiet: true }) });

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /**
   * Loads the queue for `this.query`. A quiet load (the 30 s refresh) shows no «Загрузка…» and
   * speaks only when something changed.
   */
  private async load({ quiet = false } = {}) {
    const generation = ++this.generation;
    const query = this.query;
    if (!quiet) {
      this.loading = true;
      this.announcement = messages.loading;
      this.failure = '';
    }
    try {
      const result = await this.api.callbacks(query);
      if (generation !== this.generation) return;
      const previous = this.result;
      const sameQuery = previous && previous.date === result.date && this.shownStatus === query.status;
      this.shownStatus = query.status;
      this.failure = '';
      await this.apply(result);
      const count = messages.callbacks.count(result.items.length);
      if (!quiet || !sameQuery) this.announcement = count;
      else {
        const change = this.diff(previous.items, result.items);
        if (change) this.announcement = `${change}. ${count}`;
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.failure = errorText(error);
      if (!quiet) this.announcement = '';
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private shownStatus: CallbackStatus | undefined;

  /**
   * Shows a new answer. Items keep their elements (keyed by number), so a note being typed
   * survives; when the focused item moved or left the list, focus is put back (or on the status line).
   */
  private async apply(result: OperatorCallbackList) {
    const focused = deepActiveElement();
    const focusedItem = this.focusedItem();
    this.result = result;
    this.updatedAt = zonedTime(new Date().toISOString(), result.timeZone);
    if (!this.query.date) this.query = { ...this.query, date: result.date };
    await this.updateComplete;
    if (!focusedItem || deepActiveElement() === focused) return;
    if (focused?.isConnected) (focused as HTMLElement).focus();
    else if (!result.items.some((i) => i.number === focusedItem)) this.renderRoot.querySelector<HTMLElement>('#queue-status')?.focus();
  }

  /** The number of the item that holds focus, if any. */
  private focusedItem(): string | undefined {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    return active?.localName === 'gs-operator-callback-item' ? (active as GsOperatorCallbackItem).callback?.number : undefined;
  }

  /** «Очередь обновилась: новых: 1, изменилось: 2», or '' when nothing changed. */
  private diff(before: OperatorCallback[], after: OperatorCallback[]): string {
    const old = new Map(before.map((i) => [i.number, JSON.stringify(i)]));
    const now = new Set(after.map((i) => i.number));
    let added = 0;
    let changed = 0;
    for (const item of after) {
      const was = old.get(item.number);
      if (was === undefined) added++;
      else if (was !== JSON.stringify(item)) changed++;
    }
    const removed = before.filter((i) => !now.has(i.number)).length;
    return added || changed || removed ? messages.callbacks.changed(added, changed, removed) : '';
  }

  override render() {
    const m = messages.callbacks;
    const result = this.result;
    const day = this.query.date ?? result?.date ?? '';
    return html`
      <h1 class="heading" tabindex="-1">${m.title}</h1>
      <form class="filters" aria-label=${m.filtersLabel} @submit=${this.submit}>
        <div class="form-control">
          <label for="cb-date">${m.date}</label>
          <input id="cb-date" name="date" type="date" .value=${day} />
        </div>
        <div class="form-control">
          <label for="cb-status">${m.status}</label>
          <select id="cb-status" name="status">
            <option value="" ?selected=${!this.query.status}>${m.anyStatus}</option>
            ${CALLBACK_STATUSES.map((s) => html`<option value=${s} ?selected=${this.query.status === s}>${m.statuses[s]}</option>`)}
          </select>
        </div>
        <button class="button-primary" type="submit">${m.refresh}</button>
      </form>
      <div role="status" class="notice ${this.announcement ? '' : 'empty'}" id="queue-status" tabindex="-1">${this.announcement}</div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="queue-error">${this.failure}</div>
      ${result && this.updatedAt ? html`<p class="updated muted">${m.updated(this.updatedAt)}</p>` : nothing}
      ${result && !this.loading && result.items.length === 0
        ? html`<p id="queue-empty">${this.shownStatus ? m.emptyFiltered : m.empty}</p>`
        : nothing}
      ${result && result.items.length > 0
        ? html`<ol class="queue" aria-label=${m.queueLabel(dayLabel(result.date))}>
            ${repeat(
              result.items,
              (item) => item.number,
              (item) => html`<li>
                <gs-operator-callback-item
                  data-number=${item.number}
                  .api=${this.api}
                  .callback=${item}
                  .timeZone=${result.timeZone}
                  .day=${result.date}
                  @callback-updated=${this.onCallbackUpdated}
                ></gs-operator-callback-item>
              </li>`,
            )}
          </ol>`
        : nothing}
    `;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const date = (form.elements.namedItem('date') as HTMLInputElement).value;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value as CallbackStatus | '';
    this.query = { ...(date ? { date } : {}), ...(status ? { status } : {}) };
    this.dispatchEvent(new CustomEvent<CallbackQuery>('callback-query', { detail: this.query, bubbles: true, composed: true }));
    this.autoRefresh.restart();
    void this.load();
  }

  /** An outcome was recorded: the item changes in place; a refresh already under way is dropped. */
  private onCallbackUpdated(event: CallbackUpdatedEvent) {
    if (!this.result) return;
    this.generation++;
    this.loading = false;
    const items = this.result.items.map((i) => (i.number === event.callback.number ? event.callback : i));
    this.result = { ...this.result, items };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-callback-queue': GsOperatorCallbackQueue;
  }
}
