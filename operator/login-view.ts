import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiRequestError } from '../src/api/client.js';
import { base, buttons, formControls, tokens, visuallyHidden } from '../src/styles/index.js';
import { errorText, type OperatorApi, type OperatorSession } from './api.js';
import { messages } from './messages.js';
import { consoleStyles } from './styles.js';

type Field = 'token' | 'operatorName';

/** The login screen: operator token (a password field) and the name shown in the history. */
@customElement('gs-operator-login')
export class GsOperatorLogin extends LitElement {
  static override styles = [tokens, base, buttons, formControls, visuallyHidden, consoleStyles];

  @property({ attribute: false }) api!: OperatorApi;
  /** Why the operator is here again (session expired, logged out). */
  @property() notice = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private failure = '';
  @state() private busy = false;
  @query('h1') private heading!: HTMLElement;

  focusHeading(): void {
    void this.updateComplete.then(() => this.heading?.focus());
  }

  override render() {
    const m = messages.login;
    return html`
      <h1 class="heading" tabindex="-1">${m.title}</h1>
      <div role="status" class="notice ${this.notice ? '' : 'empty'}" id="login-notice">${this.notice}</div>
      <div role="alert" class="notice error ${this.failure ? '' : 'empty'}" id="login-error">${this.failure}</div>
      <p>${m.intro}</p>
      <form novalidate @submit=${this.submit}>
        ${this.field('token', m.token, m.tokenHint, 'password', 'current-password')}
        ${this.field('operatorName', m.operatorName, m.operatorNameHint, 'text', 'name')}
        <button class="button-primary" type="submit" ?disabled=${this.busy}>${this.busy ? m.submitting : m.submit}</button>
      </form>
    `;
  }

  private field(name: Field, label: string, hint: string, type: string, autocomplete: string) {
    const error = this.errors[name];
    return html`
      <div class="form-control ${error ? 'has-error' : ''}">
        <label for=${name}>${label}</label>
        <span class="hint" id="${name}-hint">${hint}</span>
        ${error ? html`<span class="error" id="${name}-error"><span class="visually-hidden">${messages.errors.prefix}</span> ${error}</span>` : nothing}
        <input
          id=${name}
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          required
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="${name}-hint${error ? ` ${name}-error` : ''}"
        />
      </div>
    `;
  }

  private validate(token: string, name: string): Partial<Record<Field, string>> {
    const m = messages.login;
    const errors: Partial<Record<Field, string>> = {};
    if (!token) errors.token = m.tokenRequired;
    if (!name) errors.operatorName = m.nameRequired;
    else if (name.length < 2) errors.operatorName = m.nameTooShort;
    else if (name.length > 80) errors.operatorName = m.nameTooLong;
    return errors;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const token = (form.elements.namedItem('token') as HTMLInputElement).value;
    const operatorName = (form.elements.namedItem('operatorName') as HTMLInputElement).value.trim();
    this.failure = '';
    this.errors = this.validate(token, operatorName);
    const first = (Object.keys(this.errors) as Field[])[0];
    if (first) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#${first}`)?.focus();
      return;
    }
    this.busy = true;
    try {
      const session = await this.api.login(token, operatorName);
      (form.elements.namedItem('token') as HTMLInputElement).value = '';
      this.dispatchEvent(new CustomEvent<OperatorSession>('operator-login', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'validation_failed' && error.issues.length) {
        const errors: Partial<Record<Field, string>> = {};
        for (const issue of error.issues) {
          const field = issue.path[0];
          if (field === 'token') errors.token = messages.login.tokenRequired;
          if (field === 'operatorName') errors.operatorName = operatorName.length > 80 ? messages.login.nameTooLong : messages.login.nameTooShort;
        }
        this.errors = errors;
      }
      this.failure =
        error instanceof ApiRequestError && error.status === 429
          ? messages.login.tooManyAttempts(error.retryAfterSeconds)
          : error instanceof ApiRequestError && error.status === 401 && !/[А-Яа-яЁё]/.test(error.message)
            ? messages.login.wrongToken
            : errorText(error);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-operator-login': GsOperatorLogin;
  }
}
