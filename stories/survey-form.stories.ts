import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { GsSurveyForm } from '../src/features/survey/survey-form.js';
import type { GsSurveyView } from '../src/features/survey/survey-view.js';
import type { SurveyView } from '../src/protocol/quality.js';
import { usePageConfig } from './support/fixtures.js';
import { $, rendered, text } from './support/forms.js';
import { apiError, json, mockFetch, type FetchRoutes } from './support/network.js';
import { darkVariant, highContrastVariant, renderStandalone, standaloneArgTypes, themeArgs, themedPage, type StandaloneArgs } from './support/standalone.js';

/** A survey token of the shape the server issues (`<channel>.<base64url reference>.<MAC>`). */
const TOKEN = 'request.MjAyNi0wMDAxMjM.AbCdEfGhIjKlMnOpQrStUv';
const FINISHED_AT = '2026-03-16T08:20:00.000Z';
const VIEW: SurveyView = { channel: 'request', reference: '2026-000123', finishedAt: FINISHED_AT, answered: false };
const ANSWERED = { resolved: 'yes', rating: 5, shareWithOperator: false, answeredAt: FINISHED_AT };

/**
 * The citizen's survey after a finished contact (issue 17): «Решён ли ваш вопрос?», a rating 1–5
 * with a name for every option, an optional comment and whether the operator may see whose answer
 * it is. Standalone with the page's config (the demo's), Russian, the backend mocked per story
 * (`POST /surveys/:token`, and `GET` for the view a link opens). The states are reached the way a
 * citizen reaches them: `play` clicks the real radios and the real send button.
 */
const meta: Meta<StandaloneArgs> = {
  title: 'Elements/gs-survey-form',
  component: 'gs-survey-form',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  beforeEach: () => usePageConfig(),
  args: { locale: 'ru', time: 'Mon 12:00 MSK', ...themeArgs },
  argTypes: standaloneArgTypes('Not used by the survey.'),
  render: (args) => {
    const made = renderStandalone('gs-survey-form', args);
    const form = (made.localName === 'gs-survey-form' ? made : made.querySelector('gs-survey-form')) as GsSurveyForm;
    form.token = TOKEN;
    return made;
  },
};
export default meta;

type Story = StoryObj<StandaloneArgs>;

const form = (canvasElement: HTMLElement) => rendered<GsSurveyForm>(canvasElement, 'gs-survey-form');
const backend = (routes: FetchRoutes) => () => mockFetch(routes);

async function answer(el: GsSurveyForm): Promise<ShadowRoot> {
  const root = el.shadowRoot!;
  $<HTMLInputElement>(root, '#resolved').click();
  $<HTMLInputElement>(root, '#rating-5').click();
  await el.updateComplete;
  $<HTMLButtonElement>(root, 'button[type="submit"]').click();
  return root;
}

/** The survey as it first shows: two named radio groups, the comment with its count, sharing off. */
export const Empty: Story = {
  beforeEach: backend({}),
  play: async ({ canvasElement }) => {
    const root = (await form(canvasElement)).shadowRoot!;
    await expect(text($(root, 'h3'))).toBe('Оцените, пожалуйста, как мы помогли');
    await expect([...root.querySelectorAll('legend')].map((l) => text(l))).toEqual(['Решён ли ваш вопрос?', 'Оцените работу поддержки']);
    await expect(text(root.querySelectorAll('fieldset')[1]!.querySelector('label'))).toBe('1 — очень плохо');
    await expect($<HTMLInputElement>(root, '#share').checked).toBe(false);
  },
};
export const EmptyDark: Story = darkVariant(Empty);
export const EmptyHighContrast: Story = highContrastVariant(Empty);

/** Sent with nothing chosen: the error summary (focused) and each group's message; nothing is sent. */
export const Errors: Story = {
  beforeEach: backend({}),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    $<HTMLButtonElement>(root, 'button[type="submit"]').click();
    await waitFor(() => expect(text($(root, '#resolved-error'))).toBe('Ошибка: Выберите, решён ли ваш вопрос'));
    await expect(text($(root, '#rating-error'))).toBe('Ошибка: Выберите оценку от 1 до 5');
    await expect(root.querySelector('gs-error-summary')).not.toBeNull();
  },
};

/** Sent: the thank-you, focused. */
export const Sent: Story = {
  beforeEach: backend({ [`POST /surveys/${TOKEN}`]: () => json(ANSWERED, 201) }),
  play: async ({ canvasElement }) => {
    const root = await answer(await form(canvasElement));
    await waitFor(() => expect(text($(root, '#done'))).toBe('Спасибо! Ваш ответ принят. Мы учтём его, чтобы работать лучше.'));
    await waitFor(() => expect(root.activeElement).toBe($(root, '#done')));
  },
};

/** Answered before (409): shown as done, not as an error. */
export const AlreadyAnswered: Story = {
  beforeEach: backend({ [`POST /surveys/${TOKEN}`]: () => json(apiError('conflict', 'Вы уже ответили на этот опрос. Спасибо!'), 409) }),
  play: async ({ canvasElement }) => {
    const root = await answer(await form(canvasElement));
    await waitFor(() => expect(text($(root, '#done'))).toBe('Вы уже ответили на этот опрос. Спасибо!'));
    await expect(root.querySelector('[role="alert"]')).toBeNull();
  },
};

/** No connection: the answer stays, «Отправить ещё раз». */
export const Offline: Story = {
  beforeEach: backend({ [`POST /surveys/${TOKEN}`]: () => 'offline' }),
  play: async ({ canvasElement }) => {
    const root = await answer(await form(canvasElement));
    await waitFor(() => expect(text($(root, '#problem'))).toContain('Нет связи с сервером'));
    await expect($<HTMLInputElement>(root, '#rating-5').checked).toBe(true);
  },
};

const view = (canvasElement: HTMLElement) => rendered<GsSurveyView>(canvasElement, 'gs-survey-view');
const linkStory = (routes: FetchRoutes): Partial<Story> => ({
  beforeEach: backend(routes),
  args: { prefill: { token: TOKEN } },
  render: (args) => renderStandalone('gs-survey-view', args),
});

/** A survey link (`#gs-survey=<token>`) opened: what it is about, then the survey. */
export const LinkOpened: Story = {
  ...linkStory({ [`GET /surveys/${TOKEN}`]: () => json(VIEW) }),
  play: async ({ canvasElement }) => {
    const root = (await view(canvasElement)).shadowRoot!;
    await waitFor(() => expect(text($(root, 'h3.about'))).toBe('Обращение № 2026-000123'));
    await waitFor(() => expect(root.querySelector('gs-survey-form')).not.toBeNull());
  },
};

/** The link of a survey answered before: said so, no form. */
export const LinkAlreadyAnswered: Story = {
  ...linkStory({ [`GET /surveys/${TOKEN}`]: () => json({ ...VIEW, answered: true }) }),
  play: async ({ canvasElement }) => {
    const root = (await view(canvasElement)).shadowRoot!;
    await waitFor(() => expect(text($(root, '.done'))).toBe('Вы уже ответили на этот опрос. Спасибо!'));
    await expect(root.querySelector('gs-survey-form')).toBeNull();
  },
};

/** A link the server does not know (404): «Ссылка на опрос недействительна». */
export const InvalidLink: Story = {
  ...linkStory({ [`GET /surveys/${TOKEN}`]: () => json(apiError('not_found', 'Опрос не найден.'), 404) }),
  play: async ({ canvasElement }) => {
    const root = (await view(canvasElement)).shadowRoot!;
    await waitFor(() => expect(text($(root, '[role="alert"]'))).toContain('Ссылка на опрос недействительна'));
  },
};
