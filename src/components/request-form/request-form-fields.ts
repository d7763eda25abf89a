import { html, nothing, type TemplateResult } from 'lit';
import type { FieldProblem } from '../../controllers/form-validation-controller.js';
import type { Messages } from '../../i18n/messages.js';
import type { AnswerChannel, RequestType } from '../../protocol/request.js';

/** What the citizen has typed, as the form holds it (strings as typed; links one per line). */
export interface RequestFormValue {
  type: RequestType | '';
  fullName: string;
  phone: string;
  email: string;
  answerChannel: AnswerChannel;
  snils: string;
  inn: string;
  serviceNumber: string;
  description: string;
  incidentDate: string;
  incidentTime: string;
  links: string;
  consent: boolean;
}

export type RequestField = keyof RequestFormValue | 'attachments';

/** Fields in the order they appear (the error summary lists them so). */
export const FIELD_ORDER: readonly RequestField[] = [
  'type',
  'fullName',
  'phone',
  'answerChannel',
  'email',
  'snils',
  'inn',
  'serviceNumber',
  'description',
  'incidentDate',
  'incidentTime',
  'links',
  'attachments',
  'consent',
];

export const emptyValue = (): RequestFormValue => ({
  type: '',
  fullName: '',
  phone: '',
  email: '',
  answerChannel: 'email',
  snils: '',
  inn: '',
  serviceNumber: '',
  description: '',
  incidentDate: '',
  incidentTime: '',
  links: '',
  consent: false,
});

/** The text for a problem, with its limits put in. */
export function problemText(msg: Messages, problem: FieldProblem): string {
  return msg.fieldErrors[problem.key].replace('{min}', String(problem.min ?? '')).replace('{max}', String(problem.max ?? ''));
}

/** Everything a field template needs from the form. */
export interface FieldContext {
  msg: Messages;
  value: RequestFormValue;
  problem: (field: RequestField) => FieldProblem | undefined;
  onInput: (field: keyof RequestFormValue, value: string | boolean) => void;
  onBlur: (field: keyof RequestFormValue) => void;
}

const describedBy = (id: string, hint: boolean, error: boolean) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;

function errorLine(ctx: FieldContext, id: string, problem: FieldProblem | undefined) {
  return problem
    ? html`<p class="error" id=${`${id}-error`} part="error"><span class="visually-hidden">${ctx.msg.errorPrefix} </span>${problemText(ctx.msg, problem)}</p>`
    : nothing;
}

function labelText(ctx: FieldContext, text: string, optional: boolean) {
  return html`${text}${optional ? html` <span class="optional">(${ctx.msg.requestForm.optional})</span>` : nothing}`;
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
export function textField(ctx: FieldContext, field: keyof RequestFormValue, o: TextFieldOptions) {
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

/** The request type, as a select of the types config offers. */
export function typeField(ctx: FieldContext, types: readonly RequestType[]) {
  const problem = ctx.problem('type');
  return html`<div class="form-control ${problem ? 'has-error' : ''}" part="form-control">
    <label for="type" part="label">${ctx.msg.requestForm.type}</label>
    ${errorLine(ctx, 'type', problem)}
    <select
      id="type"
      name="type"
      part="input"
      aria-describedby=${describedBy('type', false, !!problem)}
      aria-invalid=${problem ? 'true' : 'false'}
      @change=${(e: Event) => {
        ctx.onInput('type', (e.target as HTMLSelectElement).value);
        ctx.onBlur('type');
      }}
    >
      <option value="" ?selected=${ctx.value.type === ''}>${ctx.msg.requestForm.choose}</option>
      ${types.map((t) => html`<option value=${t} ?selected=${ctx.value.type === t}>${ctx.msg.requestTypes[t]}</option>`)}
    </select>
  </div>`;
}

/** How to answer: radios in a fieldset. */
export function answerChannelField(ctx: FieldContext, channels: readonly AnswerChannel[]) {
  const problem = ctx.problem('answerChannel');
  return html`<fieldset class="form-control ${problem ? 'has-error' : ''}" part="form-control" aria-describedby=${describedBy('answerChannel', false, !!problem)}>
    <legend part="label">${ctx.msg.requestForm.answerChannel}</legend>
    ${errorLine(ctx, 'answerChannel', problem)}
    ${channels.map(
      (channel, i) => html`<label class="choice">
        <input
          type="radio"
          name="answerChannel"
          id=${i === 0 ? 'answerChannel' : `answerChannel-${channel}`}
          value=${channel}
          .checked=${ctx.value.answerChannel === channel}
          @change=${() => {
            ctx.onInput('answerChannel', channel);
            ctx.onBlur('answerChannel');
          }}
        />
        <span>${ctx.msg.answerChannels[channel]}</span>
      </label>`,
    )}
  </fieldset>`;
}

/** Consent to personal-data processing, with the policy link from config. */
export function consentField(ctx: FieldContext, text: string, policyUrl: string | undefined) {
  const problem = ctx.problem('consent');
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
          ctx.onInput('consent', (e.target as HTMLInputElement).checked);
          ctx.onBlur('consent');
        }}
      />
      <span>${text}</span>
    </label>
    ${policyUrl
      ? html`<p class="hint" id="consent-hint"><a href=${policyUrl} target="_blank" rel="noopener noreferrer"
            >${ctx.msg.requestForm.policyLink}<span class="visually-hidden"> ${ctx.msg.contacts.opensInNewTab}</span></a
          ></p>`
      : nothing}
  </div>`;
}
