import { html, nothing } from 'lit';
import { zoneLabel } from '../../i18n/format.js';
import type { CoreMessages } from '../../i18n/messages.js';
import type { Locale } from '../../protocol/config.js';
import type { OfficeSlots } from '../../protocol/offices.js';
import type { OfficeMessages } from './texts/index.js';

/** What step 2 of a booking shows and where its choices go. */
export interface BookingTimesContext {
  msg: CoreMessages;
  om: OfficeMessages;
  locale: Locale;
  /** The office's zone: times are shown in it. */
  timeZone: string;
  /** The free times of the day shown; undefined while they load (or when they failed). */
  slots: OfficeSlots | undefined;
  failed: boolean;
  /** The chosen time's start ('' = none). */
  selected: string;
  onDay: (day?: string) => void;
  onSlot: (start: string) => void;
  onPrevious: () => void;
  onNext: () => void;
}

/**
 * Step 2 «Дата и время»: a day select and that day's free times as radios, in the office's own
 * time; while they load, or when they could not be loaded, says so (with «Повторить»).
 */
export function bookingTimes(ctx: BookingTimesContext) {
  const { om, slots } = ctx;
  const time = new Intl.DateTimeFormat(ctx.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ctx.timeZone });
  const day = new Intl.DateTimeFormat(ctx.locale, { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return html`
    ${slots === undefined
      ? ctx.failed
        ? html`<div class="problem" role="alert"><p>${om.failed}</p><button type="button" class="button-secondary" @click=${() => ctx.onDay()}>${om.retry}</button></div>`
        : html`<p class="hint" role="status">${om.loading}</p>`
      : slots.days.length === 0
        ? html`<p class="notice" role="status">${om.noSlots}</p>`
        : html`<div class="form-control" part="form-control">
              <label for="day" part="label">${om.day}</label>
              <select id="day" part="input" @change=${(e: Event) => ctx.onDay((e.target as HTMLSelectElement).value)}>
                ${slots.days.map((d) => html`<option value=${d} ?selected=${d === slots.date}>${day.format(Date.parse(`${d}T12:00:00Z`))}</option>`)}
              </select>
            </div>
            <fieldset class="form-control choices times">
              <legend part="label">${om.time} (${zoneLabel(ctx.timeZone, ctx.locale, ctx.msg)})</legend>
              ${slots.slots.map(
                (s, i) => html`<label class="choice"
                  ><input type="radio" name="slot" id=${`slot-${i}`} value=${s.start} .checked=${ctx.selected === s.start} @change=${() => ctx.onSlot(s.start)} /><span
                    >${time.format(Date.parse(s.start))}</span
                  ></label
                >`,
              )}
            </fieldset>`}
    <p class="actions">
      <button type="button" class="button-secondary" @click=${ctx.onPrevious}>${om.previous}</button>
      ${slots?.days.length ? html`<button type="button" class="button-primary" @click=${ctx.onNext}>${om.next}</button>` : nothing}
    </p>
  `;
}
