import { html, nothing, type TemplateResult } from 'lit';
import type { FieldProblem, FormValidationController } from './form-validation-controller.js';
import type { GsErrorLinkEvent } from '../events/form-events.js';
import type { CoreMessages, Messages, PluralForms } from '../i18n/messages.js';

/**
 * Form controls shared by every form of the widget: a labelled input or textarea with its hint
 * and GOV.UK-style inline error (ids `<field>`, `<field>-hint`, `<field>-error`).
 */

/** The text for a problem, with its limits put in. */
export function problemText(msg: CoreMessages, problem: FieldProblem): string {
  return msg.fieldErrors[problem.key].replace('{min}', String(problem.min ?? '')).replace('{max}', String(problem.max ?? ''));
}

/** Everything a field template needs from the form. */
export interface FieldContext<V extends object> {
  msg: Messages;
  value: V;
  problem: (field: keyof V & string) => FieldProblem | undefined;
  onInput: (field: keyof V & string, value: string | boolean) => void;
  onBlur: (field: keyof V & string) => void;
}

export const describedBy = (id: string, hint: boolean, error: boolean) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;

export function errorLine(ctx: { msg: CoreMessages }, id: string, problem: FieldProblem | undefined) {
  return problem
    ? html`<p class="error" id=${`${id}-error`} part="error"><span class="visually-hidden">${ctx.msg.errorPrefix} </span>${problemText(ctx.msg, problem)}</p>`
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
 * as «label: problem» links (`onLink` moves focus to the field). Nothing before a submit.
 */
export function errorSummary<F extends string>(
  ctx: { msg: CoreMessages; plural: (n: number, forms: PluralForms) => string },
  validation: FormValidationController<F>,
  order: readonly F[],
  label: (field: F) => string,
  onLink: (field: string) => void,
) {
  const invalid = validation.submitted ? order.filter((field) => validation.visible(field)) : [];
  if (!invalid.length) return nothing;
  const f = ctx.msg.forms;
  return html`<gs-error-summary
    .heading=${`${f.errorSummaryTitle}: ${ctx.plural(invalid.length, f.errorCount)}`}
    .items=${invalid.map((field) => ({ field, text: `${label(field)}: ${problemText(ctx.msg, validation.visible(field)!)}` }))}
    @gs-error-link=${(e: GsErrorLinkEvent) => onLink(e.field)}
  ></gs-error-summary>`;
}
