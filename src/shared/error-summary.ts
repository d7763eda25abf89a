import { css, html, LitElement } from 'lit';
import { property, query } from 'lit/decorators.js';
import { GsErrorLinkEvent } from '../events/form-events.js';
import { base, tokens } from '../styles/index.js';

export interface ErrorSummaryItem {
  /** The field's id in the form. */
  field: string;
  text: string;
}

/**
 * The GOV.UK error summary: shown above a form after a submit with errors; the form moves focus
 * here, and each entry moves focus to its field. GOV.UK's markup: a box that takes focus
 * (tabindex=-1) around a `role="alert"` with the heading «Есть проблема» and the list.
 *
 * @tagname gs-error-summary
 * @summary List of a form's errors with links to the fields.
 *
 * @fires gs-error-link - An entry was chosen. `event.field` is the field's id.
 *
 * @csspart summary - The box.
 */
export class GsErrorSummary extends LitElement {
  static override styles = [
    tokens,
    base,
    css`
      .summary {
        padding: calc(var(--_gs-space) * 2);
        border: 4px solid var(--_gs-color-danger);
        border-radius: var(--_gs-radius-small);
        margin-bottom: calc(var(--_gs-space) * 3);
      }
      .summary:focus {
        outline: var(--_gs-focus-width) solid var(--_gs-color-focus);
        outline-offset: 2px;
      }
      h3 {
        font-size: 1.125em;
        margin-bottom: var(--_gs-space);
      }
      ul {
        margin: 0;
        padding-inline-start: 1.25em;
        display: grid;
        gap: 4px;
      }
      a {
        color: var(--_gs-color-danger);
        font-weight: 600;
      }
    `,
  ];

  /** Heading of the summary («Есть проблема»). */
  @property() heading = '';

  @property({ attribute: false }) items: readonly ErrorSummaryItem[] = [];

  @query('.summary') private box?: HTMLElement;

  override focus(): void {
    this.box?.focus();
  }

  protected override render() {
    return html`<div class="summary" part="summary" tabindex="-1">
      <div role="alert">
        <h3>${this.heading}</h3>
        <ul>
          ${this.items.map(
            (item) => html`<li>
              <a
                href=${`#${item.field}`}
                @click=${(event: Event) => {
                  event.preventDefault();
                  this.dispatchEvent(new GsErrorLinkEvent(item.field));
                }}
                >${item.text}</a
              >
            </li>`,
          )}
        </ul>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-error-summary': GsErrorSummary;
  }
}
