import { html, nothing } from 'lit';
import type { CallbackMessages } from './texts/index.js';
import type { CallbackSlot, CallbackSlots } from '../../protocol/callback.js';
import type { Locale } from '../../protocol/config.js';
import type { RequestType } from '../../protocol/request.js';
import { describedBy, errorLine, type FieldContext } from '../../shared/form-fields.js';
import { slotPicker } from './slot-picker.js';

/** What the citizen has typed, as the form holds it. */
export interface CallbackFormValue {
  phone: string;
  name: string;
  topic: RequestType | '';
  requestNumber: string;
  when: 'asap' | 'slot';
  slotStart: string;
  comment: string;
  consent: boolean;
}

export type CallbackField = Exclude<keyof CallbackFormValue, 'when'>;

/** Fields in the order they appear (the error summary lists them so). */
export const FIELD_ORDER: readonly CallbackField[] = ['phone', 'name', 'topic', 'requestNumber', 'slotStart', 'comment', 'consent'];

export const emptyValue = (): CallbackFormValue => ({
  phone: '',
  name: '',
  topic: '',
  requestNumber: '',
  when: 'asap',
  slotStart: '',
  comment: '',
  consent: false,
});

type Ctx = FieldContext<CallbackFormValue>;

/** What the «Когда позвонить» block needs besides the form's value. */
export interface WhenOptions {
  cb: CallbackMessages;
  locale: Locale;
  now: number;
  slots: CallbackSlots | undefined;
  slotsFailed: boolean;
  day: string;
  lineZone: string;
  localZone: string;
  when: (slot: CallbackSlot) => string;
  onDay: (day: string) => void;
  onTake: (slot: CallbackSlot) => void;
  onRetry: () => void;
  onWrite: () => void;
}

function topic(ctx: Ctx, cb: CallbackMessages, types: readonly RequestType[]) {
  const problem = ctx.problem('topic');
  return html`<div class="form-control ${problem ? 'has-error' : ''}" part="form-control">
    <label for="topic" part="label">${cb.topic}</label>
    ${errorLine(ctx, 'topic', problem)}
    <select
      id="topic"
      name="topic"
      part="input"
      aria-describedby=${describedBy('topic', false, !!problem)}
      aria-invalid=${problem ? 'true' : 'false'}
      @change=${(e: Event) => {
        ctx.onInput('topic', (e.target as HTMLSelectElement).value);
        ctx.onBlur('topic');
      }}
    >
      <option value="" ?selected=${ctx.value.topic === ''}>${ctx.msg.forms.chooseTopic}</option>
      ${types.map((t) => html`<option value=${t} ?selected=${ctx.value.topic === t}>${ctx.msg.requestTypes[t]}</option>`)}
    </select>
  </div>`;
}

/** Why ASAP is not offered, when the next free slot is, and the request form as the other way. */
function availability(o: WhenOptions) {
  const { cb, slots } = o;
  if (!slots) return nothing;
  const next = slots.nextFree;
  const asapNote = slots.asap.available ? nothing : html`<p>${cb.asapUnavailable[slots.asap.reason ?? 'closed']}</p>`;
  if (slots.asap.available && slots.slots.length) return nothing;
  return html`<div class="notice availability" role="status">
    ${asapNote}
    ${next ? html`<p>${cb.nextFree(o.when(next))}</p>` : html`<p>${cb.noneFree}</p>`}
    <p class="actions">
      ${next ? html`<button type="button" class="button-secondary" @click=${() => o.onTake(next)}>${cb.takeNextFree}</button>` : nothing}
      <button type="button" class="button-secondary" @click=${o.onWrite}>${cb.writeInstead}</button>
    </p>
    ${next ? nothing : html`<p class="hint">${cb.orWrite}</p>`}
  </div>`;
}

/** «Как можно скорее» or a slot; while slots load or failed to, says so (the rest of the form stays usable). */
function when(ctx: Ctx, o: WhenOptions) {
  const { cb, slots } = o;
  const asapAvailable = slots?.asap.available ?? false;
  const choose = (value: 'asap' | 'slot') => () => {
    ctx.onInput('when', value);
    ctx.onBlur('when');
  };
  return html`<fieldset class="form-control when" part="form-control">
    <legend part="label">${cb.when}</legend>
    ${slots === undefined
      ? o.slotsFailed
        ? html`<div class="problem" role="alert">
            <p>${cb.slotsFailed}</p>
            <button type="button" class="button-secondary" @click=${o.onRetry}>${cb.retry}</button>
          </div>`
        : html`<p class="hint" role="status">${cb.slotsLoading}</p>`
      : html`
          ${availability(o)}
          ${asapAvailable
            ? html`<label class="choice">
                <input type="radio" name="when" id="when" value="asap" aria-describedby="when-asap-hint" .checked=${ctx.value.when === 'asap'} @change=${choose('asap')} />
                <span>${cb.asap}</span>
              </label>
              <p class="hint choice-hint" id="when-asap-hint">${cb.asapPromise(slots.asap.promiseMinutes)}</p>`
            : nothing}
          ${slots.slots.length
            ? html`<label class="choice">
                <input type="radio" name="when" id=${asapAvailable ? 'when-slot' : 'when'} value="slot" .checked=${ctx.value.when === 'slot'} @change=${choose('slot')} />
                <span>${cb.atTime}</span>
              </label>`
            : nothing}
          ${ctx.value.when === 'slot' && slots.slots.length
            ? slotPicker({
                msg: ctx.msg,
                cb,
                locale: o.locale,
                now: o.now,
                lineZone: o.lineZone,
                localZone: o.localZone,
                slots: slots.slots,
                selected: ctx.value.slotStart,
                day: o.day,
                problem: ctx.problem('slotStart'),
                id: 'slotStart',
                onDay: o.onDay,
                onSlot: (start) => {
                  ctx.onInput('slotStart', start);
                  ctx.onBlur('slotStart');
                },
              })
            : ctx.value.when === 'slot'
              ? errorLine(ctx, 'slotStart', ctx.problem('slotStart'))
              : nothing}
        `}
  </fieldset>`;
}

export const choiceFields = { topic, when };
