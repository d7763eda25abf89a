import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiRequestError } from '../src/api/client.js';
import { ALERT_BOUNDS, ALERT_EMAIL, ALERT_EMAIL_MAX, ALERT_RECIPIENTS_MAX, type Alert, type AlertList, type AlertRules, type AlertRulesView } from '../src/protocol/alerts.js';
import { errorText, type OperatorApi } from './api.js';
import { AutoRefreshController } from './auto-refresh-controller.js';
import { moscowDateTime } from './date-time.js';
import { moscowTime } from './format.js';
import { messages } from './messages.js';
import { consoleSheets } from './styles.js';

/** How often the list refreshes itself while it is shown. */
export const ALERTS_REFRESH_MS = 60_000;

type RuleName = keyof AlertRules;
type NumberField = 'thresholdMinutes' | 'forMinutes' | 'percent' | 'minRequests' | 'count' | 'maxRating';
const RULE_FIELDS: Record<RuleName, readonly NumberField[]> = {
  chatWait: ['thresholdMinutes', 'forMinutes'],
  overdueShare: ['percent', 'minRequests'],
  lowRatings: ['count', 'maxRating'],
};
const RULE_NAMES = Object.keys(RULE_FIELDS) as RuleName[];

/** The addresses of a textarea: split at line breaks, commas, semicolons and spaces. */
const addresses = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * «Оповещения» (a supervisor's section): the open alerts and those cleared in the last 30 days,
 * each with its numbers and «Отметить принятым»; and the three rules in one form (validated on
 * submit, errors beside each field and focus on the first, the server's own per-field messages
 * too). Results are said in a polite status line; problems in an alert line.
 *
 * @summary The supervisor's alerts and their rules.
 * @fires alerts-changed - An alert was acknowledged (the banner refreshes).
 */
@customElement('gs-operator-alerts')
export class GsOperatorAlerts extends LitElement {
  static override styles = [
    ...consoleSheets,
    css`
      ul.alerts {
        list-style: none;
        margin: 0 0 calc(var(--_gs-space) * 2);
        padding: 0;
        display: grid;
        gap: calc(var(--_gs-space) * 1.5);
      }
      ul.alerts > li {
        border: 1px solid var(--_gs-color-border);
        border-inline-start: 6px solid var(--_gs-color-danger);
        border-radius: var(--_gs-radius-small);
        padding: var(--_gs-space) calc(var(--_gs-space) * 1.5);
      }
      ul.alerts.recent > li {
        border-inline-start-color: var(--_gs-color-text-muted);
      }
      h3 {
        font-size: 1.05em;
        margin: 0 0 4px;
      }
      li p {
        margin: 0 0 4px;
      }
      fieldset {
        border: 1px solid var(--_gs-color-border);
        border-radius: var(--_gs-radius-small);
        padding: var(--_gs-space) calc(var(--_gs-space) * 2) calc(var(--_gs-space) * 2);
        margin: 0 0 calc(var(--_gs-space) * 2);
        min-width: 0;
      }
      legend {
        font-weight: 700;
        padding: 0 4px;
      }
      .numbers {
        display: flex;
        flex-wrap: wrap;
        gap: 0 calc(var(--_gs-space) * 2);
      }
      .numbers .form-control {
        flex: 1 1 12rem;
      }
      .check {
        display: flex;
        gap: var(--_gs-space);
        align-items: center;
        min-height: 44px;
      }
      .check input {
        width: 24px;
        height: 24px;
        margin: 0;
      }
      textarea {
        min-height: 4.5em;
      }
    `,
  ];

  @property({ attribute: false }) api!: OperatorApi;
  @state() private list?: AlertList;
  @state() private rules?: AlertRulesView;
  @state() private errors: Record<string, string> = {};
  @state() private announcement = '';
  @state() private failure = '';
  @state() private saving = false;
  @state() private acknowledging?: number;
  @query('h1') private heading!: HTMLElement;
  private generation = 0;
  private readonly autoRefresh = new AutoRefreshController(this, { intervalMs: ALERTS_REFRESH_MS, refresh: () => void this.loadList(true) });

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadAll();
  }

  private async loadAll() {
    this.announcement = messages.loading;
    await this.loadList(false);
    try {
      this.rules = await this.api.alertRules();
    } catch (error) {
      this.failure = errorText(error);
    }
  }

  /** The list; a quiet load (the minute's refresh) speaks only when the number of open alerts changed. */
  private async loadList(quiet: boolean) {
    const generation = ++this.generation;
    try {
      const list = await this.api.alerts();
      if (generation !== this.generation) return;
      const before = this.list?.open.length;
      this.list = list;
      if (!quiet || before !== list.open.length) this.announcement = messages.alerts.count(list.open.length);
    } catch (error) {
      if (generation === this.generation && !quiet) this.failure = errorText(error);
    }
  }

  override render() {
    const m = messages.alerts;
    return html`
      <h1 class="heading" tabindex="-1">${m.title}</h1>
      <div role="status" class="notice ${this.announcement ? '' : 'empty'}" id="alerts-status" tabindex="-1">${this.announcement}</div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="alerts-error">${this.failure}</div>
      <p>${m.intro}</p>
      <h2 class="section">${m.openTitle}</h2>
      ${this.list ? this.renderAlerts(this.list.open, 'open') : nothing}
      <h2 class="section">${m.recentTitle}</h2>
      ${this.list ? this.renderAlerts(this.list.recent, 'recent') : nothing}
      <h2 class="section" id="rules-title">${m.rulesTitle}</h2>
      ${this.rules ? this.renderRules(this.rules) : nothing}
    `;
  }

  private renderAlerts(alerts: Alert[], which: 'open' | 'recent') {
    const m = messages.alerts;
    if (alerts.length === 0) return html`<p class="muted" id="${which}-empty">${which === 'open' ? m.noOpen : m.noRecent}</p>`;
    return html`<ul class="alerts ${which}" aria-label=${which === 'open' ? m.openTitle : m.recentTitle}>
      ${alerts.map(
        (alert) => html`<li data-alert=${alert.id}>
          <h3>${m.kinds[alert.kind]}</h3>
          <p id="alert-${alert.id}-text">${m.sentence(alert)}</p>
          <p class="muted">
            ${m.raisedAt} ${moscowDateTime(alert.raisedAt)}${alert.clearedAt ? html`. ${m.clearedAt} ${moscowDateTime(alert.clearedAt)}` : nothing}${alert.acknowledgedBy
              ? html`. ${m.acknowledgedBy(alert.acknowledgedBy)}`
              : nothing}
          </p>
          ${alert.acknowledgedAt === null && which === 'open'
            ? html`<button
                type="button"
                class="button-secondary"
                aria-describedby="alert-${alert.id}-text"
                ?disabled=${this.acknowledging === alert.id}
                @click=${() => this.acknowledge(alert.id)}
              >
                ${this.acknowledging === alert.id ? m.acknowledging : m.acknowledge}
              </button>`
            : nothing}
        </li>`,
      )}
    </ul>`;
  }

  private async acknowledge(id: number) {
    if (this.acknowledging !== undefined) return;
    this.acknowledging = id;
    this.failure = '';
    try {
      await this.api.acknowledgeAlert(id);
      this.autoRefresh.restart();
      await this.loadList(true);
      this.announcement = messages.alerts.acknowledged;
      this.dispatchEvent(new CustomEvent('alerts-changed', { bubbles: true, composed: true }));
      // The button is gone: focus goes to the line that says what happened.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#alerts-status')?.focus();
    } catch (error) {
      this.failure = errorText(error);
    } finally {
      this.acknowledging = undefined;
    }
  }

  private renderRules(view: AlertRulesView) {
    const m = messages.alerts;
    return html`
      <p>${m.rulesIntro}</p>
      <p class="muted" id="rules-updated">${view.updatedAt ? m.updated(moscowTime(view.updatedAt), view.updatedBy) : m.neverSaved}</p>
      <form novalidate aria-labelledby="rules-title" @submit=${this.submit} @input=${this.revalidate}>
        ${RULE_NAMES.map((rule) => this.renderRule(rule, view.rules))}
        <button class="button-primary" type="submit" ?disabled=${this.saving}>${this.saving ? m.saving : m.save}</button>
      </form>
    `;
  }

  private renderRule(rule: RuleName, rules: AlertRules) {
    const m = messages.alerts;
    const texts = m.rules[rule] as Record<string, string>;
    const value = rules[rule] as unknown as Record<NumberField, number> & { enabled: boolean; recipients: string[] };
    return html`<fieldset>
      <legend>${texts.legend}</legend>
      <p class="hint" id="${rule}-hint">${texts.hint}</p>
      <div class="check">
        <input type="checkbox" id="${rule}-enabled" name="${rule}-enabled" aria-describedby="${rule}-hint" .checked=${value.enabled} />
        <label for="${rule}-enabled">${m.enabled}</label>
      </div>
      <div class="numbers">
        ${RULE_FIELDS[rule].map((field) => {
          const { min, max } = ALERT_BOUNDS[field];
          return this.renderControl(`${rule}-${field}`, texts[field]!, m.numberRange(min, max), html`<input
            id="${rule}-${field}"
            name="${rule}-${field}"
            type="number"
            inputmode="numeric"
            min=${min}
            max=${max}
            step="1"
            required
            .value=${String(value[field])}
            aria-invalid=${this.errors[`${rule}-${field}`] ? 'true' : 'false'}
            aria-describedby=${this.describedBy(`${rule}-${field}`)}
          />`);
        })}
      </div>
      ${this.renderControl(
        `${rule}-recipients`,
        m.recipients,
        m.recipientsHint,
        html`<textarea
          id="${rule}-recipients"
          name="${rule}-recipients"
          rows="3"
          autocomplete="off"
          spellcheck="false"
          .value=${value.recipients.join('\n')}
          aria-invalid=${this.errors[`${rule}-recipients`] ? 'true' : 'false'}
          aria-describedby=${this.describedBy(`${rule}-recipients`)}
        ></textarea>`,
      )}
    </fieldset>`;
  }

  private describedBy(id: string): string {
    return `${id}-hint${this.errors[id] ? ` ${id}-error` : ''}`;
  }

  private renderControl(id: string, label: string, hint: string, control: unknown) {
    const error = this.errors[id];
    return html`<div class="form-control ${error ? 'has-error' : ''}">
      <label for=${id}>${label}</label>
      <span class="hint" id="${id}-hint">${hint}</span>
      ${error ? html`<span class="error" id="${id}-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${error}</span>` : nothing}
      ${control}
    </div>`;
  }

  /** The form's values, and what is wrong with them (by field id). */
  private read(form: HTMLFormElement): { rules: AlertRules; errors: Record<string, string> } {
    const m = messages.alerts;
    const errors: Record<string, string> = {};
    const out: Record<string, Record<string, unknown>> = {};
    const field = (id: string) => form.elements.namedItem(id) as HTMLInputElement | HTMLTextAreaElement;
    for (const rule of RULE_NAMES) {
      const values: Record<string, unknown> = { enabled: (field(`${rule}-enabled`) as HTMLInputElement).checked };
      for (const name of RULE_FIELDS[rule]) {
        const { min, max } = ALERT_BOUNDS[name];
        const text = field(`${rule}-${name}`).value.trim();
        const n = Number(text);
        if (!/^\d+$/.test(text) || n < min || n > max) errors[`${rule}-${name}`] = m.numberRange(min, max);
        values[name] = n;
      }
      const recipients = addresses(field(`${rule}-recipients`).value);
      const bad = recipients.find((a) => a.length > ALERT_EMAIL_MAX || !ALERT_EMAIL.test(a));
      const unique = [...new Map(recipients.map((a) => [a.toLowerCase(), a])).values()];
      if (bad) errors[`${rule}-recipients`] = m.badEmail(bad);
      else if (unique.length > ALERT_RECIPIENTS_MAX) errors[`${rule}-recipients`] = m.tooManyRecipients(ALERT_RECIPIENTS_MAX);
      values.recipients = unique;
      out[rule] = values;
    }
    return { rules: out as unknown as AlertRules, errors };
  }

  /** A field with an error is checked again as it changes (the error goes once it is fixed). */
  private revalidate(event: Event) {
    const form = event.currentTarget as HTMLFormElement;
    const id = (event.target as HTMLElement).id;
    if (!this.errors[id]) return;
    const { errors } = this.read(form);
    const next = { ...this.errors };
    if (errors[id]) next[id] = errors[id];
    else delete next[id];
    this.errors = next;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.saving) return;
    const form = event.currentTarget as HTMLFormElement;
    const { rules, errors } = this.read(form);
    this.failure = '';
    this.errors = errors;
    if (Object.keys(errors).length > 0) return this.showErrors(Object.keys(errors).length);
    this.saving = true;
    try {
      this.rules = await this.api.saveAlertRules(rules);
      this.announcement = messages.alerts.saved;
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'validation_failed' && error.issues.length) {
        const fromServer: Record<string, string> = {};
        for (const issue of error.issues) {
          const [rule, name] = issue.path;
          if (typeof rule === 'string' && typeof name === 'string') fromServer[`${rule}-${name}`] ??= issue.message;
        }
        this.errors = fromServer;
        if (Object.keys(fromServer).length > 0) return this.showErrors(Object.keys(fromServer).length);
      }
      this.failure = errorText(error);
    } finally {
      this.saving = false;
    }
  }

  private async showErrors(count: number) {
    this.failure = messages.alerts.fixErrors(count);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-alerts': GsOperatorAlerts;
  }
}
