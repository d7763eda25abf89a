import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { DraftController } from '../../shared/draft-controller.js';
import { FormValidationController } from '../../shared/form-validation-controller.js';
import { GsSubmitEvent } from '../../events/form-events.js';
import { GsNavigateEvent } from '../../events/widget-events.js';
import type { CallbackMessages } from './texts/index.js';
import { LocalizeController } from '../../i18n/localize.js';
import { callbackSchema, type CallbackBody, type CallbackSlot, type CallbackSlots, type CallbackView } from '../../protocol/callback.js';
import type { Locale } from '../../protocol/config.js';
import { REQUEST_TYPES, type RequestType } from '../../protocol/request.js';
import { formatPhone, normalizePhone } from '../../protocol/validators.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { focusField } from '../../shared/focus-field.js';
import type { GsErrorSummary } from '../../shared/error-summary.js';
import '../../shared/error-summary.js';
import { SubmitController } from '../../shared/submit-controller.js';
import { consentField, errorSummary, problemLine, textField, type FieldContext } from '../../shared/form-fields.js';
import { CallbackApi } from './callback-api.js';
import './callback-confirmation.js';
import { choiceFields, type CallbackField, type CallbackFormValue, emptyValue, FIELD_ORDER } from './callback-fields.js';
import { browserTimeZone, slotWhen } from '../../shared/slot-time.js';
import { styles } from './callback-request.styles.js';

const FORM_ID = 'callback';
const HOUR = 3_600_000;

/** Why a booking did not go through (what was typed always stays). */
type Problem =
  | { kind: 'offline' | 'failed' }
  | { kind: 'rate-limited'; seconds: number }
  /** The slot or the ASAP queue filled up meanwhile; `next` is the server's offer. */
  | { kind: 'taken'; asap: boolean; next?: CallbackSlot | undefined };

/**
 * «Обратный звонок»: phone, name, topic, optional request number, «как можно скорее» or a free
 * slot of the line (in Moscow time, and the citizen's own when it differs), comment, consent.
 * Kept as a draft like the request form; booked once however often it is retried; a slot taken
 * meanwhile is answered with the next free one to book instead. The confirmation shows the
 * callback number, the promised window, what to have at hand, and cancel or reschedule.
 *
 * @tagname gs-callback-request
 * @summary The callback request form.
 *
 * @fires gs-submit - A callback was booked (`form` = `callback`, `requestNumber` = the callback number).
 * @fires gs-navigate - The citizen chose to write instead (view `request`, prefill with the topic and request number).
 *
 * @csspart form-control - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each input, select and textarea.
 * @csspart hint - Each hint.
 * @csspart error - Each inline error.
 * @csspart submit - The submit button.
 */
export class GsCallbackRequest extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  /**
   * Values to start with: `{ topic, requestNumber, conversationRef }` from the chat's long-wait
   * offer or an overdue status (`GovSupport.open('callback', …)`).
   */
  @property({ attribute: false }) prefill?: Record<string, unknown> | undefined;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** The citizen's time zone (default: the browser's); slots are also shown in it when it differs from the line's. */
  @property({ attribute: 'local-time-zone' }) localTimeZone?: string;

  @state() private value: CallbackFormValue = emptyValue();
  @state() private slots?: CallbackSlots;
  @state() private slotsFailed = false;
  @state() private day = '';
  @state() private booked?: { view: CallbackView; phone: string; promiseMinutes: number };
  @state() private managing = false;
  @state() private restored = false;

  @query('gs-error-summary') private summary?: GsErrorSummary;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly validation = new FormValidationController<CallbackField>(this, {
    issues: () => {
      const result = this.schema.safeParse(this.body());
      return result.success ? [] : result.error.issues;
    },
    body: () => this.body(),
    onShown: (field, problem) => this.submit.announce(problemLine({ msg: this.l10n.msg, missing: this.cb.missing }, field, this.fieldLabel(field), problem)),
  });
  private readonly draft = new DraftController(this, {
    formId: FORM_ID,
    ttlMs: () => this.config.value.requestForm.draftTtlHours * HOUR,
    now: () => this.clock.now(),
  });
  private readonly submit = new SubmitController<Problem>(this, {
    problem: (found) =>
      found.kind === 'conflict'
        ? { kind: 'taken', asap: this.value.when === 'asap', next: found.next }
        : found.kind === 'rate-limited'
          ? found
          : { kind: found.kind === 'offline' ? 'offline' : 'failed' },
    issues: (issues) => this.validation.serverIssues(issues),
    summary: () => this.summary,
    alert: () => this.renderRoot.querySelector<HTMLElement>('#problem'),
  });
  private conversationRef?: string;
  private loading?: AbortController;

  private get cb(): CallbackMessages {
    return this.l10n.msg.callback;
  }

  private get api(): CallbackApi {
    return new CallbackApi(this.config.value.backend);
  }

  private get schema() {
    return callbackSchema({ types: this.config.value.requestForm.types });
  }

  private get lineZone(): string {
    return this.slots?.timeZone ?? 'Europe/Moscow';
  }

  private body(): CallbackBody {
    const v = this.value;
    const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
    return {
      phone: v.phone,
      name: v.name,
      topic: v.topic as RequestType,
      requestNumber: text(v.requestNumber),
      asap: v.when === 'asap',
      slotStart: v.when === 'slot' ? text(v.slotStart) : undefined,
      comment: text(v.comment),
      consent: v.consent,
      conversationRef: this.conversationRef,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.restoreDraft();
    void this.loadSlots();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loading?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill') && this.prefill) this.applyPrefill(this.prefill);
  }

  private applyPrefill(prefill: Record<string, unknown>): void {
    const str = (key: string) => (typeof prefill[key] === 'string' ? (prefill[key] as string).trim().slice(0, 200) : '');
    const next = { ...this.value };
    const topic = str('topic') || str('type');
    if ((REQUEST_TYPES as readonly string[]).includes(topic)) next.topic = topic as RequestType;
    if (str('requestNumber')) next.requestNumber = str('requestNumber');
    // What the citizen wrote elsewhere (the chat's one-line summary) is the comment, unless one is typed.
    if (str('comment') && !next.comment) next.comment = str('comment');
    if (str('conversationRef')) this.conversationRef = str('conversationRef');
    this.value = next;
  }

  private async restoreDraft(): Promise<void> {
    const draft = await this.draft.restore();
    if (!draft) return;
    this.value = { ...emptyValue(), ...(draft.value as Partial<CallbackFormValue>) };
    if (this.prefill) this.applyPrefill(this.prefill);
    this.restored = true;
  }

  /** Free slots and whether ASAP is offered now; the form stays usable while they load. */
  private async loadSlots(): Promise<void> {
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    this.slotsFailed = false;
    try {
      const slots = await this.api.slots(14, loading.signal);
      this.slots = slots;
      // ASAP first when it is offered; otherwise the citizen picks a time.
      if (!slots.asap.available && this.value.when === 'asap') this.value = { ...this.value, when: 'slot' };
      if (this.value.slotStart && !slots.slots.some((s) => s.start === this.value.slotStart)) this.value = { ...this.value, slotStart: '' };
    } catch {
      if (!loading.signal.aborted) this.slotsFailed = true;
    }
  }

  private saveDraft(): void {
    // The comment is redacted by the draft store; conversationRef is not the citizen's typing.
    this.draft.schedule({ ...this.value });
  }

  private readonly onInput = (field: keyof CallbackFormValue, value: string | boolean): void => {
    this.value = { ...this.value, [field]: value };
    this.validation.input(field === 'when' ? 'slotStart' : field);
    if (this.submit.problem?.kind !== 'rate-limited') this.submit.show(undefined);
    this.saveDraft();
  };

  private readonly onBlur = (field: keyof CallbackFormValue): void => {
    if (field === 'phone') {
      const normalized = normalizePhone(this.value.phone);
      if (normalized && formatPhone(normalized) !== this.value.phone) this.value = { ...this.value, phone: formatPhone(normalized) };
    }
    this.validation.blur(field === 'when' ? 'slotStart' : field);
  };

  private fieldLabel(field: CallbackField): string {
    const cb = this.cb;
    const labels: Record<CallbackField, string> = {
      phone: cb.phone,
      name: cb.name,
      topic: cb.topic,
      requestNumber: cb.requestNumber,
      slotStart: cb.time,
      comment: cb.comment,
      consent: cb.consent,
    };
    return labels[field];
  }

  private when(slot: CallbackSlot): string {
    return slotWhen(slot, this.clock.now(), this.l10n.locale, this.lineZone, this.l10n.msg);
  }

  /** Select the offered slot (after a conflict, or «ближайшее свободное время»). */
  private async take(slot: CallbackSlot): Promise<void> {
    if (this.slots && !this.slots.slots.some((s) => s.start === slot.start)) {
      this.slots = { ...this.slots, slots: [...this.slots.slots, slot].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)) };
    }
    this.day = '';
    this.submit.show(undefined);
    this.onInput('when', 'slot');
    this.onInput('slotStart', slot.start);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`input[name=slotStart][value="${slot.start}"]`)?.focus();
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submit.submitting) return;
    const invalid = this.validation.submit(FIELD_ORDER);
    if (invalid.length) return this.submit.focusSummary();
    const body = this.body();
    const key = this.submit.key(body);
    await this.submit.run(async (signal) => {
      const view = await this.api.create(body, key, signal);
      this.dispatchEvent(new GsSubmitEvent('callback', view.number));
      this.booked = { view, phone: normalizePhone(this.value.phone) ?? this.value.phone, promiseMinutes: this.slots?.asap.promiseMinutes ?? 30 };
      await this.draft.discard();
    });
    // Taken meanwhile: the free times as they are now.
    if (this.submit.problem?.kind === 'taken') void this.loadSlots();
  }

  private problemText(problem: Problem): string {
    const cb = this.cb;
    switch (problem.kind) {
      case 'offline':
        return cb.offline;
      case 'failed':
        return cb.failed;
      case 'rate-limited':
        return cb.rateLimited(problem.seconds);
      case 'taken':
        if (!problem.next) return cb.noLongerFree;
        return (problem.asap ? cb.asapTaken : cb.slotTaken)(this.when(problem.next));
    }
  }

  private focusField(field: string): void {
    focusField(this.renderRoot, this.renderRoot.querySelector<HTMLElement>(`#${field}`) ?? this.renderRoot.querySelector<HTMLElement>('#when'));
  }

  private writeInstead(): void {
    const v = this.value;
    this.dispatchEvent(new GsNavigateEvent('request', { type: v.topic || undefined, serviceNumber: v.requestNumber.trim() || undefined }));
  }

  private another(): void {
    this.booked = undefined;
    this.managing = false;
    this.value = { ...emptyValue(), phone: this.value.phone, name: this.value.name };
    this.validation.reset();
    this.restored = false;
    void this.loadSlots();
  }

  protected override render() {
    if (this.booked) {
      return html`<gs-callback-confirmation
        .callback=${this.booked.view}
        .phone=${this.booked.phone}
        .promiseMinutes=${this.booked.promiseMinutes}
        .localTimeZone=${this.localTimeZone ?? browserTimeZone()}
        .backend=${this.backend}
        .locale=${this.locale}
        @gs-new-request=${() => this.another()}
      ></gs-callback-confirmation>`;
    }
    if (this.managing) {
      return html`<gs-callback-confirmation
        .localTimeZone=${this.localTimeZone ?? browserTimeZone()}
        .backend=${this.backend}
        .locale=${this.locale}
        @gs-new-request=${() => this.another()}
      ></gs-callback-confirmation>`;
    }
    return this.renderForm();
  }

  private renderForm() {
    const msg = this.l10n.msg;
    const cb = this.cb;
    const config = this.config.value;
    const v = this.value;
    const ctx: FieldContext<CallbackFormValue> = { msg, missing: cb.missing, value: v, problem: (f) => this.validation.visible(f as CallbackField), onInput: this.onInput, onBlur: this.onBlur };
    const p = this.submit.problem;
    const sending = this.submit.submitting;
    return html`
      <p class="intro">${cb.intro}</p>
      ${this.restored ? html`<div class="notice" role="status">${msg.drafts.restored}</div>` : nothing}
      ${errorSummary(ctx, this.validation, FIELD_ORDER, (field) => this.fieldLabel(field), (field) => this.focusField(field))}
      ${p
        ? html`<div class="problem" id="problem" role="alert" tabindex="-1">
            <p>${this.problemText(p)}</p>
            ${p.kind === 'taken' && p.next
              ? html`<button type="button" class="button-primary" @click=${() => this.take(p.next!)}>${cb.bookInstead(this.when(p.next))}</button>`
              : nothing}
            ${p.kind === 'offline' || p.kind === 'failed' ? html`<button type="submit" form="callback-form" class="button-primary">${msg.forms.sendAgain}</button>` : nothing}
          </div>`
        : nothing}
      <form id="callback-form" novalidate @submit=${this.onSubmit}>
        ${textField(ctx, 'phone', { label: cb.phone, hint: cb.phoneHint, type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
        ${textField(ctx, 'name', { label: cb.name, hint: cb.nameHint, autocomplete: 'given-name' })}
        ${choiceFields.topic(ctx, cb, config.requestForm.types)}
        ${textField(ctx, 'requestNumber', { label: cb.requestNumber, hint: cb.requestNumberHint, optional: true })}
        ${choiceFields.when(ctx, {
          cb,
          locale: this.l10n.locale,
          now: this.clock.now(),
          slots: this.slots,
          slotsFailed: this.slotsFailed,
          day: this.day,
          lineZone: this.lineZone,
          localZone: this.localTimeZone ?? browserTimeZone(),
          when: (slot) => this.when(slot),
          onDay: (day) => (this.day = day),
          onTake: (slot) => this.take(slot),
          onRetry: () => this.loadSlots(),
          onWrite: () => this.writeInstead(),
        })}
        ${textField(ctx, 'comment', { label: cb.comment, hint: cb.commentHint, multiline: true, optional: true })}
        ${consentField(ctx, cb.consent, config.requestForm.policyUrl)}
        <button type="submit" class="button-primary submit" part="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${sending ? cb.submitting : cb.submit}
        </button>
      </form>
      <p class="manage"><button type="button" class="button-secondary" @click=${() => (this.managing = true)}>${cb.manageOpen}</button></p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.submit.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-callback-request': GsCallbackRequest;
  }
}
