import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { StatusDefinition } from '../../src/protocol/status.js';
import { errorText, type OperatorApi, type OperatorHistoryEntry, type OperatorRequestDetail } from './api.js';
import { statusBadge, statusLabel } from './badge.js';
import { moscowTime } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/**
 * One request: its fields (text bindings only, never HTML from data), attachments as downloads,
 * the full history with internal notes, and the forms to change the status and add a note.
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
      <h1 class="heading" tabindex="-1">${m.title(this.number)}</h1>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="detail-error">${this.failure}</div>
      ${r ? this.renderRequest(r) : this.failure ? nothing : html`<p role="status">${messages.loading}</p>`}
    `;
  }

  private renderRequest(r: OperatorRequestDetail) {
    const m = messages.detail;
    const f = m.fields;
    const text = (value: string | undefined) => (value ? value : html`<span class="muted">${m.notGiven}</span>`);
    const incident = [r.incidentDate, r.incidentTime].filter(Boolean).join(' ');
    return html`
      <div class="columns">
        <section aria-labelledby="fields-title">
          <h2 class="section" id="fields-title">${m.fieldsTitle}</h2>
          <dl class="fields">
            <dt>${f.number}</dt>
            <dd>${r.number}</dd>
            <dt>${f.status}</dt>
            <dd>${statusBadge(r.status, this.statuses)}</dd>
            <dt>${f.type}</dt>
            <dd>${messages.requestTypes[r.type] ?? r.type}</dd>
            <dt>${f.createdAt}</dt>
            <dd>${moscowTime(r.createdAt)}</dd>
            <dt>${f.answerDueAt}</dt>
            <dd>${moscowTime(r.answerDueAt)}${r.overdue ? html` <span class="overdue">— ${m.overdue}</span>` : nothing}</dd>
            <dt>${f.fullName}</dt>
            <dd>${r.fullName}</dd>
            <dt>${f.phone}</dt>
            <dd>${r.phone}</dd>
            <dt>${f.email}</dt>
            <dd>${text(r.email)}</dd>
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
            ? html`<ol class="history" aria-labelledby="history-title">
                ${r.history.map((entry) => this.renderEntry(entry))}
              </ol>`
            : html`<p>${m.noHistory}</p>`}
          ${this.renderStatusForm(r)} ${this.renderNoteForm()}
        </section>
      </div>
    `;
  }

  private renderEntry(entry: OperatorHistoryEntry) {
    const m = messages.detail;
    if (entry.internal) {
      return html`<li class="internal" data-kind="note">
        <div class="entry-head"><span class="entry-kind">${m.internalNote}</span></div>
        ${entry.comment ? html`<p class="entry-text">${entry.comment}</p>` : nothing}
        <p class="muted">${entry.operator ? html`${m.operator(entry.operator)}, ` : nothing}<time datetime=${entry.at}>${moscowTime(entry.at)}</time></p>
      </li>`;
    }
    return html`<li data-kind="status">
      <div class="entry-head"><span class="entry-kind">${m.statusChange}:</span> ${statusBadge(entry.status, this.statuses)}</div>
      ${entry.comment ? html`<p class="entry-text"><strong>${m.commentForCitizen}:</strong> ${entry.comment}</p>` : nothing}
      <p class="muted">${entry.operator ? html`${m.operator(entry.operator)}, ` : nothing}<time datetime=${entry.at}>${moscowTime(entry.at)}</time></p>
    </li>`;
  }

  private renderStatusForm(r: OperatorRequestDetail) {
    const m = messages.detail;
    return html`
      <h2 class="section" id="status-form-title">${m.statusFormTitle}</h2>
      <form aria-labelledby="status-form-title" @submit=${this.changeStatus}>
        <div class="form-control">
          <label for="new-status">${m.newStatus}</label>
          <select id="new-status" name="status">
            ${this.statuses.map((s) => html`<option value=${s.code} ?selected=${s.code === r.status}>${s.label.ru}</option>`)}
          </select>
        </div>
        <div class="form-control">
          <label for="comment">${m.comment}</label>
          <span class="hint" id="comment-hint">${m.commentHint}</span>
          <textarea id="comment" name="comment" maxlength="2000" aria-describedby="comment-hint"></textarea>
        </div>
        <div role="status" class="notice ${this.statusResult ? '' : 'empty'}" id="status-result">${this.statusResult}</div>
        <div role="alert" class="notice error ${this.statusError ? '' : 'empty'}" id="status-error">${this.statusError}</div>
        <button class="button-primary" type="submit" ?disabled=${this.busy !== ''}>${this.busy === 'status' ? m.saving : m.changeStatus}</button>
      </form>
    `;
  }

  private renderNoteForm() {
    const m = messages.detail;
    const error = this.noteFieldError;
    return html`
      <h2 class="section" id="note-form-title">${m.noteFormTitle}</h2>
      <form aria-labelledby="note-form-title" novalidate @submit=${this.addNote}>
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
    `;
  }

  private async changeStatus(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value;
    const commentField = form.elements.namedItem('comment') as HTMLTextAreaElement;
    const comment = commentField.value.trim();
    this.statusResult = '';
    this.statusError = '';
    this.busy = 'status';
    try {
      this.request = await this.api.changeStatus(this.number, status, comment || undefined);
      commentField.value = '';
      this.statusResult = messages.detail.statusChanged(statusLabel(this.request.status, this.statuses));
    } catch (error) {
      this.statusError = errorText(error);
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
