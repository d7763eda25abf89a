import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { StatusDefinition } from '../src/protocol/status.js';
import { ApiRequestError } from '../src/api/client.js';
import { errorText, type OperatorApi, type OperatorHistoryEntry, type OperatorRequestDetail } from './api.js';
import { statusBadge, statusLabel } from './badge.js';
import { moscowDateTime } from './date-time.js';
import { dayAndTime, formatPhone, mailtoHref, telHref } from './format.js';
import { clockIcon, lockIcon, sendIcon } from './icons.js';
import { messages } from './messages.js';
import './request-stages-view.js';
import type { RequestUpdatedEvent } from './request-stages-view.js';
import { consoleSheets } from './styles.js';

/**
 * One request: its fields (text bindings only, never HTML from data; the phone and e-mail as
 * tel: and mailto: links), attachments as downloads, the full history with internal notes (newest
 * first, as the citizen sees it), and two forms that look and read differently: the status with a
 * comment that goes to the citizen, and the internal note that only operators see. A «change» to
 * the status the request has, without a comment, is refused here and by the server.
 */
@customElement('gs-operator-request-detail')
export class GsOperatorRequestDetail extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      dl.fields {
        display: grid;
        grid-template-columns: minmax(10rem, max-content) 1fr;
        gap: var(--_gs-space) calc(var(--_gs-space) * 2);
      }
      dt {
        font-weight: 600;
      }
      .description {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      ul.plain {
        margin: 0;
        padding-inline-start: 1.25em;
      }
      ol.history {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: calc(var(--_gs-space) * 1.5);
      }
      ol.history > li {
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
      }
      ol.history > li.internal {
        background: var(--_gs-color-surface);
        border-inline-start: 6px solid var(--_gs-color-text-muted);
      }
      ol.history > li.citizen {
        border-inline-start: 6px solid var(--_gs-color-primary);
      }
      .history-order {
        margin: calc(var(--_gs-space) * -1) 0 var(--_gs-space);
      }
      /* The two forms: a colour band, a heading and a line saying who will read it. */
      .form-card {
        margin-block-start: calc(var(--_gs-space) * 3);
        padding: calc(var(--_gs-space) * 1.5) calc(var(--_gs-space) * 2);
        border: 1px solid var(--_gs-color-border);
        border-inline-start-width: 8px;
        border-radius: var(--_gs-radius-small);
      }
      .form-card.citizen {
        border-inline-start-color: var(--_gs-color-primary);
      }
      .form-card.internal {
        border-inline-start-color: var(--_gs-color-text-muted);
        border-style: dashed;
        border-inline-start-style: solid;
        background: var(--_gs-color-surface);
      }
      .form-card h2.section {
        margin-block-start: 0;
        margin-block-end: var(--_gs-space);
      }
      .audience {
        display: flex;
        gap: 6px;
        align-items: baseline;
        margin: 0 0 calc(var(--_gs-space) * 1.5);
        font-weight: 600;
      }
      .audience .icon {
        align-self: center;
      }
      .form-card.citizen .audience {
        color: var(--_gs-color-primary);
      }
      .entry-head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
        align-items: center;
        margin-block-end: 4px;
      }
      .entry-kind {
        font-weight: 700;
      }
      .entry-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 4px 0;
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: calc(var(--_gs-space) * 4);
      }
      .back {
        margin-block-end: var(--_gs-space);
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  @property({ attribute: false }) statuses: StatusDefinition[] = [];
  @property() number = '';
  @state() private request?: OperatorRequestDetail;
  @state() private failure = '';
  @state() private statusResult = '';
  @state() private statusError = '';
  @state() private noteResult = '';
  @state() private noteError = '';
  @state() private noteFieldError = '';
  @state() private statusFieldError = '';
  @state() private busy: 'status' | 'note' | '' = '';
  @query('h1') private heading!: HTMLElement;

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    this.failure = '';
    try {
      this.request = await this.api.detail(this.number);
    } catch (error) {
      this.failure = errorText(error);
    }
  }

  override render() {
    const m = messages.detail;
    const r = this.request;
    return html`
      <p class="back"><button class="link-button" type="button" @click=${this.back}>← ${m.back}</button></p>
      <h1 class="heading" tabindex="-1">${m.title} <span class="nowrap">${this.number}</span></h1>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="detail-error">${this.failure}</div>
      ${r ? this.renderRequest(r) : this.failure ? nothing : html`<p role="status">${messages.loading}</p>`}
    `;
  }

  private renderRequest(r: OperatorRequestDetail) {
    const m = messages.detail;
    const f = m.fields;
    const text = (value: string | undefined) => (value ? value : html`<span class="muted">${m.notGiven}</span>`);
    const incident = dayAndTime(r.incidentDate, r.incidentTime);
    return html`
      <div class="columns">
        <section aria-labelledby="fields-title">
          <h2 class="section" id="fields-title">${m.fieldsTitle}</h2>
          <dl class="fields">
            <dt>${f.number}</dt>
            <dd class="nowrap">${r.number}</dd>
            <dt>${f.status}</dt>
            <dd>${statusBadge(r.status, this.statuses)}</dd>
            <dt>${f.type}</dt>
            <dd>${messages.requestTypes[r.type] ?? r.type}</dd>
            <dt>${f.createdAt}</dt>
            <dd>${moscowDateTime(r.createdAt)}</dd>
            <dt>${f.answerDueAt}</dt>
            <dd>${moscowDateTime(r.answerDueAt)}${r.overdue ? html` <span class="overdue-tag">${clockIcon}${m.overdue}</span>` : nothing}</dd>
            <dt>${f.fullName}</dt>
            <dd>${r.fullName}</dd>
            <dt>${f.phone}</dt>
            <dd><a class="nowrap" href=${telHref(r.phone)}>${formatPhone(r.phone)}</a></dd>
            <dt>${f.email}</dt>
            <dd>${r.email ? html`<a class="email" href=${mailtoHref(r.email)}>${r.email}</a>` : text(undefined)}</dd>
            <dt>${f.answerChannel}</dt>
            <dd>${messages.answerChannels[r.answerChannel] ?? r.answerChannel}</dd>
            <dt>${f.serviceNumber}</dt>
            <dd>${text(r.serviceNumber)}</dd>
            ${incident ? html`<dt>${f.incident}</dt><dd>${incident}</dd>` : nothing}
            <dt>${f.links}</dt>
            <dd>
              ${r.links.length
                ? html`<ul class="plain">
                    ${r.links.map((link) => html`<li class="description">${link}</li>`)}
                  </ul>`
                : text(undefined)}
            </dd>
            <dt>${f.description}</dt>
            <dd class="description">${r.description}</dd>
          </dl>

          <h2 class="section" id="attachments-title">${m.attachmentsTitle}</h2>
          ${r.attachments.length
            ? html`<ul class="plain" aria-labelledby="attachments-title">
                ${r.attachments.map(
                  (a) => html`<li><a href=${this.api.attachmentUrl(a.id)} download=${a.name}>${m.download(a.name, messages.bytes(a.size))}</a></li>`,
                )}
              </ul>`
            : html`<p>${m.noAttachments}</p>`}
        </section>

        <section aria-labelledby="history-title">
          <h2 class="section" id="history-title">${m.historyTitle}</h2>
          ${r.history.length
            ? html`<p class="muted history-order">${m.historyOrder}</p>
                <ol class="history" aria-labelledby="history-title">
                  ${[...r.history].reverse().map((entry) => this.renderEntry(entry))}
                </ol>`
            : html`<p>${m.noHistory}</p>`}
          ${this.renderStatusForm(r)} ${this.renderNoteForm()}
        </section>
      </div>
      <gs-operator-request-stages
        .api=${this.api}
        .stages=${r.stages}
        .statuses=${this.statuses}
        number=${r.number}
        @request-updated=${(event: RequestUpdatedEvent) => (this.request = event.request)}
        @request-stale=${() => void this.load()}
      ></gs-operator-request-stages>
    `;
  }

  private renderEntry(entry: OperatorHistoryEntry) {
    const m = messages.detail;
    if (entry.internal) {
      return html`<li class="internal" data-kind="note">
        <div class="entry-head"><span class="entry-kind">${m.internalNote}</span></div>
        ${entry.comment ? html`<p class="entry-text">${entry.comment}</p>` : nothing}
        <p class="muted">${entry.operator ? html`${m.operator(entry.operator)}, ` : nothing}${moscowDateTime(entry.at)}</p>
      </li>`;
    }
    return html`<li class="citizen" data-kind="status">
      <div class="entry-head"><span class="entry-kind">${m.statusChange}:</span> ${statusBadge(entry.status, this.statuses)}</div>
      ${entry.comment ? html`<p class="entry-text"><strong>${m.commentForCitizen}:</strong> ${entry.comment}</p>` : nothing}
      <p class="muted">${entry.operator ? html`${m.operator(entry.operator)}, ` : nothing}${moscowDateTime(entry.at)}</p>
    </li>`;
  }

  private renderStatusForm(r: OperatorRequestDetail) {
    const m = messages.detail;
    const error = this.statusFieldError;
    return html`
      <div class="form-card citizen" data-audience="citizen">
        <h2 class="section" id="status-form-title">${m.statusFormTitle}</h2>
        <p class="audience" id="status-audience">${sendIcon}<span>${m.statusAudience}</span></p>
        <form aria-labelledby="status-form-title" aria-describedby="status-audience" novalidate @submit=${this.changeStatus}>
          <div class="form-control ${error ? 'has-error' : ''}">
            <label for="new-status">${m.newStatus}</label>
            ${error ? html`<span class="error" id="new-status-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${error}</span>` : nothing}
            <select
              id="new-status"
              name="status"
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? 'new-status-error' : nothing}
              @change=${() => (this.statusFieldError = '')}
            >
              ${this.statuses.map((s) => html`<option value=${s.code} ?selected=${s.code === r.status}>${s.label.ru}</option>`)}
            </select>
          </div>
          <div class="form-control">
            <label for="comment">${m.comment}</label>
            <span class="hint" id="comment-hint">${m.commentHint}</span>
            <textarea id="comment" name="comment" maxlength="2000" aria-describedby="comment-hint" @input=${() => (this.statusFieldError = '')}></textarea>
          </div>
          <div role="status" class="notice ${this.statusResult ? '' : 'empty'}" id="status-result">${this.statusResult}</div>
          <div role="alert" class="notice error ${this.statusError ? '' : 'empty'}" id="status-error">${this.statusError}</div>
          <button class="button-primary" type="submit" ?disabled=${this.busy !== ''}>${this.busy === 'status' ? m.saving : m.changeStatus}</button>
        </form>
      </div>
    `;
  }

  private renderNoteForm() {
    const m = messages.detail;
    const error = this.noteFieldError;
    return html`
      <div class="form-card internal" data-audience="operators">
        <h2 class="section" id="note-form-title">${m.noteFormTitle}</h2>
        <p class="audience" id="note-audience">${lockIcon}<span>${m.noteAudience}</span></p>
        <form aria-labelledby="note-form-title" aria-describedby="note-audience" novalidate @submit=${this.addNote}>
          <div class="form-control ${error ? 'has-error' : ''}">
            <label for="note">${m.note}</label>
            <span class="hint" id="note-hint">${m.noteHint}</span>
            ${error ? html`<span class="error" id="note-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${error}</span>` : nothing}
            <textarea
              id="note"
              name="note"
              maxlength="4000"
              required
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby="note-hint${error ? ' note-error' : ''}"
            ></textarea>
          </div>
          <div role="status" class="notice ${this.noteResult ? '' : 'empty'}" id="note-result">${this.noteResult}</div>
          <div role="alert" class="notice error ${this.noteError ? '' : 'empty'}" id="note-error-summary">${this.noteError}</div>
          <button class="button-primary" type="submit" ?disabled=${this.busy !== ''}>${this.busy === 'note' ? m.saving : m.addNote}</button>
        </form>
      </div>
    `;
  }

  private async changeStatus(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy || !this.request) return;
    const form = event.currentTarget as HTMLFormElement;
    const statusField = form.elements.namedItem('status') as HTMLSelectElement;
    const status = statusField.value;
    const commentField = form.elements.namedItem('comment') as HTMLTextAreaElement;
    const comment = commentField.value.trim();
    this.statusResult = '';
    this.statusError = '';
    // Nothing would change for the citizen: say so at the field (the server refuses it too).
    this.statusFieldError = status === this.request.status && !comment ? messages.detail.sameStatus(statusLabel(status, this.statuses)) : '';
    if (this.statusFieldError) {
      await this.updateComplete;
      statusField.focus();
      return;
    }
    this.busy = 'status';
    try {
      this.request = await this.api.changeStatus(this.number, status, comment || undefined);
      commentField.value = '';
      this.statusResult = messages.detail.statusChanged(statusLabel(this.request.status, this.statuses));
    } catch (error) {
      this.statusError = errorText(error);
      // Someone else changed the request meanwhile: show what it is now.
      if (error instanceof ApiRequestError && error.status === 409) void this.load();
    } finally {
      this.busy = '';
    }
  }

  private async addNote(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('note') as HTMLTextAreaElement;
    const note = field.value.trim();
    this.noteResult = '';
    this.noteError = '';
    this.noteFieldError = note ? '' : messages.detail.noteRequired;
    if (!note) {
      field.focus();
      return;
    }
    this.busy = 'note';
    try {
      this.request = await this.api.addNote(this.number, note);
      field.value = '';
      this.noteResult = messages.detail.noteAdded;
    } catch (error) {
      this.noteError = errorText(error);
    } finally {
      this.busy = '';
    }
  }

  private back() {
    this.dispatchEvent(new CustomEvent('go-back', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-request-detail': GsOperatorRequestDetail;
  }
}
