import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CONTACT_CHANNELS } from '../src/protocol/quality.js';
import { errorText, fieldErrors, type ContactChannel, type OperatorApi, type OperatorSurveyAnswer, type OperatorSurveyList, type SurveyQuery } from './api.js';
import { moscowDateTime } from './date-time.js';
import { DownloadUrlController } from './download-url-controller.js';
import { channelTopic, periodText, surveyAnswersCsv, type Period } from './figures-format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

const m = messages.figures.surveys;
type Field = 'channel' | 'from' | 'to';
const FIELDS: readonly Field[] = ['channel', 'from', 'to'];

/**
 * «Отзывы граждан»: the survey answers of a period (the figures' period by default) and channel,
 * newest first, 20 a page: the answer, rating, comment, channel and topic, operator, and whose
 * contact it was only when the citizen allowed it (the server leaves the reference out otherwise).
 *
 * @summary The citizens' survey answers, filtered and paged.
 */
@customElement('gs-operator-survey-answers')
export class GsOperatorSurveyAnswers extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      .filters .form-control {
        flex: 0 1 14rem;
        min-width: 0;
      }
      ol.answers {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_gs-space) * 1.5);
      }
      ol.answers > li {
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
      }
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) 1fr;
        gap: 4px calc(var(--_gs-space) * 2);
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-line;
      }
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-block-end: 4px;
        }
      }
      .pagination {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        align-items: center;
        margin-block-start: calc(var(--_gs-space) * 2);
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  /** The figures' period: the answers' period follows it until changed here. */
  @property({ attribute: false }) period?: Period;
  /** Service code → its Russian name (visits' topics). */
  @property({ attribute: false }) services: ReadonlyMap<string, string> = new Map();
  @state() private result?: OperatorSurveyList;
  @state() private loading = false;
  @state() private failure = '';
  @state() private announcement = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private preparing = false;
  private filter: SurveyQuery = {};
  private generation = 0;
  private readonly csvFile = new DownloadUrlController(this);
  private aborter?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    this.aborter = new AbortController();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.aborter?.abort();
    this.generation++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('period') as Period | undefined;
    if (changed.has('period') && this.period && (before?.from !== this.period.from || before?.to !== this.period.to)) {
      this.filter = { ...(this.filter.channel ? { channel: this.filter.channel } : {}), from: this.period.from, to: this.period.to };
      void this.load();
    }
  }

  private async load(focusList = false) {
    const generation = ++this.generation;
    const asked = this.filter;
    this.loading = true;
    this.announcement = messages.loading;
    this.failure = '';
    this.errors = {};
    try {
      const result = await this.api.surveys(asked, this.aborter?.signal);
      if (generation !== this.generation) return;
      this.result = result;
      this.announcement = result.total === 0 ? m.empty : m.count(result.total);
      if (focusList) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#answers-title')?.focus();
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.result = undefined;
      this.announcement = '';
      const fields = fieldErrors(error);
      const known = FIELDS.filter((f) => fields[f]);
      this.errors = Object.fromEntries(known.map((f) => [f, fields[f]!]));
      this.failure = known.length ? messages.figures.invalid : errorText(error);
      if (known.length) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#sv-${known[0]}`)?.focus();
      }
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
    const channel = value('channel') as ContactChannel | '';
    this.filter = { ...(channel ? { channel } : {}), ...(value('from') ? { from: value('from') } : {}), ...(value('to') ? { to: value('to') } : {}) };
    void this.load();
  }

  /** Every answer of the filter (not only this page) as CSV, downloaded when ready. */
  private async downloadCsv() {
    if (this.preparing) return;
    const { page: _page, ...filter } = this.filter;
    this.preparing = true;
    this.announcement = m.csvPreparing;
    this.failure = '';
    try {
      const all = await this.api.allSurveys(filter, this.aborter?.signal);
      const link = document.createElement('a');
      link.href = this.csvFile.urlOf(surveyAnswersCsv(all.items, this.services));
      link.download = `survey-answers-${filter.from ?? 'start'}-${filter.to ?? 'now'}${filter.channel ? `-${filter.channel}` : ''}.csv`;
      link.hidden = true;
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      this.announcement = all.truncated ? m.csvTruncated(all.items.length, all.total) : m.csvReady(all.items.length);
    } catch (error) {
      this.announcement = '';
      this.failure = errorText(error);
    } finally {
      this.preparing = false;
    }
  }

  private goTo(page: number) {
    this.filter = { ...this.filter, page };
    void this.load(true);
  }

  override render() {
    const result = this.result;
    const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
    return html`
      <section aria-labelledby="answers-title">
        <h2 class="section" id="answers-title" tabindex="-1">${m.title}</h2>
        <p>${m.intro}</p>
        <form class="filters" aria-label=${m.filtersLabel} novalidate @submit=${this.submit}>
          <div class="form-control ${this.errors.channel ? 'has-error' : ''}">
            <label for="sv-channel">${m.channel}</label>
            ${this.errorOf('channel')}
            <select id="sv-channel" name="channel" aria-invalid=${this.errors.channel ? 'true' : 'false'}>
              <option value="" ?selected=${!this.filter.channel}>${m.anyChannel}</option>
              ${CONTACT_CHANNELS.map((c) => html`<option value=${c} ?selected=${this.filter.channel === c}>${messages.figures.channels[c]}</option>`)}
            </select>
          </div>
          ${this.dateField('from', messages.figures.from, this.filter.from ?? '')} ${this.dateField('to', messages.figures.to, this.filter.to ?? '')}
          <button class="button-primary" type="submit">${m.show}</button>
        </form>
        <div role="status" class="notice ${this.announcement ? '' : 'empty'}" id="answers-status">${this.announcement}</div>
        <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="answers-error">${this.failure}</div>
        ${result && !this.loading && result.items.length > 0
          ? html`<p class="downloads">
                <button class="link-button" type="button" id="answers-csv" ?disabled=${this.preparing} @click=${this.downloadCsv}>
                  ${m.csv}<span class="visually-hidden">: ${m.title.toLowerCase()}</span>
                </button>
              </p>
              <ol class="answers" aria-label=${`${m.listLabel} ${this.filter.from && this.filter.to ? periodText({ from: this.filter.from, to: this.filter.to }) : ''}, ${m.page(result.page, pages).toLowerCase()}`}>
                ${result.items.map((a) => this.renderAnswer(a))}
              </ol>
              ${pages > 1
                ? html`<nav class="pagination" aria-label=${m.pagination}>
                    <button class="button-secondary" type="button" ?disabled=${result.page <= 1} @click=${() => this.goTo(result.page - 1)}>${m.previous}</button>
                    <span>${m.page(result.page, pages)}</span>
                    <button class="button-secondary" type="button" ?disabled=${result.page >= pages} @click=${() => this.goTo(result.page + 1)}>${m.next}</button>
                  </nav>`
                : nothing}`
          : nothing}
      </section>
    `;
  }

  private dateField(name: 'from' | 'to', label: string, value: string) {
    const error = this.errors[name];
    return html`<div class="form-control ${error ? 'has-error' : ''}">
      <label for="sv-${name}">${label}</label>
      ${this.errorOf(name)}
      <input id="sv-${name}" name=${name} type="date" .value=${value} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `sv-${name}-error` : nothing} />
    </div>`;
  }

  private errorOf(name: Field) {
    const error = this.errors[name];
    return error
      ? html`<span class="error" id="sv-${name}-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${error}</span>`
      : nothing;
  }

  private renderAnswer(a: OperatorSurveyAnswer) {
    return html`<li data-channel=${a.channel}>
      <dl>
        <dt>${m.answeredAt}</dt>
        <dd data-field="answeredAt">${moscowDateTime(a.answeredAt)}</dd>
        <dt>${m.question}</dt>
        <dd data-field="resolved">${m.resolved[a.resolved]}</dd>
        <dt>${m.ratingLabel}</dt>
        <dd data-field="rating">${m.rating(a.rating)}</dd>
        <dt>${m.comment}</dt>
        <dd data-field="comment" class=${a.comment ? '' : 'muted'}>${a.comment ?? m.noComment}</dd>
        <dt>${m.topic}</dt>
        <dd data-field="topic">${channelTopic(a.channel, a.topic, this.services)}</dd>
        <dt>${m.operator}</dt>
        <dd data-field="operator" class=${a.operator ? '' : 'muted'}>${a.operator ?? m.noOperator}</dd>
        <dt>${m.reference}</dt>
        <dd data-field="reference" class=${a.reference ? '' : 'muted'}>${a.reference ?? m.notShared}</dd>
      </dl>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-survey-answers': GsOperatorSurveyAnswers;
  }
}
