import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiRequestError } from '../src/api/client.js';
import { REVIEW_OUTCOME_LABELS, REVIEW_OUTCOMES, type RequestStage, type ReviewOutcome } from '../src/protocol/review.js';
import type { StatusDefinition } from '../src/protocol/status.js';
import { errorText, type OperatorApi, type OperatorRequestDetail, type OperatorRequestStages } from './api.js';
import { statusLabel } from './badge.js';
import { moscowDateTime } from './date-time.js';
import { messages, stageMessages as m } from './messages.js';
import { consoleSheets } from './styles.js';

/** The request changed here (a review, an analysis, a reopening): its new detail. */
export class RequestUpdatedEvent extends Event {
  constructor(readonly request: OperatorRequestDetail) {
    super('request-updated', { bubbles: true, composed: true });
  }
}

type Field = 'outcome' | 'remark' | 'reason';
type Action = 'review' | 'analysis' | 'reopen';

const STEPS = ['registered', 'review', 'analysis'] as const;

/**
 * «Контроль качества» of one request: the stages of the service's rules as an ordered list
 * (registration → expert review → the supervisor's analysis; the current one marked with
 * `aria-current="step"` and in words), the review form for any operator once the request has its
 * answer, the analysis form for a supervisor after the review, and «Вернуть в работу» with a
 * required reason behind a confirming second step. What the viewer may do comes from the server
 * (`stages.actions`); each change answers with the new detail, passed up as `request-updated`.
 *
 * @fires request-updated - RequestUpdatedEvent with the request's new detail.
 * @fires request-stale - Refused with 409: someone changed the request meanwhile; show what it is now.
 */
@customElement('gs-operator-request-stages')
export class GsOperatorRequestStages extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      :host {
        display: block;
        margin-block-start: calc(var(--_gs-space) * 3);
      }
      ol.stages {
        list-style: none;
        padding: 0;
        margin: 0 0 calc(var(--_gs-space) * 2);
        display: grid;
        gap: var(--_gs-space);
        counter-reset: stage;
      }
      ol.stages > li {
        counter-increment: stage;
        border: 1px solid var(--_gs-color-border);
        border-inline-start: 6px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
      }
      ol.stages > li.done {
        border-inline-start-color: var(--_gs-color-success);
      }
      ol.stages > li[aria-current='step'] {
        border-inline-start-color: var(--_gs-color-primary);
        border-width: 2px 2px 2px 6px;
      }
      .stage-name {
        font-weight: 700;
      }
      .stage-name::before {
        content: counter(stage) '. ';
      }
      .stage-state {
        font-weight: 600;
      }
      .stage-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 4px 0;
      }
      .card {
        margin-block-start: calc(var(--_gs-space) * 2);
        padding: calc(var(--_gs-space) * 1.5) calc(var(--_gs-space) * 2);
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
      }
      h3 {
        font-size: 1.05em;
        margin: 0 0 var(--_gs-space);
      }
      ul.plain {
        margin: 0;
        padding-inline-start: 1.25em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_gs-space);
      }
      select,
      textarea {
        max-width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  @property({ attribute: false }) stages!: OperatorRequestStages;
  @property({ attribute: false }) statuses: StatusDefinition[] = [];
  @property() number = '';
  @state() private busy: Action | '' = '';
  @state() private confirming = false;
  @state() private result = '';
  @state() private failure = '';
  @state() private fieldErrors: Partial<Record<Field, string>> = {};

  override render() {
    const s = this.stages;
    if (!s) return nothing;
    return html`
      <section aria-labelledby="quality-title">
        <h2 class="section" id="quality-title" tabindex="-1">${m.title}</h2>
        <p class="muted" id="quality-intro">${m.intro}</p>
        ${s.round > 0 ? html`<p>${m.round(s.round)}</p>` : nothing}
        <ol class="stages" aria-labelledby="quality-title" aria-describedby="quality-intro">
          ${STEPS.map((step) => this.renderStep(step, s))}
        </ol>
        <div role="status" class="notice ${this.result ? '' : 'empty'}" id="stages-result">${this.result}</div>
        <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="stages-error">${this.failure}</div>
        ${s.actions.review ? this.renderReviewForm() : nothing} ${s.actions.analysis ? this.renderAnalysisForm() : nothing}
        ${s.actions.reopen ? this.renderReopen() : nothing} ${this.renderReopenings(s)} ${this.renderEarlier(s)}
      </section>
    `;
  }

  /** Done, current (`aria-current="step"`) or ahead: by the stage the request is at. */
  private stateOf(step: (typeof STEPS)[number], current: RequestStage): 'done' | 'current' | 'ahead' {
    const order: Record<RequestStage, number> = { registered: 0, review: 1, analysis: 2, done: 3 };
    const at = order[current];
    const index = STEPS.indexOf(step);
    // Registration is done at once; while the request is in work no stage is under way but it.
    if (step === 'registered') return current === 'registered' ? 'current' : 'done';
    return index < at ? 'done' : index === at ? 'current' : 'ahead';
  }

  private renderStep(step: (typeof STEPS)[number], s: OperatorRequestStages) {
    const state = this.stateOf(step, s.current);
    const stateText = state === 'done' ? m.stateDone : state === 'current' ? m.stateCurrent : m.stateAhead;
    let body: unknown = nothing;
    if (step === 'registered') body = html`<p class="muted">${m.registeredAt} ${moscowDateTime(s.registered.at)}</p>`;
    else if (step === 'review')
      body = s.review
        ? html`<p class="stage-text"><strong>${REVIEW_OUTCOME_LABELS[s.review.outcome]}</strong></p>
            ${s.review.note ? html`<p class="stage-text">${s.review.note}</p>` : nothing}
            <p class="muted">${s.review.operator}, ${moscowDateTime(s.review.at)}</p>`
        : html`<p class="muted">${s.current === 'review' ? m.waitingReview : m.waitingAnswer}</p>`;
    else
      body = s.analysis
        ? html`<p class="stage-text">${s.analysis.remark}</p>
            <p class="muted">${s.analysis.operator}, ${moscowDateTime(s.analysis.at)}</p>`
        : html`<p class="muted">${s.current === 'analysis' ? m.waitingAnalysis : m.stateAhead}</p>`;
    return html`<li class=${state} aria-current=${state === 'current' ? 'step' : nothing} data-stage=${step}>
      <span class="stage-name">${m[step]}</span> — <span class="stage-state">${stateText}</span>
      ${body}
    </li>`;
  }

  private fieldError(field: Field) {
    const error = this.fieldErrors[field];
    return error ? html`<span class="error" id="${field}-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${error}</span>` : nothing;
  }

  private describedBy(field: Field, hint?: string) {
    return [hint, this.fieldErrors[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || nothing;
  }

  private renderReviewForm() {
    const error = this.fieldErrors.outcome;
    return html`<div class="card">
      <h3 id="review-form-title">${m.reviewFormTitle}</h3>
      <form aria-labelledby="review-form-title" novalidate @submit=${this.review}>
        <div class="form-control ${error ? 'has-error' : ''}">
          <label for="outcome">${m.outcome}</label>
          ${this.fieldError('outcome')}
          <select id="outcome" name="outcome" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${this.describedBy('outcome')} @change=${() => this.clear('outcome')}>
            <option value="">${m.outcomePlaceholder}</option>
            ${REVIEW_OUTCOMES.map((o) => html`<option value=${o}>${REVIEW_OUTCOME_LABELS[o]}</option>`)}
          </select>
        </div>
        <div class="form-control">
          <label for="review-note">${m.reviewNote}</label>
          <span class="hint" id="review-note-hint">${m.reviewNoteHint}</span>
          <textarea id="review-note" name="note" maxlength="1000" aria-describedby="review-note-hint"></textarea>
        </div>
        <button class="button-primary" type="submit" ?disabled=${this.busy !== ''}>${this.busy === 'review' ? m.saving : m.saveReview}</button>
      </form>
    </div>`;
  }

  private renderAnalysisForm() {
    const error = this.fieldErrors.remark;
    return html`<div class="card">
      <h3 id="analysis-form-title">${m.analysisFormTitle}</h3>
      <form aria-labelledby="analysis-form-title" novalidate @submit=${this.analyse}>
        <div class="form-control ${error ? 'has-error' : ''}">
          <label for="remark">${m.remark}</label>
          <span class="hint" id="remark-hint">${m.remarkHint}</span>
          ${this.fieldError('remark')}
          <textarea
            id="remark"
            name="remark"
            maxlength="2000"
            required
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${this.describedBy('remark', 'remark-hint')}
            @input=${() => this.clear('remark')}
          ></textarea>
        </div>
        <button class="button-primary" type="submit" ?disabled=${this.busy !== ''}>${this.busy === 'analysis' ? m.saving : m.saveAnalysis}</button>
      </form>
    </div>`;
  }

  private renderReopen() {
    if (!this.confirming) {
      return html`<p><button class="button-secondary" type="button" id="reopen-start" @click=${this.startReopen}>${m.reopenAction}</button></p>`;
    }
    const error = this.fieldErrors.reason;
    return html`<div class="card">
      <h3 id="reopen-title" tabindex="-1">${m.reopenTitle}</h3>
      <p id="reopen-explain">${m.reopenExplain}</p>
      <form aria-labelledby="reopen-title" aria-describedby="reopen-explain" novalidate @submit=${this.reopen}>
        <div class="form-control ${error ? 'has-error' : ''}">
          <label for="reason">${m.reason}</label>
          <span class="hint" id="reason-hint">${m.reasonHint}</span>
          ${this.fieldError('reason')}
          <textarea
            id="reason"
            name="reason"
            maxlength="1000"
            required
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${this.describedBy('reason', 'reason-hint')}
            @input=${() => this.clear('reason')}
          ></textarea>
        </div>
        <div class="actions">
          <button class="button-primary" type="submit" ?disabled=${this.busy !== ''}>${this.busy === 'reopen' ? m.saving : m.confirmReopen}</button>
          <button class="button-secondary" type="button" @click=${this.cancelReopen}>${m.cancel}</button>
        </div>
      </form>
    </div>`;
  }

  private renderReopenings(s: OperatorRequestStages) {
    if (!s.reopenings.length) return nothing;
    return html`<div class="card">
      <h3 id="reopenings-title">${m.reopeningsTitle}</h3>
      <ul class="plain" aria-labelledby="reopenings-title">
        ${s.reopenings.map(
          (r) => html`<li>
            <p class="stage-text"><strong>${m.reopening(statusLabel(r.status, this.statuses))}</strong></p>
            <p class="stage-text">${r.reason ?? m.noReason}</p>
            <p class="muted">${r.operator ? html`${r.operator}, ${moscowDateTime(r.at)}` : moscowDateTime(r.at)}</p>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderEarlier(s: OperatorRequestStages) {
    if (!s.earlierRounds.length) return nothing;
    return html`<div class="card">
      <h3 id="earlier-title">${m.earlierTitle}</h3>
      <ul class="plain" aria-labelledby="earlier-title">
        ${s.earlierRounds.map(
          (r) => html`<li>
            <p class="stage-text"><strong>${m.earlierRound(r.round)}: ${REVIEW_OUTCOME_LABELS[r.review.outcome]}</strong></p>
            ${r.review.note ? html`<p class="stage-text">${r.review.note}</p>` : nothing}
            <p class="muted">${r.review.operator}, ${moscowDateTime(r.review.at)}</p>
            ${r.analysis
              ? html`<p class="stage-text">${m.analysis}: ${r.analysis.remark}</p>
                  <p class="muted">${r.analysis.operator}, ${moscowDateTime(r.analysis.at)}</p>`
              : nothing}
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private clear(field: Field) {
    if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: '' };
  }

  /** A field's own error, focused (GOV.UK: the field, not a summary, for a one-field form). */
  private async invalid(field: Field, message: string) {
    this.fieldErrors = { ...this.fieldErrors, [field]: message };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus();
  }

  private async send(action: Action, field: Field, call: () => Promise<OperatorRequestDetail>, done: (r: OperatorRequestDetail) => string, form: HTMLFormElement) {
    this.busy = action;
    this.result = '';
    this.failure = '';
    try {
      const request = await call();
      form.reset();
      this.confirming = false;
      this.result = done(request);
      this.dispatchEvent(new RequestUpdatedEvent(request));
      // The form is gone with what it did: keep the focus in the block, on its heading.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#quality-title')?.focus();
    } catch (error) {
      const issue = error instanceof ApiRequestError ? error.issues.find((i) => i.path[0] === field) : undefined;
      if (issue) await this.invalid(field, issue.message);
      else this.failure = errorText(error);
      // Someone else reviewed or reopened it meanwhile: the detail reloads to show what it is now.
      if (error instanceof ApiRequestError && error.status === 409) this.dispatchEvent(new Event('request-stale', { bubbles: true, composed: true }));
    } finally {
      this.busy = '';
    }
  }

  private async review(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const outcome = (form.elements.namedItem('outcome') as HTMLSelectElement).value as ReviewOutcome | '';
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    if (!outcome) return this.invalid('outcome', m.outcomeRequired);
    await this.send('review', 'outcome', () => this.api.reviewRequest(this.number, outcome, note || undefined), () => m.reviewSaved, form);
  }

  private async analyse(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const remark = (form.elements.namedItem('remark') as HTMLTextAreaElement).value.trim();
    if (!remark) return this.invalid('remark', m.remarkRequired);
    await this.send('analysis', 'remark', () => this.api.analyseRequest(this.number, remark), () => m.analysisSaved, form);
  }

  private async startReopen() {
    this.confirming = true;
    this.result = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#reason')?.focus();
  }

  private async cancelReopen() {
    this.confirming = false;
    this.fieldErrors = { ...this.fieldErrors, reason: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#reopen-start')?.focus();
  }

  private async reopen(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    if (!reason) return this.invalid('reason', m.reasonRequired);
    await this.send('reopen', 'reason', () => this.api.reopenRequest(this.number, reason), (r) => m.reopened(statusLabel(r.status, this.statuses)), form);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-request-stages': GsOperatorRequestStages;
  }
  interface HTMLElementEventMap {
    'request-updated': RequestUpdatedEvent;
  }
}
