import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { GsNewRequestEvent } from '../../events/form-events.js';
import type { CallbackMessages } from './texts/index.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { CallbackSlot, CallbackSlots, CallbackView } from '../../protocol/callback.js';
import type { Locale } from '../../protocol/config.js';
import { normalizePhone } from '../../protocol/validators.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { SubmitController } from '../../shared/submit-controller.js';
import { SurveySlotController } from '../../shared/load-survey.js';
import { textField, type FieldContext } from '../../shared/form-fields.js';
import { CallbackApi } from './callback-api.js';
import { slotPicker } from './slot-picker.js';
import { browserTimeZone, dayLabel, localRange, slotRange, slotWhen, timeIn } from '../../shared/slot-time.js';
import { styles } from './callback-request.styles.js';

const MOSCOW = 'Europe/Moscow';

interface FindValue {
  number: string;
  phone: string;
}

type Problem = { kind: 'not-found' | 'offline' | 'failed' | 'finished' } | { kind: 'rate-limited'; seconds: number } | { kind: 'taken'; next?: CallbackSlot | undefined };

/**
 * A callback request as the citizen sees it: number, state, the promised window (Moscow time and
 * the citizen's own), what to have at hand, and cancel or reschedule with the number and phone.
 * Without a `callback` it first asks for the number and phone (a callback booked earlier). A
 * callback that was made carries its survey (issue 17), shown under it.
 *
 * @tagname gs-callback-confirmation
 * @summary A booked callback: window, what to prepare, cancel and reschedule.
 *
 * @fires gs-new-request - The citizen wants to book another callback.
 */
export class GsCallbackConfirmation extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  /** The callback just booked (or found); absent = ask for number and phone. */
  @property({ attribute: false }) callback?: CallbackView | undefined;
  /** The phone it was booked for (needed to cancel or reschedule). */
  @property() phone = '';
  /** «в течение N минут» for an ASAP call. */
  @property({ type: Number, attribute: 'promise-minutes' }) promiseMinutes = 30;
  /** The citizen's time zone (default: the browser's). */
  @property({ attribute: 'local-time-zone' }) localTimeZone?: string;
  /** Backend URL when used standalone. */
  @property() backend?: string;
  /** Language when used standalone. */
  @property() locale?: Locale;

  @state() private mode: 'view' | 'confirm-cancel' | 'reschedule' = 'view';
  @state() private slots?: CallbackSlots;
  @state() private picked = '';
  @state() private pickTried = false;
  /** The free times for a reschedule could not be loaded. */
  @state() private slotsFailed = false;
  @state() private day = '';
  @state() private notice = '';
  @state() private find: FindValue = { number: '', phone: '' };
  @state() private findTried = false;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  /** Cancel, reschedule and look up; not announced (the problem is a role=alert). */
  private readonly submit = new SubmitController<Problem>(this, {
    problem: (found) =>
      found.kind === 'conflict'
        ? found.next
          ? { kind: 'taken', next: found.next }
          : { kind: 'finished' }
        : found.kind === 'validation'
          ? { kind: 'not-found' }
          : found,
    alert: () => this.renderRoot.querySelector<HTMLElement>('#problem'),
  });
  /** A called callback's survey (fetched when there is one). */
  private readonly survey = new SurveySlotController(this, this.l10n);
  /** Booked here (not looked up): the heading says so. */
  private fresh = false;

  private get cb(): CallbackMessages {
    return this.l10n.msg.callback;
  }

  private get api(): CallbackApi {
    return new CallbackApi(this.config.value.backend);
  }

  /** `aria-disabled` of a send button: it keeps focus while its call is on its way. */
  private get sending(): 'true' | 'false' {
    return this.submit.submitting ? 'true' : 'false';
  }

  private get lineZone(): string {
    return this.slots?.timeZone ?? MOSCOW;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('callback') && changed.get('callback') === undefined && this.callback && !this.findTried) this.fresh = true;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private call(run: (signal: AbortSignal) => Promise<CallbackView>, done: string): Promise<void> {
    return this.submit.run(async (signal) => {
      this.callback = await run(signal);
      this.mode = 'view';
      this.notice = done;
      await this.focusHeading();
    });
  }

  /** The phone it was booked for, as the backend compares it. */
  private owner(): string {
    return normalizePhone(this.phone) ?? this.phone;
  }

  private cancel(): Promise<void> {
    return this.call((signal) => this.api.cancel(this.callback!.number, this.owner(), signal), this.cb.cancelled);
  }

  private reschedule(slotStart: string): Promise<void> {
    const body = { phone: this.owner(), asap: false, slotStart };
    return this.call((signal) => this.api.reschedule(this.callback!.number, body, signal), this.cb.rescheduled);
  }

  private async openReschedule(): Promise<void> {
    this.mode = 'reschedule';
    this.submit.show(undefined);
    this.picked = '';
    this.pickTried = false;
    this.slotsFailed = false;
    try {
      this.slots = await this.api.slots(14);
    } catch {
      this.slotsFailed = true;
    }
  }

  private async lookUp(event: Event): Promise<void> {
    event.preventDefault();
    this.findTried = true;
    const phone = normalizePhone(this.find.phone);
    if (!this.find.number.trim() || !phone) {
      await this.updateComplete;
      return this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
    const number = this.find.number.trim().toUpperCase();
    await this.submit.run(async (signal) => {
      this.callback = await this.api.lookup(number, phone, signal);
      this.phone = this.find.phone;
      await this.focusHeading();
    });
  }

  private problemText(p: Problem): string {
    const cb = this.cb;
    switch (p.kind) {
      case 'not-found':
        return cb.manageNotFound;
      case 'offline':
        return cb.offline;
      case 'failed':
        return cb.failed;
      case 'finished':
        return cb.finished;
      case 'rate-limited':
        return cb.rateLimited(p.seconds);
      case 'taken':
        return p.next ? cb.slotTaken(this.when(p.next)) : cb.noLongerFree;
    }
  }

  private when(slot: Pick<CallbackSlot, 'start' | 'end'>): string {
    return slotWhen(slot, this.clock.now(), this.l10n.locale, this.lineZone, this.l10n.msg);
  }

  protected override render() {
    const p = this.submit.problem;
    return html`
      ${this.callback ? this.renderCallback(this.callback) : this.renderFind()}
      ${p
        ? html`<div class="problem" id="problem" role="alert" tabindex="-1">
            <p>${this.problemText(p)}</p>
            ${p.kind === 'taken' && p.next
              ? html`<button type="button" class="button-primary" @click=${() => this.reschedule(p.next!.start)}>${this.cb.bookInstead(this.when(p.next))}</button>`
              : nothing}
          </div>`
        : nothing}
    `;
  }

  private renderFind() {
    const cb = this.cb;
    const v = this.find;
    const problem = (field: keyof FindValue) =>
      !this.findTried ? undefined : field === 'number' ? (v.number.trim() ? undefined : { key: 'required' as const }) : normalizePhone(v.phone) ? undefined : { key: v.phone.trim() ? ('phone' as const) : ('required' as const) };
    const ctx: FieldContext<FindValue> = {
      msg: this.l10n.msg,
      missing: cb.manageMissing,
      value: v,
      problem,
      onInput: (field, value) => (this.find = { ...this.find, [field]: String(value) }),
      onBlur: () => {},
    };
    return html`<h3 tabindex="-1">${cb.manageTitle}</h3>
      <form novalidate @submit=${this.lookUp}>
        ${textField(ctx, 'number', { label: cb.manageNumber, hint: cb.manageNumberHint })}
        ${textField(ctx, 'phone', { label: cb.managePhone, hint: cb.phoneHint, type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
        <button type="submit" class="button-primary submit" aria-disabled=${this.sending}>${cb.manageFind}</button>
      </form>
      <p class="manage"><button type="button" class="button-secondary" @click=${() => this.dispatchEvent(new GsNewRequestEvent())}>${cb.manageBack}</button></p>`;
  }

  private renderWindow(c: CallbackView) {
    const cb = this.cb;
    const locale = this.l10n.locale;
    const msg = this.l10n.msg;
    const localZone = this.localTimeZone ?? browserTimeZone();
    const window = { start: c.windowStart, end: c.windowEnd };
    const local = localRange(window, locale, this.lineZone, localZone, msg);
    const text = c.asap
      ? cb.windowAsap(this.promiseMinutes, timeIn(Date.parse(c.windowEnd), locale, this.lineZone, msg))
      : cb.windowSlot(dayLabel(Date.parse(c.windowStart), this.clock.now(), locale, this.lineZone, msg), slotRange(window, locale, this.lineZone, msg));
    return html`<p>${text}${local ? html` <span class="local">${cb.localTime(local)}</span>` : nothing}</p>`;
  }

  private renderCallback(c: CallbackView) {
    const cb = this.cb;
    const open = c.status === 'scheduled' || c.status === 'no_answer';
    return html`
      <h3 tabindex="-1" class=${this.fresh && open ? 'done' : ''}>${this.fresh && open ? cb.confirmed : cb.manageTitle}</h3>
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      <dl>
        <div>
          <dt>${cb.number}</dt>
          <dd class="value">${c.number}</dd>
        </div>
        <div>
          <dt>${cb.status}</dt>
          <dd>${cb.statuses[c.status]}</dd>
        </div>
      </dl>
      ${open ? this.renderWindow(c) : nothing}
      ${open
        ? html`<p>${cb.prepare}</p>
            <ul>
              ${cb.prepareItems.map((item) => html`<li>${item}</li>`)}
              <li>${c.requestNumber ? cb.prepareRequest(c.requestNumber) : cb.prepareRequestIfAny}</li>
            </ul>
            <p>${cb.noAnswerRule}</p>
            <p class="hint">${cb.manageHint}</p>
            ${this.renderActions(c)}`
        : html`<p>${cb.finished}</p>
            ${this.survey.render(c.survey)}`}
      <p class="manage"><button type="button" class="button-secondary" @click=${() => this.dispatchEvent(new GsNewRequestEvent())}>${cb.another}</button></p>
    `;
  }

  private renderActions(c: CallbackView) {
    const cb = this.cb;
    if (this.mode === 'confirm-cancel') {
      return html`<div class="notice" role="group" aria-labelledby="cancel-question">
        <p id="cancel-question">${cb.cancelConfirm(c.number)}</p>
        <p class="actions">
          <button type="button" class="button-primary" aria-disabled=${this.sending} @click=${() => this.cancel()}>${cb.cancelYes}</button>
          <button type="button" class="button-secondary" @click=${() => (this.mode = 'view')}>${cb.cancelNo}</button>
        </p>
      </div>`;
    }
    if (this.mode === 'reschedule') {
      const slots = this.slots?.slots ?? [];
      const missing = this.pickTried && !this.picked ? { key: 'slot_required' as const } : undefined;
      return html`<form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          if (!this.slots) return;
          this.pickTried = true;
          if (this.picked) void this.reschedule(this.picked);
          else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#reslot')?.focus());
        }}
      >
        ${this.slots
          ? slots.length
            ? slotPicker({
                msg: this.l10n.msg,
                cb,
                locale: this.l10n.locale,
                now: this.clock.now(),
                lineZone: this.lineZone,
                localZone: this.localTimeZone ?? browserTimeZone(),
                slots,
                selected: this.picked,
                day: this.day,
                problem: missing,
                id: 'reslot',
                onDay: (day) => (this.day = day),
                onSlot: (start) => (this.picked = start),
              })
            : html`<p>${cb.noneFree}</p>`
          : this.slotsFailed
            ? html`<div class="problem" role="alert">
                <p>${cb.slotsFailed}</p>
                <button type="button" class="button-secondary" @click=${() => this.openReschedule()}>${cb.retry}</button>
              </div>`
            : html`<p class="hint" role="status">${cb.slotsLoading}</p>`}
        <p class="actions">
          ${slots.length ? html`<button type="submit" class="button-primary" aria-disabled=${this.sending}>${cb.rescheduleSubmit}</button>` : nothing}
          <button type="button" class="button-secondary" @click=${() => (this.mode = 'view')}>${cb.keepTime}</button>
        </p>
      </form>`;
    }
    return html`<p class="actions">
      <button type="button" class="button-primary" @click=${() => this.openReschedule()}>${cb.reschedule}</button>
      <button type="button" class="button-secondary" @click=${() => (this.mode = 'confirm-cancel')}>${cb.cancel}</button>
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-callback-confirmation': GsCallbackConfirmation;
  }
}
