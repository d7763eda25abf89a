import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { GsRequestForm } from '../src/features/request/request-form.js';
import type { WidgetConfigInput } from '../src/protocol/config.js';
import { MONDAY_NOON, usePageConfig } from './support/fixtures.js';
import {
  $,
  attach,
  attachmentsOf,
  bigPdf,
  fakePdf,
  fileIs,
  fillValidRequest,
  isolateRequestDraft,
  pdf,
  png,
  rendered,
  seedRequestDraft,
  submit,
  text,
  typeInto,
  VALID_REQUEST,
} from './support/forms.js';
import { json, mockFetch, mockUploads, REQUEST_CREATED } from './support/network.js';
import { darkVariant, highContrastVariant, renderStandalone, standaloneArgTypes, themeArgs, themedPage, type StandaloneArgs } from './support/standalone.js';

interface Args extends StandaloneArgs {
  onGsSubmit?: (event: Event) => void;
  onGsNavigate?: (event: Event) => void;
}

/** The page's config for these stories: the demo config with a personal-data policy to link to. */
const PAGE_CONFIG: WidgetConfigInput = { requestForm: { policyUrl: 'https://www.example.gov.ru/personal-data-policy' } };

/**
 * «Написать в поддержку» standalone, as a site may place it on its own page: config from the
 * page's store (the demo config, set per story), "now" from a clock provider around it (Monday
 * 12:00 Moscow), Russian, and the theme as the element's `scheme` / `contrast` attributes over a
 * page of the theme's background. The states are reached the way a citizen reaches them: `play`
 * types into the real controls in the shadow root and presses the real buttons. Each story starts
 * without a draft in IndexedDB and leaves none; the backend (fetch for `POST /requests`,
 * XMLHttpRequest for `POST /uploads`) is mocked per story where one is needed.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-request-form',
  component: 'gs-request-form',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  beforeEach: async ({ canvasElement }) => {
    const restoreConfig = usePageConfig(PAGE_CONFIG);
    const releaseDraft = await isolateRequestDraft(canvasElement);
    return async () => {
      await releaseDraft();
      restoreConfig();
    };
  },
  args: { locale: 'ru', time: 'Mon 12:00 MSK', ...themeArgs },
  argTypes: standaloneArgTypes('The fixed "now" of the clock provider around the form (incident dates, draft age).'),
  render: (args) => renderStandalone('gs-request-form', args, { 'gs-submit': args.onGsSubmit, 'gs-navigate': args.onGsNavigate }),
};
export default meta;

type Story = StoryObj<Args>;

const form = (canvasElement: HTMLElement) => rendered<GsRequestForm>(canvasElement, 'gs-request-form');

const dark = darkVariant<Story>;
const highContrast = highContrastVariant<Story>;

/** A fresh form: nothing typed, no draft. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await expect($(el.shadowRoot!, 'button.submit')).toHaveTextContent('Отправить обращение');
  },
};
export const EmptyDark: Story = dark(Empty);
export const EmptyHighContrast: Story = highContrast(Empty);

/** Valid values typed in (the phone is formatted on leaving the field); no errors. */
export const Filled: Story = {
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await fillValidRequest(el);
    const root = el.shadowRoot!;
    await expect($<HTMLInputElement>(root, '#phone').value).toBe('+7 (912) 345-67-89');
    await expect($<HTMLInputElement>(root, '#consent').checked).toBe(true);
    await expect(root.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  },
};
export const FilledDark: Story = dark(Filled);
export const FilledHighContrast: Story = highContrast(Filled);

/**
 * Submitted with a name of one word, a phone that is not Russian, a description too short and
 * the rest left empty: the GOV.UK error summary (focused) lists every problem in field order, and
 * each field shows its own error.
 */
export const WithErrors: Story = {
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    typeInto(root, 'fullName', 'Мария');
    typeInto(root, 'phone', '12-34-56');
    typeInto(root, 'description', 'Не работает вход');
    await submit(el);
    const summary = await waitFor(() => $(root, 'gs-error-summary'));
    await expect(summary.shadowRoot!.querySelectorAll('a')).toHaveLength(6);
    await expect(text(summary.shadowRoot)).toContain('Есть проблема');
    await waitFor(() => expect(root.activeElement).toBe(summary));
    await expect(root.querySelectorAll('.form-control.has-error')).toHaveLength(6);
  },
};
export const WithErrorsDark: Story = dark(WithErrors);
export const WithErrorsHighContrast: Story = highContrast(WithErrors);

/** A statement being uploaded: the mocked upload stays at 40 %. */
export const Uploading: Story = {
  beforeEach: () => mockUploads(() => ({ stayAt: 40 })),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const field = attachmentsOf(el);
    await attach(field, pdf('выписка-из-лицевого-счёта.pdf', 1_400_000));
    const row = await fileIs(field, 'выписка-из-лицевого-счёта.pdf', 'uploading');
    await waitFor(() => expect(text(row)).toContain('Загружается: 40%'));
    await expect(field.pending).toBe(true);
  },
};
export const UploadingDark: Story = dark(Uploading);
export const UploadingHighContrast: Story = highContrast(Uploading);

/**
 * Two files refused before any upload (the upload mock fails the story if one is sent): a 6 MB
 * PDF over the 5 MB limit, and a text file named .pdf, refused by its bytes.
 */
export const UploadRejected: Story = {
  beforeEach: () => mockUploads(),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const field = attachmentsOf(el);
    await attach(field, bigPdf('скан-договора.pdf'), fakePdf('справка-о-доходах.pdf'));
    const big = await fileIs(field, 'скан-договора.pdf', 'rejected');
    const fake = await fileIs(field, 'справка-о-доходах.pdf', 'rejected');
    await expect(text(big)).toContain('Файл больше 5 МБ');
    await expect(text(fake)).toContain('Это не PDF, JPG, PNG: принимаются только такие файлы');
  },
};
export const UploadRejectedDark: Story = dark(UploadRejected);
export const UploadRejectedHighContrast: Story = highContrast(UploadRejected);

/**
 * Back 25 minutes later: the draft in IndexedDB (seeded before render through DraftStore, under
 * the form's own database and form id) comes back with its uploaded screenshot, with «Черновик
 * восстановлен» and «Удалить черновик».
 */
export const DraftRestored: Story = {
  beforeEach: async () => {
    const screenshot = png('ошибка-входа.png');
    await seedRequestDraft(
      {
        type: 'access',
        fullName: VALID_REQUEST.fullName,
        phone: '+7 (912) 345-67-89',
        email: VALID_REQUEST.email,
        answerChannel: 'email',
        description: 'После смены телефона не приходит код подтверждения, войти в учётную запись не получается.',
        consent: false,
      },
      [{ id: 'up_7Q2M4K', name: screenshot.name, type: screenshot.type, size: screenshot.size, blob: screenshot }],
      MONDAY_NOON - 25 * 60_000,
    );
  },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    // The draft comes from IndexedDB: on a loaded machine that can take longer than waitFor's default second.
    await waitFor(() => expect(text($(root, '.notice'))).toContain('Черновик восстановлен'), { timeout: 5000 });
    await expect($<HTMLInputElement>(root, '#fullName').value).toBe(VALID_REQUEST.fullName);
    await fileIs(attachmentsOf(el), 'ошибка-входа.png', 'uploaded');
  },
};
export const DraftRestoredDark: Story = dark(DraftRestored);
export const DraftRestoredHighContrast: Story = highContrast(DraftRestored);

/** Sent with no connection (fetch rejects with a TypeError): nothing is lost, «Отправить ещё раз». */
export const Offline: Story = {
  beforeEach: () => mockFetch({ 'POST /requests': () => 'offline' }),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await fillValidRequest(el);
    await submit(el);
    const root = el.shadowRoot!;
    const alert = await waitFor(() => $(root, '.problem[role="alert"]'));
    await expect(text(alert)).toContain('Нет связи с сервером');
    await expect(alert.querySelector('button')).toHaveTextContent('Отправить ещё раз');
    await waitFor(() => expect($(root, 'button.submit')).toHaveAttribute('aria-disabled', 'false'));
  },
};
export const OfflineDark: Story = dark(Offline);
export const OfflineHighContrast: Story = highContrast(Offline);

/** Registered (`POST /requests` answers 201): the number, the status lookup code and the due date. */
export const Submitted: Story = {
  beforeEach: () => mockFetch({ 'POST /requests': () => json(REQUEST_CREATED, 201) }),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await fillValidRequest(el);
    await submit(el);
    const confirmation = await waitFor(() => {
      const found = el.shadowRoot!.querySelector('gs-request-confirmation');
      expect(text(found?.shadowRoot)).toContain(REQUEST_CREATED.number);
      return found!;
    });
    await expect(text(confirmation.shadowRoot)).toContain(REQUEST_CREATED.lookupCode);
    await expect(text(confirmation.shadowRoot)).toContain('Ответ придёт до 23 марта 2026');
  },
};
export const SubmittedDark: Story = dark(Submitted);
export const SubmittedHighContrast: Story = highContrast(Submitted);
