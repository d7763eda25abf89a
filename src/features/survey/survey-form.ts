import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiRequestError } from '../../api/client.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { Locale } from '../../protocol/config.js';
import { SURVEY_COMMENT_MAX, SURVEY_RESOLVED, SurveyAnswerBody, type SurveyResolved } from '../../protocol/quality.js';
import { SENSITIVE_NUMBER } from '../../protocol/validators.js';
import { errorLine, errorSummary, describedBy, type ProblemContext } from '../../shared/form-fields.js';
import type { GsErrorSummary } from '../../shared/error-summary.js';
import { focusField } from '../../shared/focus-field.js';
import { FormValidationController } from '../../shared/form-validation-controller.js';
import { SubmitController } from '../../shared/submit-controller.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { GsSurveyAnsweredEvent } from './survey-events.js';
import { SurveyApi } from './survey-api.js';
import { styles } from './survey.styles.js';
import type { SurveyMessages } from './texts/index.js';

interface SurveyValue {
  resolved: SurveyResolved | '';
  /** 0: not chosen yet. */
  rating: number;
  comment: string;
  shareWithOperator: boolean;
}
type Field = 'resolved' | 'rating' | 'comment';
const ORDER: readonly Field[] = ['resolved', 'rating', 'comment'];
type Problem = { kind: 'offline' | 'failed' | 'gone' } | { kind: 'rate-limited'; seconds: number };
/** How the survey ended here: sent now, or answered before (a 409). */
type Outcome = 'sent' | 'answered';

const empty = (): SurveyValue => ({ resolved: '', rating: 0, comment: '', shareWithOperator: false });

/**
 * The citizen's survey of a finished contact: «Решён ли ваш вопрос?» (да / частично / нет), a
 * rating 1–5 with a name for every option, an optional comment (at most 1000 characters, with a
 * count; numbers like a passport's, СНИЛС or ИНН are said to be hidden, as the server hides them) and whether the operator may see whose answer it is (off by default). Optional: «Не
 * сейчас» folds it away, and nothing around it waits for it. Validated like every form of the
 * widget (error summary, an error per field, the server's field errors on their fields). After
 * sending, a thank-you takes focus; a survey answered before (409) is shown as done, not as an
 * error; a failure keeps everything typed and offers to send again.
 *
 * @tagname gs-survey-form
 * @summary The survey after a finished contact.
 *
 * @fires gs-survey-answered - The survey was answered (now, or before: a 409). `event.token`.
 *
 * @csspart form-control - Each field's wrapper.
 * @csspart error - Each inline error.
 * @csspart submit - The submit button.
 */
export class GsSurveyForm extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  /** The survey's token (`survey.token` of a view, or of a link). */
  @property() token = '';

  /** The level of the survey's heading in the view around it (3 or 4). */
  @property({ type: Number, attribute: 'heading-level' }) level = 3;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  /** Language when used standalone. */
  @property() locale?: Locale;

  @state() private value: SurveyValue = empty();
  @state() private outcome?: Outcome;
  /** Folded away by «Не сейчас» (what was typed stays). */
  @state() private folded = false;

  @query('gs-error-summary') private summary?: GsErrorSummary;

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly validation = new FormValidationController<Field>(this, {
    issues: () => {
      const parsed = SurveyAnswerBody.safeParse(this.body());
      return parsed.success ? [] : parsed.error.issues;
    },
    body: () => this.body(),
  });
  private readonly submit = new SubmitController<Problem>(this, {
    problem: (found) => (found.kind === 'rate-limited' ? found : { kind: found.kind === 'offline' ? 'offline' : found.kind === 'not-found' ? 'gone' : 'failed' }),
    issues: (issues) => this.validation.serverIssues(issues),
    summary: () => this.summary,
    alert: () => this.renderRoot.querySelector<HTMLElement>('#problem'),
  });

  private get t(): SurveyMessages {
    return this.l10n.msg.survey;
  }

  /** What would be sent: the choices made, the comment when there is one. */
  private body(): Partial<SurveyAnswerBody> {
    const v = this.value;
    return {
      resolved: v.resolved || undefined,
      rating: v.rating || undefined,
      comment: v.comment.trim() || undefined,
      shareWithOperator: v.shareWithOperator,
    } as Partial<SurveyAnswerBody>;
  }

  private set(field: keyof SurveyValue, value: SurveyValue[keyof SurveyValue]): void {
    this.value = { ...this.value, [field]: value };
    if (field !== 'shareWithOperator') this.validation.input(field);
    if (this.submit.problem?.kind !== 'rate-limited') this.submit.show(undefined);
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submit.submitting) return;
    const invalid = this.validation.submit(ORDER);
    if (invalid.length) return this.submit.focusSummary();
    const body = SurveyAnswerBody.parse(this.body());
    const api = new SurveyApi(this.config.value.backend);
    await this.submit.run(async (signal) => {
      try {
        await api.answer(this.token, body, signal);
        this.outcome = 'sent';
      } catch (error) {
        if (!(error instanceof ApiRequestError && error.code === 'conflict')) throw error;
        this.outcome = 'answered';
      }
      this.dispatchEvent(new GsSurveyAnsweredEvent(this.token));
      await this.focusAfterUpdate('#done');
    });
  }

  private async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private fold(folded: boolean): void {
    this.folded = folded;
    void this.focusAfterUpdate(folded ? '#reopen' : '#resolved');
  }

  private problemText(p: Problem): string {
    const t = this.t;
    return p.kind === 'rate-limited' ? t.rateLimited(p.seconds) : t[p.kind];
  }

  protected override render() {
    const t = this.t;
    const title = this.level === 4 ? html`<h4 class="title">${t.title}</h4>` : html`<h3 class="title">${t.title}</h3>`;
    if (this.outcome) {
      return html`<section class="survey" aria-label=${t.title}>
        <div class="done" id="done" role="status" tabindex="-1">
          <p><strong>${this.outcome === 'sent' ? t.thanks : t.alreadyAnswered}</strong></p>
          ${this.outcome === 'sent' ? html`<p>${t.thanksBody}</p>` : nothing}
        </div>
      </section>`;
    }
    if (this.folded) {
      return html`<section class="survey" aria-label=${t.title}>
        ${title}
        <button type="button" class="button-secondary" id="reopen" aria-expanded="false" @click=${() => this.fold(false)}>${t.reopen}</button>
      </section>`;
    }
    return html`<section class="survey" aria-label=${t.title}>${title}<p class="hint intro">${t.intro}</p>${this.renderForm()}</section>`;
  }

  private renderForm() {
    const msg = this.l10n.msg;
    const t = this.t;
    const v = this.value;
    const ctx: ProblemContext = { msg, missing: t.missing };
    const problem = (field: Field) => this.validation.visible(field);
    const left = SURVEY_COMMENT_MAX - v.comment.trim().length;
    const count = left >= 0 ? this.l10n.plural(left, t.charactersLeft) : this.l10n.plural(-left, t.charactersOver);
    const p = this.submit.problem;
    const sending = this.submit.submitting;
    const group = (field: 'resolved' | 'rating', legend: string, hint: string | undefined, options: readonly (readonly [string, string | number])[]) => {
      const error = problem(field);
      return html`<fieldset class="form-control ${error ? 'has-error' : ''}" part="form-control" aria-describedby=${describedBy(field, !!hint, !!error)}>
        <legend>${legend}</legend>
        ${hint ? html`<p class="hint" id=${`${field}-hint`}>${hint}</p>` : nothing}
        ${errorLine(ctx, field, error)}
        <div class=${field === 'rating' ? 'scale' : 'options'}>
          ${options.map(
            ([label, option], i) => html`<label class="choice">
              <input
                type="radio"
                name=${field}
                id=${i ? `${field}-${option}` : field}
                .value=${String(option)}
                .checked=${v[field] === option}
                aria-invalid=${error ? 'true' : 'false'}
                @change=${() => this.set(field, option)}
              />
              <span>${label}</span>
            </label>`,
          )}
        </div>
      </fieldset>`;
    };
    const commentError = problem('comment');
    return html`
      ${errorSummary(ctx, this.validation, ORDER, (field) => t[field], (field) => focusField(this.renderRoot, this.renderRoot.querySelector<HTMLElement>(`#${field}`)))}
      ${p
        ? html`<div class="problem" id="problem" role="alert" tabindex="-1">
            <p>${this.problemText(p)}</p>
            ${p.kind === 'gone' ? nothing : html`<button type="submit" form="survey-form" class="button-primary">${t.sendAgain}</button>`}
          </div>`
        : nothing}
      <form id="survey-form" novalidate @submit=${this.onSubmit}>
        ${group('resolved', t.resolved, undefined, SURVEY_RESOLVED.map((option) => [t.resolvedOptions[option], option] as const))}
        ${group('rating', t.rating, t.ratingHint, t.ratings.map((label, i) => [label, i + 1] as const))}
        <div class="form-control ${commentError ? 'has-error' : ''}" part="form-control">
          <label for="comment">${t.comment} <span class="optional">(${msg.forms.optional})</span></label>
          <p class="hint" id="comment-hint">${t.commentHint}</p>
          ${errorLine(ctx, 'comment', commentError)}
          <textarea
            id="comment"
            name="comment"
            rows="4"
            aria-describedby=${describedBy('comment', true, !!commentError)}
            aria-invalid=${commentError ? 'true' : 'false'}
            .value=${v.comment}
            @input=${(e: Event) => this.set('comment', (e.target as HTMLTextAreaElement).value)}
            @blur=${() => this.validation.blur('comment')}
          ></textarea>
          <p class="count ${left < 0 ? 'over' : ''}" aria-hidden="true">${count}</p>
          ${v.comment.search(SENSITIVE_NUMBER) >= 0 ? html`<p class="hint" role="status">${t.numbersHidden}</p>` : nothing}
        </div>
        <div class="form-control" part="form-control">
          <label class="choice">
            <input
              type="checkbox"
              id="share"
              name="shareWithOperator"
              aria-describedby="share-hint"
              .checked=${v.shareWithOperator}
              @change=${(e: Event) => this.set('shareWithOperator', (e.target as HTMLInputElement).checked)}
            />
            <span>${t.share}</span>
          </label>
          <p class="hint share-hint" id="share-hint">${t.shareHint}</p>
        </div>
        <div class="actions">
          <button type="submit" class="button-primary" part="submit" aria-disabled=${sending ? 'true' : 'false'}>${sending ? t.submitting : t.submit}</button>
          <button type="button" class="button-secondary" @click=${() => this.fold(true)}>${t.later}</button>
        </div>
      </form>
      <div class="visually-hidden" aria-live="polite">${left < 100 ? count : ''}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-survey-form': GsSurveyForm;
  }
}
