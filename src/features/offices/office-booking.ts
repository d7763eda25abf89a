import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { FormValidationController } from '../../shared/form-validation-controller.js';
import { GsSubmitEvent } from '../../events/form-events.js';
import { GsOfficeBackEvent } from '../../events/office-events.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { OfficeMessages } from './texts/index.js';
import type { Locale } from '../../protocol/config.js';
import { BookingBody, type Booking, type OfficeService, type OfficeSlots, type OfficeSummary } from '../../protocol/offices.js';
import { formatPhone, normalizePhone } from '../../protocol/validators.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { slotWhen } from '../../shared/slot-time.js';
import { focusField } from '../../shared/focus-field.js';
import type { GsErrorSummary } from '../../shared/error-summary.js';
import '../../shared/error-summary.js';
import { SubmitController } from '../../shared/submit-controller.js';
import { consentField, errorSummary, textField, type FieldContext } from '../../shared/form-fields.js';
import { bookingIcs } from './booking-ics.js';
import { bookingTimes } from './booking-times.js';
import { OfficesApi } from './offices-api.js';
import { styles } from './office-finder.styles.js';

interface ContactValue {
  name: string;
  phone: string;
  email: string;
  consent: boolean;
}
type ContactField = keyof ContactValue | 'slotStart';
const CONTACT_FIELDS: readonly ContactField[] = ['name', 'phone', 'email', 'consent'];

type Problem = { kind: 'offline' | 'failed' | 'not-found' | 'past' } | { kind: 'rate-limited'; seconds: number } | { kind: 'taken'; next?: { start: string; end: string } | undefined };

/**
 * Booking a visit to an office in three steps — service, a free time (the office's own zone),
 * contact details — then the confirmation: booking number, date and time, address, documents to
 * bring, the lateness rule, an .ics file, and cancelling with the number and phone. Without an
 * `office` it is the cancel form alone.
 *
 * @tagname gs-office-booking
 * @summary Booking a visit to an office.
 *
 * @fires gs-submit - A visit was booked (`form` = `booking`, `requestNumber` = the booking number).
 * @fires gs-office-back - Back to the list.
 */
export class GsOfficeBooking extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  /** The office to book at; absent = the cancel form. */
  @property({ attribute: false }) office?: OfficeSummary | undefined;
  @property({ attribute: false }) services: readonly OfficeService[] = [];
  /** The service chosen before (the card's choice). */
  @property() service = '';
  @property() backend?: string;
  @property() locale?: Locale;

  @state() private step: 1 | 2 | 3 = 1;
  @state() private chosenService = '';
  @state() private slots?: OfficeSlots;
  @state() private slotsFailed = false;
  @state() private slotStart = '';
  @state() private value: ContactValue = { name: '', phone: '', email: '', consent: false };
  @state() private stepProblem = '';
  @state() private booked?: { booking: Booking; phone: string };
  @state() private cancelValue = { number: '', phone: '' };
  @state() private cancelTried = false;
  @state() private notice = '';
  @state() private ics = '';

  @query('gs-error-summary') private summary?: GsErrorSummary;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly validation = new FormValidationController<ContactField>(this, {
    issues: () => {
      const parsed = BookingBody.safeParse(this.body());
      return parsed.success ? [] : parsed.error.issues;
    },
    body: () => this.body(),
  });
  private readonly submit = new SubmitController<Problem>(this, {
    problem: (found) =>
      found.kind === 'conflict'
        ? this.booked
          ? { kind: 'past' }
          : { kind: 'taken', next: found.next }
        : found.kind === 'validation'
          ? { kind: 'failed' }
          : found,
    issues: (issues) => this.validation.serverIssues(issues),
    summary: () => this.summary,
    alert: () => this.renderRoot.querySelector<HTMLElement>('#problem'),
  });

  private get om(): OfficeMessages {
    return this.l10n.msg.offices;
  }

  /** `aria-disabled` of a send button: it keeps focus while its call is on its way. */
  private get sending(): 'true' | 'false' {
    return this.submit.submitting ? 'true' : 'false';
  }

  private get api(): OfficesApi {
    return new OfficesApi(this.config.value.backend);
  }

  private body() {
    const v = this.value;
    return { service: this.chosenService, slotStart: this.slotStart, name: v.name, phone: v.phone, email: v.email.trim() || undefined, consent: v.consent };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('service') && this.service && !this.chosenService) this.chosenService = this.service;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ics) URL.revokeObjectURL(this.ics);
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async loadSlots(date?: string): Promise<void> {
    this.slotsFailed = false;
    try {
      this.slots = await this.api.slots(this.office!.id, this.chosenService, date || undefined);
      // A time chosen on another day is not on screen any more: it is not kept.
      if (!this.slots.slots.some((s) => s.start === this.slotStart)) this.slotStart = '';
    } catch {
      this.slotsFailed = true;
    }
  }

  private async next(): Promise<void> {
    const om = this.om;
    if (this.step === 1) {
      if (!this.chosenService) {
        this.stepProblem = om.missing.service;
        return this.focusOn('#service-0');
      }
      this.stepProblem = '';
      this.step = 2;
      this.slots = undefined;
      this.slotStart = '';
      void this.loadSlots();
      return this.focusOn('h4');
    }
    if (this.step === 2) {
      if (!this.slots?.slots.some((s) => s.start === this.slotStart)) {
        this.stepProblem = om.missing.slot;
        return this.focusOn('#slot-0');
      }
      this.stepProblem = '';
      this.step = 3;
      return this.focusOn('h4');
    }
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submit.submitting) return;
    const invalid = this.validation.submit(CONTACT_FIELDS);
    if (invalid.length) return this.submit.focusSummary();
    const body = this.body();
    const key = this.submit.key(body);
    await this.submit.run(async (signal) => {
      const booking = await this.api.book(this.office!.id, body, key, signal);
      this.booked = { booking, phone: normalizePhone(this.value.phone) ?? this.value.phone };
      this.makeIcs(booking);
      this.dispatchEvent(new GsSubmitEvent('booking', booking.number));
      await this.focusOn('h3');
    });
  }

  private problemText(p: Problem): string {
    const om = this.om;
    switch (p.kind) {
      case 'offline':
        return om.offline;
      case 'failed':
        return om.submitFailed;
      case 'not-found':
        return om.notFound;
      case 'past':
        return om.pastVisit;
      case 'rate-limited':
        return om.rateLimited(p.seconds);
      case 'taken':
        return p.next ? om.slotTaken(this.when(p.next)) : om.noLongerFree;
    }
  }

  private when(slot: { start: string; end: string }): string {
    return slotWhen(slot, this.clock.now(), this.l10n.locale, this.office?.timeZone ?? this.booked?.booking.timeZone ?? 'Europe/Moscow', this.l10n.msg);
  }

  private async takeOffer(slot: { start: string; end: string }): Promise<void> {
    this.submit.show(undefined);
    this.slotStart = slot.start;
    this.step = 2;
    await this.loadSlots(slot.start.slice(0, 10));
    if (this.slots && !this.slots.slots.some((s) => s.start === slot.start)) this.slots = { ...this.slots, slots: [...this.slots.slots, { ...slot, free: 1 }] };
    await this.focusOn('input[name=slot]:checked');
  }

  private makeIcs(booking: Booking): void {
    const om = this.om;
    const locale = this.l10n.locale;
    const label = this.services.find((s) => s.code === booking.service)?.label[locale] ?? booking.service;
    const description = [om.bring, ...booking.documents.map((d) => `— ${d[locale]}`), om.lateRule(booking.lateCancelMinutes), `${om.number}: ${booking.number}`].join('\n');
    const text = bookingIcs(booking, { title: om.calendarTitle(label), description, now: this.clock.now() });
    if (this.ics) URL.revokeObjectURL(this.ics);
    this.ics = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  }

  private cancel(number: string, phone: string): Promise<void> {
    return this.submit.run(async (signal) => {
      const booking = await this.api.cancel(number.trim().toUpperCase(), normalizePhone(phone) ?? phone, signal);
      this.booked = { booking, phone };
      this.notice = this.om.cancelled;
      await this.focusOn('h3');
    });
  }

  private back(): void {
    this.dispatchEvent(new GsOfficeBackEvent());
  }

  protected override render() {
    const p = this.submit.problem;
    const problem = p
      ? html`<div class="problem" id="problem" role="alert" tabindex="-1">
          <p>${this.problemText(p)}</p>
          ${p.kind === 'taken' && p.next ? html`<button type="button" class="button-primary" @click=${() => this.takeOffer(p.next!)}>${this.om.bookInstead(this.when(p.next))}</button>` : nothing}
        </div>`
      : nothing;
    if (this.booked) return html`${this.renderBooked(this.booked.booking)}${problem}`;
    if (!this.office) return html`${this.renderCancelForm()}${problem}`;
    return html`${this.renderSteps(this.office)}${problem}`;
  }

  private renderSteps(office: OfficeSummary) {
    const om = this.om;
    const locale = this.l10n.locale;
    const offered = this.services.filter((s) => office.services.includes(s.code));
    const title = [om.stepService, om.stepTime, om.stepContacts][this.step - 1]!;
    return html`
      <p><button type="button" class="button-secondary" @click=${() => this.back()}>${om.back}</button></p>
      <h3 tabindex="-1">${om.bookTitle}: ${office.name}</h3>
      <p class="address">${office.address}</p>
      <p class="hint">${om.step(this.step, 3)}</p>
      <h4 tabindex="-1">${title}</h4>
      ${this.stepProblem ? html`<p class="error" role="alert"><span class="visually-hidden">${this.l10n.msg.errorPrefix} </span>${this.stepProblem}</p>` : nothing}
      ${this.step === 1
        ? html`<fieldset class="form-control choices">
              <legend class="visually-hidden">${om.stepService}</legend>
              ${offered.map(
                (s, i) => html`<label class="choice"
                  ><input type="radio" name="service" id=${`service-${i}`} .checked=${this.chosenService === s.code} @change=${() => (this.chosenService = s.code)} /><span
                    >${s.label[locale]}</span
                  ></label
                >`,
              )}
            </fieldset>
            <p class="actions"><button type="button" class="button-primary" @click=${() => this.next()}>${om.next}</button></p>`
        : this.step === 2
          ? bookingTimes({
              msg: this.l10n.msg,
              om,
              locale,
              timeZone: office.timeZone,
              slots: this.slots,
              failed: this.slotsFailed,
              selected: this.slotStart,
              onDay: (day) => this.loadSlots(day),
              onSlot: (start) => (this.slotStart = start),
              onPrevious: () => ((this.step = 1), this.focusOn('h4')),
              onNext: () => this.next(),
            })
          : this.renderContacts()}
    `;
  }

  private renderContacts() {
    const om = this.om;
    const msg = this.l10n.msg;
    const ctx: FieldContext<ContactValue> = {
      msg,
      missing: om.missing,
      value: this.value,
      problem: (f) => this.validation.visible(f),
      onInput: (field, value) => {
        this.value = { ...this.value, [field]: value };
        this.validation.input(field);
      },
      onBlur: (field) => {
        if (field === 'phone') {
          const n = normalizePhone(this.value.phone);
          if (n) this.value = { ...this.value, phone: formatPhone(n) };
        }
        this.validation.blur(field);
      },
    };
    const labels: Record<ContactField, string> = { name: om.name, phone: om.phone, email: om.email, consent: om.consent, slotStart: om.time };
    return html`
      ${errorSummary(ctx, this.validation, CONTACT_FIELDS, (field) => labels[field], (field) => focusField(this.renderRoot, this.renderRoot.querySelector<HTMLElement>(`#${field}`)))}
      <form novalidate @submit=${this.onSubmit}>
        ${this.renderChosenTime()}
        ${textField(ctx, 'name', { label: om.name, hint: om.nameHint, autocomplete: 'name' })}
        ${textField(ctx, 'phone', { label: om.phone, hint: om.phoneHint, type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
        ${textField(ctx, 'email', { label: om.email, hint: om.emailHint, type: 'email', autocomplete: 'email', optional: true })}
        ${consentField(ctx, om.consent, this.config.value.requestForm.policyUrl)}
        <p class="actions">
          <button type="button" class="button-secondary" @click=${() => ((this.step = 2), this.focusOn('h4'))}>${om.previous}</button>
          <button type="submit" class="button-primary" aria-disabled=${this.sending}>${this.submit.submitting ? om.submitting : om.submit}</button>
        </p>
      </form>
    `;
  }

  /** The time chosen in step 2, as a reminder in step 3. */
  private renderChosenTime() {
    const slot = this.slots?.slots.find((s) => s.start === this.slotStart);
    return slot ? html`<p class="hint">${this.when(slot)}</p>` : nothing;
  }

  private renderBooked(b: Booking) {
    const om = this.om;
    const locale = this.l10n.locale;
    const label = this.services.find((s) => s.code === b.service)?.label[locale] ?? b.service;
    const open = b.status === 'booked';
    return html`
      <h3 tabindex="-1" class=${open ? 'done' : ''}>${open ? om.confirmed : om.cancelled}</h3>
      ${this.notice && open ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      <dl>
        <div><dt>${om.number}</dt><dd class="value">${b.number}</dd></div>
        <div><dt>${om.when}</dt><dd>${this.when(b)}</dd></div>
        <div><dt>${om.where}</dt><dd>${b.officeName}, ${b.address}, <a href=${`tel:${b.officePhone.replace(/[^\d+]/g, '')}`}>${b.officePhone}</a></dd></div>
        <div><dt>${om.service}</dt><dd>${label}</dd></div>
      </dl>
      ${open
        ? html`<p>${om.bring}</p>
            <ul class="documents">
              ${b.documents.map((d) => html`<li>${d[locale]}</li>`)}
            </ul>
            <p>${om.lateRule(b.lateCancelMinutes)}</p>
            ${this.ics ? html`<p><a class="ics" href=${this.ics} download=${`${b.number}.ics`}>${om.addToCalendar}</a></p>` : nothing}
            <p class="actions">
              <button type="button" class="button-secondary" aria-disabled=${this.sending} @click=${() => this.cancel(b.number, this.booked!.phone)}>${om.cancel}</button>
            </p>`
        : nothing}
      <p class="manage"><button type="button" class="button-secondary" @click=${() => this.back()}>${om.another}</button></p>
    `;
  }

  private renderCancelForm() {
    const om = this.om;
    const v = this.cancelValue;
    const ctx: FieldContext<{ number: string; phone: string }> = {
      msg: this.l10n.msg,
      missing: om.missing,
      value: v,
      problem: (field) =>
        !this.cancelTried ? undefined : field === 'number' ? (v.number.trim() ? undefined : { key: 'required' }) : normalizePhone(v.phone) ? undefined : { key: v.phone.trim() ? 'phone' : 'required' },
      onInput: (field, value) => (this.cancelValue = { ...this.cancelValue, [field]: String(value) }),
      onBlur: () => {},
    };
    return html`
      <p><button type="button" class="button-secondary" @click=${() => this.back()}>${om.back}</button></p>
      <h3 tabindex="-1">${om.cancelTitle}</h3>
      <p class="hint">${om.cancelHint}</p>
      <form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          const { number, phone } = this.cancelValue;
          this.cancelTried = true;
          if (number.trim() && normalizePhone(phone)) void this.cancel(number, phone);
          else void this.focusOn('[aria-invalid="true"]');
        }}
      >
        ${textField(ctx, 'number', { label: om.cancelNumber })}
        ${textField(ctx, 'phone', { label: om.cancelPhone, hint: om.phoneHint, type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
        <button type="submit" class="button-primary" aria-disabled=${this.sending}>${om.cancel}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-office-booking': GsOfficeBooking;
  }
}
