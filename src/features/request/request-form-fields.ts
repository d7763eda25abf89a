import { html } from 'lit';
import { describedBy, errorLine, type FieldContext as GenericFieldContext } from '../../shared/form-fields.js';
import type { AnswerChannel, RequestType } from '../../protocol/request.js';

export { consentField, problemLine, textField } from '../../shared/form-fields.js';
/** Everything a field template of the request form needs from the form. */
export type FieldContext = GenericFieldContext<RequestFormValue>;

/** What the citizen has typed, as the form holds it (strings as typed; links one per line). */
export interface RequestFormValue {
  type: RequestType | '';
  fullName: string;
  phone: string;
  email: string;
  /** None chosen at first (GOV.UK: no preselected answer the citizen may miss). */
  answerChannel: AnswerChannel | '';
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
  answerChannel: '',
  snils: '',
  inn: '',
  serviceNumber: '',
  description: '',
  incidentDate: '',
  incidentTime: '',
  links: '',
  consent: false,
});

/** The request type, as a select of the types config offers. */
export function typeField(ctx: FieldContext, types: readonly RequestType[]) {
  const problem = ctx.problem('type');
  return html`<div class="form-control ${problem ? 'has-error' : ''}" part="form-control">
    <label for="type" part="label">${ctx.msg.request.form.type}</label>
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
      <option value="" ?selected=${ctx.value.type === ''}>${ctx.msg.forms.chooseTopic}</option>
      ${types.map((t) => html`<option value=${t} ?selected=${ctx.value.type === t}>${ctx.msg.requestTypes[t]}</option>`)}
    </select>
  </div>`;
}

/** How to answer: radios in a fieldset. */
export function answerChannelField(ctx: FieldContext, channels: readonly AnswerChannel[]) {
  const problem = ctx.problem('answerChannel');
  return html`<fieldset class="form-control ${problem ? 'has-error' : ''}" part="form-control" aria-describedby=${describedBy('answerChannel', false, !!problem)}>
    <legend part="label">${ctx.msg.request.form.answerChannel}</legend>
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
