import { html, nothing } from 'lit';
import type { FieldProblem } from '../../shared/form-validation-controller.js';
import type { CallbackMessages } from './texts/index.js';
import type { CoreMessages } from '../../i18n/messages.js';
import type { CallbackSlot } from '../../protocol/callback.js';
import type { Locale } from '../../protocol/config.js';
import { describedBy, errorLine } from '../../shared/form-fields.js';
import { dayKey, dayLabel, localRange, slotRange } from '../../shared/slot-time.js';

/** What the slot picker shows and where its choices go. */
export interface SlotPickerContext {
  msg: CoreMessages;
  cb: CallbackMessages;
  locale: Locale;
  now: number;
  /** The line's zone and the citizen's. */
  lineZone: string;
  localZone: string;
  slots: readonly CallbackSlot[];
  /** The chosen slot's start ('' = none). */
  selected: string;
  /** The day shown (YYYY-MM-DD in the line's zone; '' = the selected slot's or the first). */
  day: string;
  problem?: FieldProblem | undefined;
  /** Id of the first time radio (the error summary's link target); the day select is `<id>-day`. */
  id: string;
  onDay: (day: string) => void;
  onSlot: (start: string) => void;
}

/** The days that have free slots, in order. */
export function slotDays(slots: readonly CallbackSlot[], timeZone: string): string[] {
  return [...new Set(slots.map((s) => dayKey(Date.parse(s.start), timeZone)))];
}

/** The day to show: the asked one, else the selected slot's, else the first with free slots. */
export function shownDay(ctx: Pick<SlotPickerContext, 'slots' | 'selected' | 'day' | 'lineZone'>): string {
  const days = slotDays(ctx.slots, ctx.lineZone);
  if (ctx.day && days.includes(ctx.day)) return ctx.day;
  if (ctx.selected) return dayKey(Date.parse(ctx.selected), ctx.lineZone);
  return days[0] ?? '';
}

/**
 * A day select and the free times of that day as radios, in the line's time (and the citizen's
 * own when it differs). Rendered into the form's shadow root so labels and the error summary work.
 */
export function slotPicker(ctx: SlotPickerContext) {
  const day = shownDay(ctx);
  const days = slotDays(ctx.slots, ctx.lineZone);
  const ofDay = ctx.slots.filter((s) => dayKey(Date.parse(s.start), ctx.lineZone) === day);
  const problem = ctx.problem;
  return html`<div class="slot-picker">
    <div class="form-control" part="form-control">
      <label for=${`${ctx.id}-day`} part="label">${ctx.cb.day}</label>
      <select
        id=${`${ctx.id}-day`}
        part="input"
        @change=${(e: Event) => ctx.onDay((e.target as HTMLSelectElement).value)}
      >
        ${days.map((d) => {
          const first = ctx.slots.find((s) => dayKey(Date.parse(s.start), ctx.lineZone) === d)!;
          return html`<option value=${d} ?selected=${d === day}>${dayLabel(Date.parse(first.start), ctx.now, ctx.locale, ctx.lineZone, ctx.msg)}</option>`;
        })}
      </select>
    </div>
    <fieldset class="form-control times ${problem ? 'has-error' : ''}" part="form-control" aria-describedby=${describedBy(ctx.id, false, !!problem)}>
      <legend part="label">${ctx.cb.time}</legend>
      ${errorLine(ctx, ctx.id, problem)}
      ${ofDay.map((slot, i) => {
        const local = localRange(slot, ctx.locale, ctx.lineZone, ctx.localZone, ctx.msg);
        return html`<label class="choice">
          <input
            type="radio"
            name=${ctx.id}
            id=${i === 0 ? ctx.id : `${ctx.id}-${i}`}
            value=${slot.start}
            aria-invalid=${problem ? 'true' : 'false'}
            .checked=${ctx.selected === slot.start}
            @change=${() => ctx.onSlot(slot.start)}
          />
          <span>${slotRange(slot, ctx.locale, ctx.lineZone, ctx.msg)}${local ? html`<span class="local">${ctx.cb.localTime(local)}</span>` : nothing}</span>
        </label>`;
      })}
    </fieldset>
  </div>`;
}
