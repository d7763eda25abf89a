import { css, html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { CHAT_KINDS, ChatOpening, type ChatKind } from '../../protocol/chat.js';
import type { Locale } from '../../protocol/config.js';
import type { GsErrorSummary } from '../../shared/error-summary.js';
import '../../shared/error-summary.js';
import { focusField } from '../../shared/focus-field.js';
import { describedBy, errorLine, errorSummary, textField, type FieldContext } from '../../shared/form-fields.js';
import { FormValidationController } from '../../shared/form-validation-controller.js';
import { SubmitController } from '../../shared/submit-controller.js';
import { base, buttons, formControls, tokens, visuallyHidden } from '../../styles/index.js';
import { GsChatStartEvent } from './chat-events.js';
import { chatStyles } from './chat.styles.js';

interface OpeningValue {
  kind: ChatKind | '';
  summary: string;
  question: string;
  name: string;
  contact: string;
}
type OpeningField = keyof OpeningValue;
const FIELD_ORDER: readonly OpeningField[] = ['kind', 'summary', 'question', 'name', 'contact'];
const empty = (): OpeningValue => ({ kind: '', summary: '', question: '', name: '', contact: '' });

/**
 * The chat's structured opening: what the citizen needs (a technical problem, a question about
 * an application, a request's status), a one-line summary, the question, and optionally a name
 * and a contact (anonymous by default). Validated with the contract's schema as every form of
 * the widget: errors once earned, the error summary on submit.
 *
 * @tagname gs-chat-opening
 * @summary The form that starts a chat.
 *
 * @fires gs-chat-start - The form was submitted valid. `event.body` is the `chat:start` payload without its `startId`; the handler sets `event.result`.
 *
 * @csspart form-control - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each input and textarea.
 * @csspart hint - Each hint.
 * @csspart error - Each inline error.
 * @csspart submit - The «Начать чат» button.
 */
export class GsChatOpening extends LitElement {
  static override styles = [
    tokens,
    base,
    visuallyHidden,
    buttons,
    formControls,
    chatStyles,
    css`
      .choice-hint {
        margin: -4px 0 var(--_gs-space) calc(var(--_gs-space) * 3.5);
      }
      .submit {
        width: 100%;
      }
    `,
  ];

  /** Values to start with: `{ kind, summary, question }` (e.g. `requestNumber` from an overdue status). */
  @property({ attribute: false }) prefill?: Record<string, unknown> | undefined;

  /** A start is on its way. */
  @property({ type: Boolean }) busy = false;

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  @state() private value: OpeningValue = empty();

  @query('gs-error-summary') private summary?: GsErrorSummary;

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly validation = new FormValidationController<OpeningField>(this, {
    issues: () => {
      const result = ChatOpening.safeParse(this.body());
      return result.success ? [] : result.error.issues;
    },
    body: () => this.body(),
  });
  /** One start at a time; its problem is shown by the chat view (the session knows it). */
  private readonly submit = new SubmitController<undefined>(this, {
    problem: () => undefined,
    summary: () => this.summary,
  });
  private prefilled = false;

  private body(): ChatOpening {
    const v = this.value;
    // Anonymous unless given: empty optional fields are left out.
    return {
      kind: v.kind as ChatKind,
      summary: v.summary,
      question: v.question,
      ...(v.name.trim() ? { name: v.name } : {}),
      ...(v.contact.trim() ? { contact: v.contact } : {}),
      locale: this.l10n.locale,
      // Signed in on the host site: the backend checks the site's token and links the chat to the person.
      ...(this.config.value.identityToken ? { identityToken: this.config.value.identityToken } : {}),
    };
  }

  protected override willUpdate(): void {
    if (this.prefill && !this.prefilled) {
      this.prefilled = true;
      const str = (key: string) => (typeof this.prefill?.[key] === 'string' ? (this.prefill[key] as string).trim().slice(0, 500) : '');
      const kind = str('kind');
      const number = str('requestNumber');
      this.value = {
        ...this.value,
        kind: (CHAT_KINDS as readonly string[]).includes(kind) ? (kind as ChatKind) : number ? 'status' : this.value.kind,
        summary: str('summary') || (number ? this.l10n.msg.chat.opening.kinds.status.label + ` ${number}` : ''),
        question: str('question') || str('description'),
      };
    }
  }

  private readonly onInput = (field: OpeningField, value: string | boolean): void => {
    this.value = { ...this.value, [field]: String(value) };
    this.validation.input(field);
  };

  private readonly onBlur = (field: OpeningField): void => this.validation.blur(field);

  private label(field: OpeningField): string {
    const t = this.l10n.msg.chat.opening;
    return { kind: t.kind, summary: t.summary, question: t.question, name: t.name, contact: t.contact }[field];
  }

  private focusField(field: string): void {
    focusField(this.renderRoot, this.renderRoot.querySelector<HTMLElement>(`#${field}`));
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || this.submit.submitting) return;
    const invalid = this.validation.submit(FIELD_ORDER);
    if (invalid.length) return this.submit.focusSummary();
    // A failure keeps what was typed; the chat view shows the problem.
    await this.submit.run(async () => {
      const start = new GsChatStartEvent(ChatOpening.parse(this.body()));
      this.dispatchEvent(start);
      await start.result;
      this.value = empty();
      this.validation.reset();
    });
  }

  private renderKind(ctx: FieldContext<OpeningValue>) {
    const t = this.l10n.msg.chat.opening;
    const problem = ctx.problem('kind');
    return html`<fieldset class="form-control ${problem ? 'has-error' : ''}" part="form-control" aria-describedby=${describedBy('kind', false, !!problem)}>
      <legend part="label">${t.kind}</legend>
      ${errorLine(ctx, 'kind', problem)}
      ${CHAT_KINDS.map(
        (kind, i) => html`<label class="choice">
            <input
              type="radio"
              name="kind"
              id=${i === 0 ? 'kind' : `kind-${kind}`}
              value=${kind}
              aria-describedby=${`kind-${kind}-hint`}
              .checked=${this.value.kind === kind}
              @change=${() => {
                this.onInput('kind', kind);
                this.onBlur('kind');
              }}
            />
            <span>${t.kinds[kind].label}</span>
          </label>
          <p class="hint choice-hint" id=${`kind-${kind}-hint`}>${t.kinds[kind].hint}</p>`,
      )}
    </fieldset>`;
  }

  protected override render() {
    const msg = this.l10n.msg;
    const t = msg.chat.opening;
    const ctx: FieldContext<OpeningValue> = {
      msg,
      missing: t.missing,
      value: this.value,
      problem: (f) => this.validation.visible(f as OpeningField),
      onInput: this.onInput,
      onBlur: this.onBlur,
    };
    return html`
      ${errorSummary(ctx, this.validation, FIELD_ORDER, (f) => this.label(f), (f) => this.focusField(f))}
      <form novalidate @submit=${this.onSubmit}>
        ${this.renderKind(ctx)}
        ${textField(ctx, 'summary', { label: t.summary, hint: t.summaryHint })}
        ${textField(ctx, 'question', { label: t.question, hint: t.questionHint, multiline: true })}
        <p class="muted">${this.config.value.identityToken ? t.signedIn : t.anonymous}</p>
        ${textField(ctx, 'name', { label: t.name, optional: true, autocomplete: 'given-name' })}
        ${textField(ctx, 'contact', { label: t.contact, hint: t.contactHint, optional: true, autocomplete: 'email' })}
        <button type="submit" class="button-primary submit" part="submit" aria-disabled=${this.busy || this.submit.submitting ? 'true' : 'false'}>${this.busy || this.submit.submitting ? t.starting : t.start}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-chat-opening': GsChatOpening;
  }
}
