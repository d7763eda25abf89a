import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { ErrorSummaryItem, GsErrorSummary } from '../src/shared/error-summary.js';
import { ru } from '../src/i18n/ru.js';
import { ru as ruRequest } from '../src/features/request/texts/ru.js';
import { applyTokens } from './support/fixtures.js';
import { rendered } from './support/forms.js';
import { applyTheme, themeArgs, themeArgTypes, themedPage, type ThemeArgs } from './support/standalone.js';

interface Args extends ThemeArgs {
  heading: string;
  items: ErrorSummaryItem[];
  onGsErrorLink?: (event: Event) => void;
  [cssProperty: `--gs-${string}`]: string | undefined;
}

const f = ruRequest.form;
const e = ru.fieldErrors;

/** What the request form lists after an empty-ish submit (texts from the Russian catalogue). */
const REQUEST_FORM_ERRORS: ErrorSummaryItem[] = [
  { field: 'type', text: f.missing.type },
  { field: 'fullName', text: `${f.fullName}: ${e.full_name}` },
  { field: 'phone', text: `${f.phone}: ${e.phone}` },
  { field: 'answerChannel', text: f.missing.answerChannel },
  { field: 'description', text: `${f.description}: ${e.too_short.replace('{min}', '20')}` },
  { field: 'consent', text: e.consent },
];

/**
 * The GOV.UK error summary standalone: a heading and one link per problem, in the order of the
 * fields. The request form renders it above the form after a submit with errors and moves focus
 * to it; a link asks the form (`gs-error-link`) to focus its field.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-error-summary',
  component: 'gs-error-summary',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  args: { heading: ru.forms.errorSummaryTitle, items: REQUEST_FORM_ERRORS, ...themeArgs },
  argTypes: {
    heading: { control: 'text' },
    items: { control: 'object' },
    ...themeArgTypes,
  },
  render: (args) => {
    const summary = document.createElement('gs-error-summary') as GsErrorSummary;
    summary.heading = args.heading;
    summary.items = args.items;
    applyTheme(summary, args);
    applyTokens(summary, args);
    if (typeof args.onGsErrorLink === 'function') summary.addEventListener('gs-error-link', args.onGsErrorLink);
    return summary;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The request form's six problems. */
export const FormErrors: Story = {};
export const FormErrorsDark: Story = { args: { scheme: 'dark' } };
export const FormErrorsHighContrast: Story = { args: { contrast: true } };

/** One problem, under the same heading «Есть проблема». */
export const OneError: Story = {
  args: { items: [{ field: 'email', text: `${f.email}: ${e.email}` }] },
};

/** As the form shows it after submit: focus moved to the summary (its focus ring). */
export const Focused: Story = {
  play: async ({ canvasElement }) => {
    const summary = await rendered<GsErrorSummary>(canvasElement, 'gs-error-summary');
    summary.focus();
    await waitFor(() => expect(summary.shadowRoot!.activeElement?.classList.contains('summary')).toBe(true));
  },
};
