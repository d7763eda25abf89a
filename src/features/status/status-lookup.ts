import { standOut, warnAdjusted } from '../../styles/contrast.js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { FormValidationController } from '../../shared/form-validation-controller.js';
import { RecentLookupsController } from './recent-lookups-controller.js';
import { StatusWatchController } from './status-watch-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { Locale } from '../../protocol/config.js';
import { StatusLookupBody, type RequestStatusView } from '../../protocol/status.js';
import { base, buttons, formControls, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { textField, type FieldContext } from '../../shared/form-fields.js';
import { SubmitController } from '../../shared/submit-controller.js';
import { SurveySlotController } from '../../shared/load-survey.js';
import { StatusApi } from './status-api.js';
import { statusOf, statusResult } from './status-result.js';
import { styles } from './status-lookup.styles.js';

interface LookupValue {
  number: string;
  factor: string;
}
type Field = keyof LookupValue;
type Problem = { kind: 'not-found' | 'offline' | 'failed' } | { kind: 'rate-limited'; until: number; seconds: number } | { kind: 'factor'; number: string };

/**
 * Second factors typed on this page, by request number: a re-check from the recent list needs
 * no retyping while the page lives. Memory only: never stored.
 */
const factors = new Map<string, string>();

/**
 * «Статус обращения»: the request number and a second factor (the lookup code, or the phone or
 * e-mail of the request) → the status, its explanation, dates in Moscow time, the history with
 * the specialist's comments, and what to do when the answer is overdue. While it is shown the
 * status updates live. Numbers looked up are remembered on this device (never the factor). A
 * finished request's survey (issue 17) shows under the result, also when the final status
 * arrives live; one answered before is a line «вы уже оценили».
 *
 * @tagname gs-status-lookup
 * @summary Status lookup of a request.
 *
 * @fires gs-navigate - An overdue request's follow-up: view `chat` or `callback` with `{ requestNumber }`, or `request` with `{ description }`.
 *
 * @csspart form-control - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each input.
 * @csspart hint - Each hint.
 * @csspart error - Each inline error.
 * @csspart submit - The submit button.
 */
export class GsStatusLookup extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, formControls, notices, styles];

  /** `{ number }` (a tracking link) or `{ number, code }` (from the confirmation: looked up at once). */
  @property({ attribute: false }) prefill?: Record<string, unknown> | undefined;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  /** Language when used standalone. */
  @property() locale?: Locale;

  @state() private value: LookupValue = { number: '', factor: '' };
  @state() private result?: RequestStatusView;

  private readonly config = new ConfigController(this);
  private readonly clock = new ClockController(this, { intervalMs: 60_000 });
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly recent = new RecentLookupsController(this);
  /** A finished request's survey under the result (fetched when there is one). */
  private readonly survey = new SurveySlotController(this, this.l10n);
  private readonly validation = new FormValidationController<Field>(this, {
    issues: () => {
      const parsed = StatusLookupBody.safeParse(this.value);
      return parsed.success ? [] : parsed.error.issues;
    },
    body: () => this.value,
  });
  private readonly live = new StatusWatchController(this, (view) => {
    if (this.result && view.statusChangedAt !== this.result.statusChangedAt) {
      this.submit.announce(this.l10n.msg.status.updated(statusOf(this.config.value, view.status).label[this.l10n.locale]));
    }
    this.result = view;
  });
  private readonly submit = new SubmitController<Problem>(this, {
    problem: (found) =>
      found.kind === 'rate-limited'
        ? { ...found, until: this.clock.now() + found.seconds * 1000 }
        : { kind: found.kind === 'not-found' || found.kind === 'offline' ? found.kind : 'failed' },
    issues: (issues) => this.validation.serverIssues(issues),
    alert: () => this.renderRoot.querySelector<HTMLElement>('#problem'),
  });
  private focusAfterUpdate?: string;
  private countdown?: ReturnType<typeof setTimeout>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill') && this.prefill) {
      const str = (key: string) => (typeof this.prefill?.[key] === 'string' ? (this.prefill[key] as string).trim().slice(0, 40) : '');
      const number = str('number');
      const factor = str('code') || factors.get(number) || '';
      if (!number) return;
      this.result = undefined;
      this.live.stop();
      this.value = { number, factor };
      if (factor) void this.lookup();
      else this.focusAfterUpdate = '#factor';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.countdown);
  }

  private readonly onInput = (field: Field, value: string | boolean): void => {
    this.value = { ...this.value, [field]: String(value) };
    this.validation.input(field);
    if (this.submit.problem?.kind !== 'rate-limited') this.submit.show(undefined);
  };

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const invalid = this.validation.submit(['number', 'factor']);
    if (invalid.length) {
      this.focusAfterUpdate = `#${invalid[0]}`;
      return;
    }
    await this.lookup();
  }

  private async lookup(): Promise<void> {
    if (this.submit.submitting) return;
    const waiting = this.submit.problem?.kind === 'rate-limited' && this.submit.problem.until > this.clock.now();
    if (waiting) return this.submit.announce(this.problemText());
    const body = StatusLookupBody.parse(this.value);
    const api = new StatusApi(this.config.value.backend);
    await this.submit.run(async (signal) => {
      const { watchToken, ...view } = await api.lookup(body, signal);
      factors.set(view.number, body.factor);
      this.recent.remember(view.number);
      this.result = view;
      this.focusAfterUpdate = '.result-title';
      this.live.watch(api.watchUrl(watchToken));
    });
    const p = this.submit.problem;
    if (p?.kind === 'rate-limited') {
      // The message stays as it was announced; once the wait is over it goes.
      clearTimeout(this.countdown);
      this.countdown = setTimeout(() => this.submit.show(undefined), p.seconds * 1000);
    }
  }

  private problemText(): string {
    const s = this.l10n.msg.status;
    const p = this.submit.problem;
    if (!p) return '';
    if (p.kind === 'rate-limited') return this.l10n.plural(p.seconds, s.rateLimited);
    if (p.kind === 'factor') return s.factorNeeded(p.number);
    return { 'not-found': s.notFound, offline: s.offline, failed: s.failed }[p.kind];
  }

  private recheck(number: string): void {
    const factor = factors.get(number);
    this.value = { number, factor: factor ?? '' };
    this.validation.reset();
    if (factor) return void this.lookup();
    this.submit.show({ kind: 'factor', number });
    this.focusAfterUpdate = '#factor';
  }

  private another(): void {
    this.live.stop();
    this.result = undefined;
    this.value = { number: '', factor: '' };
    this.validation.reset();
    this.focusAfterUpdate = '#number';
  }

  protected override updated(): void {
    const badge = this.renderRoot.querySelector<HTMLElement>('.badge');
    if (badge && this.result) {
      // The site owner's colour, checked against the background in force (dark scheme included).
      const given = statusOf(this.config.value, this.result.status).color;
      const background = getComputedStyle(this).getPropertyValue('--_gs-color-bg');
      const shown = standOut(given, background);
      warnAdjusted('the status colour', given, background, shown);
      badge.style.setProperty('--_gs-status-color', shown.colour);
    }
    if (this.focusAfterUpdate) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate)?.focus();
      this.focusAfterUpdate = undefined;
    }
  }

  protected override render() {
    return html`${this.result ? this.renderResult(this.result) : this.renderForm()}
      <div class="visually-hidden" role="status">${this.submit.announcement}</div>`;
  }

  private renderResult(view: RequestStatusView) {
    const s = this.l10n.msg.status;
    const live = this.live.value;
    return html`
      ${statusResult(view, this.config.value, this.l10n.locale, this.l10n.msg, this)}
      <p class="live" role="status">${live === 'live' ? s.live : live === 'reconnecting' ? s.reconnecting : live === 'stopped' ? s.liveOff : ''}</p>
      <div class="actions">
        <button type="button" class="button-primary" aria-disabled=${this.submit.submitting ? 'true' : 'false'} @click=${() => this.lookup()}>${this.submit.submitting ? s.checking : s.refresh}</button>
        <button type="button" class="button-secondary" @click=${() => this.another()}>${s.another}</button>
      </div>
      ${this.renderProblem()}
      ${this.survey.render(view.survey)}
    `;
  }

  private renderProblem() {
    return this.submit.problem ? html`<p class="problem" id="problem" role="alert" tabindex="-1">${this.problemText()}</p>` : nothing;
  }

  private renderForm() {
    const msg = this.l10n.msg;
    const s = msg.status;
    const ctx: FieldContext<LookupValue> = {
      msg,
      missing: s.missing,
      value: this.value,
      problem: (field) => this.validation.visible(field),
      onInput: this.onInput,
      onBlur: (field) => this.validation.blur(field),
    };
    return html`
      <p class="intro">${s.intro}</p>
      ${this.renderProblem()}
      <form novalidate @submit=${this.onSubmit}>
        ${textField(ctx, 'number', { label: s.number, hint: s.numberHint, autocomplete: 'off' })}
        ${textField(ctx, 'factor', { label: s.factor, hint: s.factorHint, autocomplete: 'off' })}
        <button type="submit" class="button-primary submit" part="submit" aria-disabled=${this.submit.submitting ? 'true' : 'false'}>${this.submit.submitting ? s.checking : s.submit}</button>
      </form>
      ${this.recent.value.length
        ? html`<section class="recent" aria-labelledby="recent-title">
            <h3 id="recent-title">${s.recent}</h3>
            <p class="muted">${s.recentHint}</p>
            <ul role="list">
              ${this.recent.value.map(
                (number) => html`<li>
                  <button type="button" class="button-secondary" aria-label=${s.recheck(number)} @click=${() => this.recheck(number)}><span class="number">${number}</span></button>
                </li>`,
              )}
            </ul>
            <button type="button" class="button-secondary" @click=${() => {
              this.recent.clear();
              factors.clear();
              this.submit.announce(s.recentCleared);
              this.focusAfterUpdate = '#number';
            }}>${s.clearRecent}</button>
          </section>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-status-lookup': GsStatusLookup;
  }
}
