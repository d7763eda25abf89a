import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiRequestError } from '../src/api/client.js';
import { CALLBACK_STATUSES } from '../src/protocol/callback.js';
import type { StatusDefinition } from '../src/protocol/status.js';
import { errorText, type CallbackOutcome, type OperatorApi, type OperatorCallback } from './api.js';
import { statusBadge } from './badge.js';
import { formatPhone, telHref, zonedRange, zonedTime } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/** Badge colours of the callback statuses (the label always beside the colour). */
const COLORS: Record<string, string> = { scheduled: '#0d4cd3', no_answer: '#8a5300', called: '#0b6b2f', cancelled: '#505a66' };

export const CALLBACK_BADGES: StatusDefinition[] = CALLBACK_STATUSES.map((code) => ({
  code,
  label: { ru: messages.callbacks.statuses[code] ?? code, en: code },
  final: code === 'called' || code === 'cancelled',
  color: COLORS[code] ?? '#505a66',
}));

const OPEN = new Set(['scheduled', 'no_answer']);
const OUTCOMES: readonly CallbackOutcome[] = ['called', 'no_answer', 'cancelled'];

/** The event an item fires when the server has recorded an outcome (detail: the new callback). */
export class CallbackUpdatedEvent extends Event {
  constructor(readonly callback: OperatorCallback) {
    super('callback-updated', { bubbles: true, composed: true });
  }
}

/**
 * One callback of the queue: when it is due (in the line's zone), who and why, the phone to dial,
 * its history, and — while it is open — the outcome buttons with an optional internal note.
 * Data is bound as text only. After an outcome the item updates in place and its heading takes
 * focus (the pressed button may be gone); a status line says what was recorded.
 */
@customElement('gs-operator-callback-item')
export class GsOperatorCallbackItem extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
      }
      article {
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        padding: calc(var(--_gs-space) * 1.5) calc(var(--_gs-space) * 2);
      }
      article.closed {
        background: var(--_gs-color-surface);
      }
      h2 {
        font-size: 1.125em;
        margin: 0 0 var(--_gs-space);
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--_gs-space);
      }
      h3 {
        font-size: 1em;
        margin: calc(var(--_gs-space) * 2) 0 var(--_gs-space);
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(22rem, 100%), 1fr));
        gap: calc(var(--_gs-space) * 2) calc(var(--_gs-space) * 4);
        align-items: start;
      }
      .columns h3:first-child {
        margin-block-start: 0;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
        gap: 4px calc(var(--_gs-space) * 2);
        margin: 0;
      }
      /* Narrow screens: each value under its label (no horizontal scrolling at 320 px). */
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: minmax(0, 1fr);
          gap: 0;
        }
        dd + dt {
          margin-block-start: var(--_gs-space);
        }
      }
      .badge {
        white-space: normal;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      ol.history {
        margin: 0;
        padding-inline-start: 1.25em;
        display: grid;
        gap: 4px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
      }
      .actions button[aria-disabled='true'] {
        opacity: 0.7;
        cursor: progress;
      }
      textarea {
        min-height: 4em;
      }
      .notice {
        margin-block: var(--_gs-space) 0;
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  @property({ attribute: false }) callback!: OperatorCallback;
  /** The line's time zone (every time is shown there, with its abbreviation). */
  @property() timeZone = 'Europe/Moscow';
  /** The queue's day (YYYY-MM-DD): times on other days get their date. */
  @property() day = '';
  @state() private busy: CallbackOutcome | '' = '';
  @state() private result = '';
  @state() private failure = '';
  @query('h2') private heading!: HTMLElement;

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override render() {
    const c = this.callback;
    if (!c) return nothing;
    const open = OPEN.has(c.status);
    return html`
      <article class=${open ? '' : 'closed'} aria-labelledby="title">
        <h2 id="title" tabindex="-1"><span class="due">${this.due(c)}</span> <span class="name">— ${c.name}</span></h2>
        <div class="columns">
          ${this.renderFields(c)}
          <div>${this.renderHistory(c)} ${open ? this.renderActions() : html`<p class="muted">${messages.callbacks.closed}</p>`}</div>
        </div>
        <div role="status" class="notice ${this.result ? '' : 'empty'}" id="result">${this.result}</div>
        <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="error">${this.failure}</div>
      </article>
    `;
  }

  private renderFields(c: OperatorCallback) {
    const m = messages.callbacks;
    const f = m.fields;
    return html`
      <dl>
        <dt>${f.status}</dt>
        <dd>${statusBadge(c.status, CALLBACK_BADGES)}</dd>
        <dt>${f.phone}</dt>
        <dd><a href=${telHref(c.phone)}>${formatPhone(c.phone)}</a></dd>
        <dt>${f.topic}</dt>
        <dd>${messages.requestTypes[c.topic] ?? c.topic}</dd>
        <dt>${f.number}</dt>
        <dd>${c.number}</dd>
        ${c.requestNumber
          ? html`<dt>${f.requestNumber}</dt>
              <dd>${c.requestNumber}</dd>`
          : nothing}
        <dt>${f.comment}</dt>
        <dd class="text">${c.comment ? c.comment : html`<span class="muted">${m.notGiven}</span>`}</dd>
        <dt>${f.attempts}</dt>
        <dd data-field="attempts">${c.attempts}</dd>
        ${c.status === 'no_answer' && c.retryAt
          ? html`<dt>${f.retryAt}</dt>
              <dd data-field="retryAt"><time datetime=${c.retryAt}>${zonedTime(c.retryAt, this.timeZone, this.day)}</time></dd>`
          : nothing}
        ${c.conversationRef
          ? html`<dt>${f.conversation}</dt>
              <dd>${c.conversationRef}</dd>`
          : nothing}
      </dl>
    `;
  }

  /** Who set each status and when, with the operator's note (internal: never shown to the citizen). */
  private renderHistory(c: OperatorCallback) {
    const m = messages.callbacks;
    return html`
      <h3>${m.historyTitle}</h3>
      ${c.history.length
        ? html`<ol class="history">
            ${c.history.map(
              (h) => html`<li>
                <strong>${m.statuses[h.status] ?? h.status}</strong> — ${h.operator ? m.operator(h.operator) : m.citizen},
                <time datetime=${h.at}>${zonedTime(h.at, this.timeZone, this.day)}</time>${h.note ? html`<br /><span class="text">${h.note}</span>` : nothing}
              </li>`,
            )}
          </ol>`
        : html`<p>${m.noHistory}</p>`}
    `;
  }

  /** «11:00–11:30 МСК», or «Как можно скорее (заявка в 10:55 МСК)». */
  private due(c: OperatorCallback) {
    const m = messages.callbacks;
    if (c.asap) {
      return html`${m.asap} (${m.asapSince} <time datetime=${c.createdAt}>${zonedTime(c.createdAt, this.timeZone, this.day)}</time>)`;
    }
    return html`<time datetime=${c.windowStart}>${zonedRange(c.windowStart, c.windowEnd, this.timeZone, this.day)}</time>`;
  }

  private renderActions() {
    const m = messages.callbacks;
    return html`
      <h3 id="actions-title">${m.actionsTitle}</h3>
      <div role="group" aria-labelledby="actions-title">
        <div class="form-control">
          <label for="note">${m.note}</label>
          <span class="hint" id="note-hint">${m.noteHint}</span>
          <textarea id="note" name="note" maxlength="2000" aria-describedby="note-hint"></textarea>
        </div>
        <div class="actions">
          ${OUTCOMES.map(
            (outcome) => html`<button
              type="button"
              class=${outcome === 'called' ? 'button-primary' : 'button-secondary'}
              data-outcome=${outcome}
              aria-describedby="title"
              aria-disabled=${this.busy ? 'true' : 'false'}
              @click=${() => void this.record(outcome)}
            >
              ${this.busy === outcome ? m.saving : m.outcomes[outcome]}
            </button>`,
          )}
        </div>
      </div>
    `;
  }

  private async record(outcome: CallbackOutcome) {
    if (this.busy) return;
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>('#note');
    const note = field?.value.trim() ?? '';
    this.busy = outcome;
    this.result = '';
    this.failure = '';
    try {
      const updated = await this.api.callbackOutcome(this.callback.number, outcome, note || undefined);
      if (field) field.value = '';
      this.callback = updated;
      this.result = this.done(updated, outcome);
      this.dispatchEvent(new CallbackUpdatedEvent(updated));
      this.focusHeading();
    } catch (error) {
      this.failure = this.errorText(error);
    } finally {
      this.busy = '';
    }
  }

  private done(c: OperatorCallback, outcome: CallbackOutcome): string {
    const d = messages.callbacks.done;
    if (outcome === 'no_answer') return d.no_answer(c.retryAt ? zonedTime(c.retryAt, this.timeZone, this.day) : undefined);
    return d[outcome];
  }

  private errorText(error: unknown): string {
    if (error instanceof ApiRequestError) {
      const russian = /[А-Яа-яЁё]/.test(error.message);
      if (error.status === 404 && !russian) return messages.callbacks.notFound;
      if (error.status === 409 && !russian) return messages.callbacks.conflict;
    }
    return errorText(error);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-callback-item': GsOperatorCallbackItem;
  }
  interface GlobalEventHandlersEventMap {
    'callback-updated': CallbackUpdatedEvent;
  }
}
