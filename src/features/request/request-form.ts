import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { DraftController } from '../../shared/draft-controller.js';
import { FormValidationController } from '../../shared/form-validation-controller.js';
import { GsSubmitEvent } from '../../events/form-events.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { Locale } from '../../protocol/config.js';
import { ANSWER_CHANNELS, REQUEST_TYPES, requestSchema, type AnswerChannel, type RequestBody, type RequestCreated, type RequestType } from '../../protocol/request.js';
import { formatPhone, normalizePhone } from '../../protocol/validators.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { focusField } from '../../shared/focus-field.js';
import type { GsErrorSummary } from '../../shared/error-summary.js';
import '../../shared/error-summary.js';
import { SubmitController } from '../../shared/submit-controller.js';
import { RequestApi } from './request-api.js';
import type { AttachmentDraft } from '../../shared/attachments/attachment-rules.js';
import type { GsFileAttachments } from '../../shared/attachments/file-attachments.js';
import type { GsAttachmentsChangeEvent } from '../../events/attachment-events.js';
import './request-confirmation.js';
import {
  answerChannelField,
  consentField,
  emptyValue,
  FIELD_ORDER,
  problemLine,
  textField,
  typeField,
  type FieldContext,
  type RequestField,
  type RequestFormValue,
} from './request-form-fields.js';
import { errorSummary } from '../../shared/form-fields.js';
import { draftNotices, submitProblemText, type SubmitProblem } from './request-form-notices.js';
import { styles } from './request-form.styles.js';

const FORM_ID = 'request';
const HOUR = 3_600_000;


/**
 * «Написать в поддержку»: the request form. Validated with the same zod rules as the server,
 * errors shown GOV.UK-style, kept as a draft in IndexedDB (never СНИЛС, ИНН or passport-like
 * numbers), attachments checked by their bytes, and submitted once however often it is retried
 * (idempotency key). On success it shows the request number and the status lookup code.
 *
 * @tagname gs-request-form
 * @summary The request form «Написать в поддержку».
 *
 * @fires gs-submit - The request was registered. `event.requestNumber` (no personal data).
 * @fires gs-navigate - The citizen asked to check the status (view `status`, prefill `{ number, code }`).
 *
 * @csspart form-control - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each input, select and textarea.
 * @csspart hint - Each hint.
 * @csspart error - Each inline error.
 * @csspart submit - The submit button.
 */
export class GsRequestForm extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  /** Values to start with (`GovSupport.open('request', { type, serviceNumber, description })`). */
  @property({ attribute: false }) prefill?: Record<string, unknown> | undefined;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  /** Language when used standalone. */
  @property() locale?: Locale;

  @state() private value: RequestFormValue = emptyValue();
  @state() private created?: RequestCreated;
  @state() private draftNotice: 'restored' | 'discarded' | undefined;

  @query('gs-error-summary') private summary?: GsErrorSummary;
  @query('gs-file-attachments') private attachments?: GsFileAttachments;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly validation = new FormValidationController<RequestField>(this, {
    issues: () => this.issues(),
    body: () => this.body(),
    onShown: (field, problem) => this.submit.announce(problemLine({ msg: this.l10n.msg, missing: this.l10n.msg.request.form.missing }, field, this.fieldLabel(field), problem)),
  });
  private readonly draft = new DraftController(this, {
    formId: FORM_ID,
    ttlMs: () => this.config.value.requestForm.draftTtlHours * HOUR,
    now: () => this.clock.now(),
  });
  private readonly submit = new SubmitController<SubmitProblem>(this, {
    problem: (found) => (found.kind === 'rate-limited' ? found : { kind: found.kind === 'offline' ? 'offline' : 'failed' }),
    issues: (issues) => this.validation.serverIssues(issues),
    summary: () => this.summary,
    alert: () => this.renderRoot.querySelector<HTMLElement>('.problem'),
  });
  private restoring?: Promise<void>;
  /** The attachments a draft keeps (from the field's last change). */
  private attachmentDrafts: AttachmentDraft[] = [];

  private get schema() {
    const { requestForm, attachments } = this.config.value;
    return requestSchema({
      types: requestForm.types,
      descriptionMax: requestForm.descriptionMaxLength,
      maxAttachments: attachments.maxCount,
      now: () => this.clock.now(),
    });
  }

  private issues() {
    const result = this.schema.safeParse(this.body());
    return result.success ? [] : result.error.issues;
  }

  /** What would be sent: trimmed, optional fields left out when empty, links one per line. */
  private body(): RequestBody {
    const v = this.value;
    const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
    const fraud = v.type === 'fraud';
    return {
      type: v.type as RequestType,
      fullName: v.fullName,
      phone: v.phone,
      email: text(v.email),
      answerChannel: v.answerChannel as AnswerChannel,
      snils: text(v.snils),
      inn: text(v.inn),
      serviceNumber: text(v.serviceNumber),
      description: v.description,
      incidentDate: fraud ? text(v.incidentDate) : undefined,
      incidentTime: fraud ? text(v.incidentTime) : undefined,
      links: fraud ? v.links.split('\n').map((l) => l.trim()).filter(Boolean) : undefined,
      consent: v.consent,
      attachments: this.attachments?.uploadIds ?? [],
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restoring ??= this.restoreDraft();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill') && this.prefill) this.applyPrefill(this.prefill);
  }

  private applyPrefill(prefill: Record<string, unknown>): void {
    const next = { ...this.value };
    const str = (key: string) => (typeof prefill[key] === 'string' ? (prefill[key] as string).slice(0, 4000) : undefined);
    const type = str('type');
    if (type && (REQUEST_TYPES as readonly string[]).includes(type)) next.type = type as RequestType;
    if (str('serviceNumber')) next.serviceNumber = str('serviceNumber')!;
    if (str('description') && !next.description) next.description = str('description')!;
    this.value = next;
  }

  private async restoreDraft(): Promise<void> {
    const draft = await this.draft.restore();
    if (!draft) return;
    this.value = { ...emptyValue(), ...(draft.value as Partial<RequestFormValue>), snils: '', inn: '' };
    if (this.prefill) this.applyPrefill(this.prefill);
    this.draftNotice = 'restored';
    await this.updateComplete;
    this.attachments?.restore(draft.files);
  }

  private saveDraft(): void {
    this.draft.schedule({ ...this.value }, this.attachmentDrafts);
  }

  private readonly onInput = (field: keyof RequestFormValue, value: string | boolean): void => {
    this.value = { ...this.value, [field]: value };
    this.validation.input(field);
    if (this.submit.problem?.kind !== 'rate-limited') this.submit.show(undefined);
    this.saveDraft();
  };

  private readonly onBlur = (field: keyof RequestFormValue): void => {
    if (field === 'phone') {
      const normalized = normalizePhone(this.value.phone);
      if (normalized && formatPhone(normalized) !== this.value.phone) {
        this.value = { ...this.value, phone: formatPhone(normalized) };
        this.saveDraft();
      }
    }
    this.validation.blur(field);
  };

  /** A field's label: the catalogue's text under the field's own name (the consent's problem names itself). */
  private fieldLabel(field: RequestField): string {
    const msg = this.l10n.msg;
    return field === 'attachments' ? msg.attachments.label : msg.request.form[field];
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submit.submitting) return;
    if (this.attachments?.pending) return this.submit.show({ kind: 'uploads' });
    const invalid = this.validation.submit(FIELD_ORDER);
    if (invalid.length) return this.submit.focusSummary();
    const body = this.body();
    const key = this.submit.key(body);
    await this.submit.run(async (signal) => {
      const created = (this.created = await new RequestApi(this.config.value.backend).create(body, key, signal));
      await this.draft.discard();
      this.dispatchEvent(new GsSubmitEvent('request', created.number));
    });
  }

  private focusField(field: string): void {
    focusField(this.renderRoot, field === 'attachments' ? this.attachments : this.renderRoot.querySelector<HTMLElement>(`#${field}`));
  }

  private async discardDraft(): Promise<void> {
    this.value = emptyValue();
    this.validation.reset();
    this.attachments?.restore([]);
    this.draftNotice = 'discarded';
    await this.draft.discard();
  }

  private async loadNewerDraft(): Promise<void> {
    const draft = await this.draft.loadNewer();
    if (!draft) return;
    this.value = { ...emptyValue(), ...(draft.value as Partial<RequestFormValue>), snils: this.value.snils, inn: this.value.inn };
    this.attachments?.restore(draft.files);
    this.draftNotice = 'restored';
  }

  private newRequest(): void {
    this.created = undefined;
    this.value = emptyValue();
    this.validation.reset();
    this.draftNotice = undefined;
  }

  protected override render() {
    if (this.created) {
      return html`<gs-request-confirmation
        .request=${this.created}
        .answerChannel=${this.value.answerChannel as AnswerChannel}
        @gs-new-request=${() => this.newRequest()}
      ></gs-request-confirmation>`;
    }
    return this.renderForm();
  }

  private renderForm() {
    const msg = this.l10n.msg;
    const f = msg.request.form;
    const config = this.config.value;
    const v = this.value;
    const ctx: FieldContext = { msg, missing: f.missing, value: v, problem: (field) => this.validation.visible(field), onInput: this.onInput, onBlur: this.onBlur };
    const left = config.requestForm.descriptionMaxLength - v.description.trim().length;
    const count = left >= 0 ? this.l10n.plural(left, f.charactersLeft) : this.l10n.plural(-left, f.charactersOver);
    const consentText = config.texts[this.l10n.locale]?.consent ?? f.consent;
    const p = this.submit.problem;
    const sending = this.submit.submitting;
    return html`
      <p class="intro">${f.intro}</p>
      ${draftNotices(this.l10n.msg, this.draft.value, this.draftNotice, { discard: () => this.discardDraft(), loadNewer: () => this.loadNewerDraft() })}
      ${errorSummary(ctx, this.validation, FIELD_ORDER, (field) => this.fieldLabel(field), (field) => this.focusField(field))}
      ${p
        ? html`<div class="problem" role="alert" tabindex="-1">
            <p>${submitProblemText(this.l10n.msg, p)}</p>
            ${p.kind === 'offline' || p.kind === 'failed'
              ? html`<button type="submit" form="request-form" class="button-primary">${msg.forms.sendAgain}</button>`
              : nothing}
          </div>`
        : nothing}
      <form id="request-form" novalidate @submit=${this.onSubmit} @paste=${(e: ClipboardEvent) => this.attachments?.handlePaste(e)}>
        ${typeField(ctx, config.requestForm.types)}
        ${textField(ctx, 'fullName', { label: f.fullName, hint: f.fullNameHint, autocomplete: 'name' })}
        ${textField(ctx, 'phone', { label: f.phone, hint: f.phoneHint, type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
        ${answerChannelField(ctx, ANSWER_CHANNELS)}
        ${textField(ctx, 'email', { label: f.email, hint: f.emailHint, type: 'email', autocomplete: 'email', optional: v.answerChannel !== 'email' })}
        <fieldset class="group">
          <legend>${f.identifiers} <span class="optional">(${msg.forms.optional})</span></legend>
          <p class="hint">${f.identifiersHint}</p>
          ${textField(ctx, 'snils', { label: f.snils, hint: f.snilsHint, inputmode: 'numeric' })}
          ${textField(ctx, 'inn', { label: f.inn, hint: f.innHint, inputmode: 'numeric' })}
        </fieldset>
        ${textField(ctx, 'serviceNumber', { label: f.serviceNumber, hint: f.serviceNumberHint, optional: true })}
        ${textField(ctx, 'description', {
          label: f.description,
          hint: f.descriptionHint,
          multiline: true,
          after: html`<p class="count ${left < 0 ? 'over' : ''}" aria-hidden="true">${count}</p>`,
        })}
        ${v.type === 'fraud'
          ? html`<fieldset class="group">
              <legend>${f.incident}</legend>
              ${textField(ctx, 'incidentDate', { label: f.incidentDate, type: 'date', max: new Date(this.clock.now() + 3 * HOUR).toISOString().slice(0, 10) })}
              ${textField(ctx, 'incidentTime', { label: f.incidentTime, type: 'time', optional: true })}
              ${textField(ctx, 'links', { label: f.links, hint: f.linksHint, multiline: true, optional: true })}
            </fieldset>`
          : nothing}
        <div class="attachments">
          <gs-file-attachments
            id="attachments"
            .backend=${config.backend}
            @gs-attachments-change=${(e: GsAttachmentsChangeEvent) => {
              this.attachmentDrafts = e.drafts;
              this.validation.input('attachments');
              this.saveDraft();
            }}
          ></gs-file-attachments>
        </div>
        ${consentField(ctx, consentText, config.requestForm.policyUrl)}
        <p class="hint">${f.draftKept}</p>
        <button type="submit" class="button-primary submit" part="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${sending ? f.submitting : f.submit}
        </button>
      </form>
      <div class="visually-hidden" role="status" aria-live="polite">${this.submit.announcement}</div>
      <div class="visually-hidden" aria-live="polite">${left < 100 ? count : ''}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-request-form': GsRequestForm;
  }
}
