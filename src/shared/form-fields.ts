import { html, nothing, type TemplateResult } from 'lit';
import type { FieldProblem, FormValidationController } from './form-validation-controller.js';
import type { GsErrorLinkEvent } from '../events/form-events.js';
import type { CoreMessages, Messages } from '../i18n/messages.js';

/**
 * Form controls shared by every form of the widget: a labelled input or textarea with its hint
 * and GOV.UK-style inline error (ids `<field>`, `<field>-hint`, `<field>-error`).
 */

/**
 * A form's own words for a field left empty, by field: what to do with that kind of control
 * («Выберите тему обращения» for a select, «Введите номер телефона» for an input), as GOV.UK's
 * error messages say it. A field without one gets the catalogue's general text.
 */
export type MissingTexts = Readonly<Record<string, string>>;

/** What the error texts need from the form. */
export interface ProblemContext {
  msg: CoreMessages;
  missing?: MissingTexts | undefined;
}

/** The text for `field`'s problem: its own words when it was left empty, else the catalogue's text with its limits put in. */
export function problemText(ctx: ProblemContext, field: string, problem: FieldProblem): string {
  const own = problem.key === 'required' ? ctx.missing?.[field] : undefined;
  return own ?? ctx.msg.fieldErrors[problem.key].replace('{min}', String(problem.min ?? '')).replace('{max}', String(problem.max ?? ''));
}

/** Texts that already say which field and what to do («Подтвердите согласие…»): said without the label in front. */
const SAYS_WHAT_TO_DO = new Set(['consent', 'email_required', 'slot_required']);

/**
 * A problem as the error summary (and a spoken error) says it: a field's own words or a text that
 * already names what to do stand alone; a general text gets the field's label in front
 * («Телефон: Укажите российский номер…»).
 */
export function problemLine(ctx: ProblemContext, field: string, label: string, problem: FieldProblem): string {
  const alone = SAYS_WHAT_TO_DO.has(problem.key) || (problem.key === 'required' && !!ctx.missing?.[field]);
  const text = problemText(ctx, field, problem);
  return alone ? text : `${label}: ${text}`;
}

/** Everything a field template needs from the form. */
export interface FieldContext<V extends object> {
  msg: Messages;
  value: V;
  problem: (field: keyof V & string) => FieldProblem | undefined;
  onInput: (field: keyof V & string, value: string | boolean) => void;
  onBlur: (field: keyof V & string) => void;
  missing?: MissingTexts | undefined;
}

export const describedBy = (id: string, hint: boolean, error: boolean) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;

export function errorLine(ctx: ProblemContext, id: string, problem: FieldProblem | undefined) {
  return problem
    ? html`<p class="error" id=${`${id}-error`} part="error"><span class="visually-hidden">${ctx.msg.errorPrefix} </span>${problemText(ctx, id, problem)}</p>`
    : nothing;
}

function labelText(ctx: { msg: CoreMessages }, text: string, optional: boolean) {
  return html`${text}${optional ? html` <span class="optional">(${ctx.msg.forms.optional})</span>` : nothing}`;
}

export interface TextFieldOptions {
  label: string;
  hint?: string;
  optional?: boolean;
  type?: 'text' | 'tel' | 'email' | 'date' | 'time';
  autocomplete?: string;
  inputmode?: 'text' | 'tel' | 'email' | 'numeric';
  multiline?: boolean;
  max?: string;
  /** Below the control (the live character count). */
  after?: TemplateResult;
}

/** A labelled input or textarea with hint and error (ids `<field>`, `<field>-hint`, `<field>-error`). */
export function textField<V extends object>(ctx: FieldContext<V>, field: keyof V & string, o: TextFieldOptions) {
  const problem = ctx.problem(field);
  const value = String(ctx.value[field]);
  const onInput = (e: Event) => ctx.onInput(field, (e.target as HTMLInputElement).value);
  const aria = describedBy(field, !!o.hint, !!problem);
  return html`<div class="form-control ${problem ? 'has-error' : ''}" part="form-control">
    <label for=${field} part="label">${labelText(ctx, o.label, !!o.optional)}</label>
    ${o.hint ? html`<p class="hint" id=${`${field}-hint`} part="hint">${o.hint}</p>` : nothing}
    ${errorLine(ctx, field, problem)}
    ${o.multiline
      ? html`<textarea
          id=${field}
          name=${field}
          part="input"
          rows="6"
          aria-describedby=${aria}
          aria-invalid=${problem ? 'true' : 'false'}
          .value=${value}
          @input=${onInput}
          @blur=${() => ctx.onBlur(field)}
        ></textarea>`
      : html`<input
          id=${field}
          name=${field}
          part="input"
          type=${o.type ?? 'text'}
          autocomplete=${o.autocomplete ?? 'off'}
          inputmode=${o.inputmode ?? nothing}
          max=${o.max ?? nothing}
          aria-describedby=${aria}
          aria-invalid=${problem ? 'true' : 'false'}
          .value=${value}
          @input=${onInput}
          @blur=${() => ctx.onBlur(field)}
        />`}
    ${o.after ?? nothing}
  </div>`;
}

/** Consent to personal-data processing, with the policy link from config. */
export function consentField<V extends { consent: boolean }>(ctx: FieldContext<V>, text: string, policyUrl: string | undefined) {
  const problem = ctx.problem('consent' as keyof V & string);
  return html`<div class="form-control ${problem ? 'has-error' : ''}" part="form-control">
    ${errorLine(ctx, 'consent', problem)}
    <label class="choice">
      <input
        type="checkbox"
        id="consent"
        name="consent"
        aria-describedby=${describedBy('consent', !!policyUrl, !!problem)}
        aria-invalid=${problem ? 'true' : 'false'}
        .checked=${ctx.value.consent}
        @change=${(e: Event) => {
          ctx.onInput('consent' as keyof V & string, (e.target as HTMLInputElement).checked);
          ctx.onBlur('consent' as keyof V & string);
        }}
      />
      <span>${text}</span>
    </label>
    ${policyUrl
      ? html`<p class="hint" id="consent-hint"><a href=${policyUrl} target="_blank" rel="noopener noreferrer"
            >${ctx.msg.forms.policyLink}<span class="visually-hidden"> ${ctx.msg.contacts.opensInNewTab}</span></a
          ></p>`
      : nothing}
  </div>`;
}

/**
 * The GOV.UK error summary of a submitted form: every field with a visible problem, in `order`,
 * as links (`onLink` moves focus to the field), under «Есть проблема». Nothing before a submit.
 */
export function errorSummary<F extends string>(
  ctx: ProblemContext,
  validation: FormValidationController<F>,
  order: readonly F[],
  label: (field: F) => string,
  onLink: (field: string) => void,
) {
  const invalid = validation.submitted ? order.filter((field) => validation.visible(field)) : [];
  if (!invalid.length) return nothing;
  return html`<gs-error-summary
    .heading=${ctx.msg.forms.errorSummaryTitle}
    .items=${invalid.map((field) => ({ field, text: problemLine(ctx, field, label(field), validation.visible(field)!) }))}
    @gs-error-link=${(e: GsErrorLinkEvent) => onLink(e.field)}
  ></gs-error-summary>`;
}
