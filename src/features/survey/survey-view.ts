import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { formatMoscowDateTime } from '../../i18n/format.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { Locale } from '../../protocol/config.js';
import type { SurveyView } from '../../protocol/quality.js';
import { apiProblem } from '../../shared/api-problem.js';
import { base, buttons, notices, tokens, visuallyHidden } from '../../styles/index.js';
import { SurveyApi } from './survey-api.js';
import { styles } from './survey.styles.js';

type Loaded = { kind: 'loading' } | { kind: 'ready'; view: SurveyView } | { kind: 'invalid' } | { kind: 'failed' };

/**
 * The survey a link opens (`…#gs-survey=<token>`, from the e-mail or SMS after a finished
 * contact): what it is about («Обращение № …», «Обратный звонок № …», «Запись в офис № …», «Чат от
 * <date>»), then the survey, or «вы уже ответили», or a clear «Ссылка на опрос недействительна»
 * for a token the server does not know.
 *
 * @tagname gs-survey-view
 * @summary The survey opened by its link.
 */
export class GsSurveyView extends LitElement {
  static override styles = [tokens, base, visuallyHidden, buttons, notices, styles];

  /** `{ token }` from the link. */
  @property({ attribute: false }) prefill?: Record<string, unknown> | undefined;

  /** Backend URL when used standalone. */
  @property() backend?: string;

  /** Language when used standalone. */
  @property() locale?: Locale;

  @state() private loaded: Loaded = { kind: 'loading' };

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private abort?: AbortController;

  private get token(): string {
    const token = this.prefill?.['token'];
    return typeof token === 'string' ? token : '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill')) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loaded = { kind: 'loading' };
    if (!this.token) return void (this.loaded = { kind: 'invalid' });
    try {
      const view = await new SurveyApi(this.config.value.backend).view(this.token, abort.signal);
      this.loaded = { kind: 'ready', view };
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loaded = { kind: apiProblem(error).kind === 'not-found' ? 'invalid' : 'failed' };
    }
  }

  protected override render() {
    const t = this.l10n.msg.survey;
    const loaded = this.loaded;
    return html`${this.renderState(loaded)}
      <div class="visually-hidden" role="status">${loaded.kind === 'loading' ? t.loading : loaded.kind === 'ready' ? this.about(loaded.view) : ''}</div>`;
  }

  private about(view: SurveyView): string {
    const msg = this.l10n.msg;
    const when = formatMoscowDateTime(view.finishedAt, this.l10n.locale, msg);
    return msg.survey.about[view.channel](view.channel === 'chat' ? when : (view.reference ?? ''));
  }

  private renderState(loaded: Loaded) {
    const msg = this.l10n.msg;
    const t = msg.survey;
    switch (loaded.kind) {
      case 'loading':
        return html`<p class="muted">${t.loading}</p>`;
      case 'invalid':
        return html`<div class="problem" role="alert">
          <p><strong>${t.invalidTitle}</strong></p>
          <p>${t.invalidBody}</p>
        </div>`;
      case 'failed':
        return html`<div class="problem" role="alert">
            <p>${t.loadFailed}</p>
            <button type="button" class="button-primary" @click=${() => this.load()}>${t.retry}</button>
          </div>`;
      case 'ready': {
        const { view } = loaded;
        return html`
          <h3 class="about">${this.about(view)}</h3>
          ${view.channel === 'chat' ? nothing : html`<p class="muted">${t.finishedAt(formatMoscowDateTime(view.finishedAt, this.l10n.locale, msg))}</p>`}
          ${view.answered
            ? html`<div class="done"><p><strong>${t.alreadyAnswered}</strong></p></div>`
            : html`<gs-survey-form .token=${this.token} .backend=${this.backend} .locale=${this.locale} heading-level="4"></gs-survey-form>`}
        `;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-survey-view': GsSurveyView;
  }
}
