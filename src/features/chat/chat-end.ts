import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { CHAT_COMMENT_MAX, ChatTranscriptEmailBody, type ChatMessage } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { GsChatRateEvent, GsChatTranscriptEmailEvent } from './chat-events.js';
import { problemOf } from './chat-model.js';
import { problemText } from './chat-text.js';
import { transcriptText } from './chat-transcript.js';
import { chatStyles } from './chat.styles.js';
import { saveFile } from '../../util/save-file.js';
import { SurveySlotController, type SurveyLink } from '../../shared/load-survey.js';

type Outcome = { done: true } | { done: false; error: string } | undefined;

/**
 * After the chat ended (the citizen ended it or the operator closed it): the citizen's survey of
 * the chat (issue 17: the same survey as after every other contact, its file fetched now), or,
 * from a server that gives no survey, the chat's own rating from 1 to 5 (radios) with an optional
 * comment, sent once; the conversation as a .txt file made here from the messages; and
 * «Отправить на почту».
 *
 * @tagname gs-chat-end
 * @summary Rating and transcript of an ended chat.
 *
 * @fires gs-chat-rate - The rating was sent (only without a survey). `event.score`, `event.comment`; the handler sets `event.result`.
 * @fires gs-chat-transcript-email - The transcript is asked for by e-mail. `event.email`; the handler sets `event.result`.
 *
 * @csspart form-control - Each field's wrapper.
 */
export class GsChatEnd extends LitElement {
  static override styles = [
    tokens,
    base,
    visuallyHidden,
    buttons,
    formControls,
    notices,
    chatStyles,
    css`
      :host {
        display: block;
      }
      section {
        margin-bottom: calc(var(--_gs-space) * 3);
      }
      .scores {
        display: flex;
        flex-wrap: wrap;
        column-gap: calc(var(--_gs-space) * 2);
      }
      textarea {
        min-height: 4.5em;
      }
    `,
  ];

  /** The conversation, for the transcript. */
  @property({ attribute: false }) messages: readonly ChatMessage[] = [];

  /** The chat's survey (`survey` of the closed chat's state): shown instead of the rating. */
  @property({ attribute: false }) survey?: SurveyLink | undefined;

  /** Already rated (in this tab or another): the form is not offered again. */
  @property({ type: Boolean }) rated = false;

  /** Who ended it, when known. */
  @property({ attribute: 'closed-by' }) closedBy?: 'citizen' | 'operator' | undefined;

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  @state() private score = 0;
  @state() private comment = '';
  @state() private email = '';
  @state() private rating: Outcome;
  @state() private mailing: Outcome;
  @state() private scoreMissing = false;
  @state() private emailProblem = '';

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly surveySlot = new SurveySlotController(this, this.l10n);

  private async rate(event: Event): Promise<void> {
    event.preventDefault();
    if (this.score < 1) {
      this.scoreMissing = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#score')?.focus();
      return;
    }
    const rate = new GsChatRateEvent(this.score, this.comment.slice(0, CHAT_COMMENT_MAX));
    this.dispatchEvent(rate);
    try {
      await rate.result;
      this.rating = { done: true };
      // The form goes: focus to what replaced it.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#rated')?.focus();
    } catch (error) {
      this.rating = { done: false, error: problemText(problemOf(error), this.l10n.msg) };
    }
  }

  private async mail(event: Event): Promise<void> {
    event.preventDefault();
    const t = this.l10n.msg;
    const parsed = ChatTranscriptEmailBody.safeParse({ email: this.email });
    if (!parsed.success) {
      this.emailProblem = this.email.trim() ? t.fieldErrors.email : t.chat.end.missingEmail;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus();
      return;
    }
    this.emailProblem = '';
    const send = new GsChatTranscriptEmailEvent(parsed.data.email);
    this.dispatchEvent(send);
    try {
      await send.result;
      this.mailing = { done: true };
    } catch (error) {
      this.mailing = { done: false, error: problemText(problemOf(error), t) };
    }
  }

  private download(): void {
    const msg = this.l10n.msg;
    const blob = new Blob([transcriptText(this.messages, this.l10n.locale, msg)], { type: 'text/plain;charset=utf-8' });
    saveFile(blob, msg.chat.end.file.name(new Date().toISOString().slice(0, 10)), this.renderRoot);
  }

  private renderRating() {
    const t = this.l10n.msg.chat.end;
    if (this.survey) return this.surveySlot.render(this.survey);
    if (this.rated || this.rating?.done) return html`<p role="status" id="rated" tabindex="-1">${t.rated}</p>`;
    return html`<form novalidate @submit=${this.rate}>
      <fieldset class="form-control ${this.scoreMissing ? 'has-error' : ''}" part="form-control" aria-describedby=${this.scoreMissing ? 'score-error' : nothing}>
        <legend>${t.rate}</legend>
        ${this.scoreMissing ? html`<p class="error" id="score-error"><span class="visually-hidden">${this.l10n.msg.errorPrefix} </span>${t.missingScore}</p>` : nothing}
        <div class="scores">
          ${t.scores.map(
            (label, i) => html`<label class="choice">
              <input
                type="radio"
                name="score"
                id=${i === 0 ? 'score' : `score-${i + 1}`}
                value=${i + 1}
                .checked=${this.score === i + 1}
                @change=${() => {
                  this.score = i + 1;
                  this.scoreMissing = false;
                }}
              />
              <span>${label}</span>
            </label>`,
          )}
        </div>
      </fieldset>
      <div class="form-control" part="form-control">
        <label for="comment">${t.comment} <span class="optional">(${this.l10n.msg.forms.optional})</span></label>
        <p class="hint" id="comment-hint">${t.commentHint}</p>
        <textarea id="comment" aria-describedby="comment-hint" maxlength=${CHAT_COMMENT_MAX} .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      ${this.rating && !this.rating.done ? html`<div class="problem" role="alert"><p>${this.rating.error}</p></div>` : nothing}
      <button type="submit" class="button-primary">${t.sendRating}</button>
    </form>`;
  }

  protected override render() {
    const t = this.l10n.msg.chat.end;
    return html`
      <section aria-labelledby="end-title">
        <h3 id="end-title" tabindex="-1">${t.title}</h3>
        ${this.closedBy ? html`<p>${this.closedBy === 'operator' ? t.closedByOperator : t.closedByYou}</p>` : nothing}
        ${this.renderRating()}
      </section>
      <section aria-labelledby="transcript-title">
        <h3 id="transcript-title">${t.transcript}</h3>
        <div class="actions"><button type="button" class="button-secondary" @click=${this.download}>${t.download}</button></div>
        <form novalidate @submit=${this.mail}>
          <div class="form-control ${this.emailProblem ? 'has-error' : ''}" part="form-control">
            <label for="email">${t.email}</label>
            <p class="hint" id="email-hint">${t.emailHint}</p>
            ${this.emailProblem ? html`<p class="error" id="email-error"><span class="visually-hidden">${this.l10n.msg.errorPrefix} </span>${this.emailProblem}</p>` : nothing}
            <input
              id="email"
              type="email"
              autocomplete="email"
              aria-describedby=${this.emailProblem ? 'email-hint email-error' : 'email-hint'}
              aria-invalid=${this.emailProblem ? 'true' : 'false'}
              .value=${this.email}
              @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
            />
          </div>
          ${this.mailing?.done ? html`<p role="status">${t.emailSent}</p>` : nothing}
          ${this.mailing && !this.mailing.done ? html`<div class="problem" role="alert"><p>${this.mailing.error}</p></div>` : nothing}
          <button type="submit" class="button-secondary">${t.sendEmail}</button>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chat-end': GsChatEnd;
  }
}
