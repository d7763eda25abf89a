import type { ArgTypes, Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { GsFileAttachments } from '../src/shared/attachments/file-attachments.js';
import { ru as ruRequest } from '../src/features/request/texts/ru.js';
import type { AttachmentType } from '../src/protocol/attachments.js';
import { ATTACHMENT_TYPES, LOCALES, type Locale } from '../src/protocol/config.js';
import { applyTokens, usePageConfig } from './support/fixtures.js';
import { $, attach, bigPdf, fakePdf, fileIs, fileRows, pdf, png, rendered, text } from './support/forms.js';
import { mockUploads, stored, type MockedUpload, type UploadScript } from './support/network.js';
import { applyTheme, themeArgs, themeArgTypes, themedPage, type ThemeArgs } from './support/standalone.js';

interface Args extends ThemeArgs {
  backend?: string;
  types?: AttachmentType[];
  maxSizeBytes?: number;
  maxCount?: number;
  error: string;
  locale: Locale;
  onGsAttachmentsChange?: (event: Event) => void;
  [cssProperty: `--gs-${string}`]: string | undefined;
}

/**
 * The attachments field standalone (it is also the request form's «Файлы»): files are added
 * through the real file input, as the picker adds them, and checked before upload (empty, size,
 * count, and the type by the leading bytes). Uploads go through XMLHttpRequest, mocked per story:
 * a story says what each upload does (stays at some percent, answers, or never reaches the server).
 * Limits come from the page's config (the demo config: PDF, JPG, PNG, 5 MB, 5 files) unless set.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-file-attachments',
  component: 'gs-file-attachments',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  beforeEach: () => usePageConfig(),
  args: { error: '', locale: 'ru', ...themeArgs },
  argTypes: {
    locale: { control: 'inline-radio', options: LOCALES },
    types: { control: 'check', options: ATTACHMENT_TYPES },
    maxSizeBytes: { control: 'number' },
    maxCount: { control: { type: 'number', min: 0, max: 20 } },
    error: { control: 'text' },
    ...themeArgTypes,
    backend: { control: false, description: 'Not set: the page\'s origin, where the story\'s upload mock answers.' },
    // Read-only state in the manifest: shown, not editable.
    ...({ files: { control: false }, uploadIds: { control: false }, pending: { control: false } } satisfies ArgTypes),
  },
  render: (args) => {
    const field = document.createElement('gs-file-attachments') as GsFileAttachments;
    field.locale = args.locale;
    field.error = args.error;
    if (args.backend !== undefined) field.backend = args.backend;
    if (args.types) field.types = args.types;
    if (args.maxSizeBytes !== undefined) field.maxSizeBytes = args.maxSizeBytes;
    if (args.maxCount !== undefined) field.maxCount = args.maxCount;
    applyTheme(field, args);
    applyTokens(field, args);
    if (typeof args.onGsAttachmentsChange === 'function') field.addEventListener('gs-attachments-change', args.onGsAttachmentsChange);
    return field;
  },
};
export default meta;

type Story = StoryObj<Args>;

const field = (canvasElement: HTMLElement) => rendered<GsFileAttachments>(canvasElement, 'gs-file-attachments');

let uploads = 0;
/** Every upload is stored at once. */
const storeEvery = (upload: MockedUpload): UploadScript => ({ status: 201, body: stored(upload, `up_${++uploads}`) });

/** Nothing attached yet: the hint with the limits, «Выбрать файлы» and the drop zone. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const el = await field(canvasElement);
    await expect(text($(el.shadowRoot!, '[part="hint"]'))).toBe('PDF, JPG, PNG, до 5 МБ каждый, не больше 5');
  },
};

/** One PDF being uploaded: the mocked upload stays at 40 %. */
export const Uploading: Story = {
  beforeEach: () => mockUploads(() => ({ stayAt: 40 })),
  play: async ({ canvasElement }) => {
    const el = await field(canvasElement);
    await attach(el, pdf('выписка-из-лицевого-счёта.pdf', 1_400_000));
    const row = await fileIs(el, 'выписка-из-лицевого-счёта.pdf', 'uploading');
    await waitFor(() => expect(text(row)).toContain('Загружается: 40%'));
  },
};

/** A PDF and a screenshot, both stored (the mock answers 201 with their ids). */
export const Uploaded: Story = {
  beforeEach: () => mockUploads(storeEvery),
  play: async ({ canvasElement }) => {
    const el = await field(canvasElement);
    await attach(el, pdf('заявление.pdf'), png('снимок-экрана-1.png'));
    await fileIs(el, 'заявление.pdf', 'uploaded');
    await fileIs(el, 'снимок-экрана-1.png', 'uploaded');
    await expect(el.uploadIds).toHaveLength(2);
  },
};

/**
 * Refused before upload (the upload mock fails the story if anything is sent): a 6 MB PDF over
 * the 5 MB limit, and a text file named .pdf, refused by its bytes.
 */
export const Rejected: Story = {
  beforeEach: () => mockUploads(),
  play: async ({ canvasElement }) => {
    const el = await field(canvasElement);
    await attach(el, bigPdf('скан-договора.pdf'), fakePdf('справка-о-доходах.pdf'));
    await expect(text(await fileIs(el, 'скан-договора.pdf', 'rejected'))).toContain('Файл больше 5 МБ');
    await expect(text(await fileIs(el, 'справка-о-доходах.pdf', 'rejected'))).toContain('Это не PDF, JPG, PNG');
  },
};

/** The upload never reached the server: «Не удалось загрузить» and «Загрузить снова». */
export const FailedWithRetry: Story = {
  beforeEach: () => mockUploads(() => 'network-error'),
  play: async ({ canvasElement }) => {
    const el = await field(canvasElement);
    await attach(el, pdf('квитанция-об-оплате.pdf'));
    const row = await fileIs(el, 'квитанция-об-оплате.pdf', 'failed');
    await expect(text(row)).toContain('Не удалось загрузить');
    await expect($(row, 'button.retry')).toHaveTextContent('Загрузить снова');
  },
};

/** The form's message about the field as a whole (`error`). */
export const FieldError: Story = {
  args: { error: ruRequest.form.waitForUploads },
  play: async ({ canvasElement }) => {
    const el = await field(canvasElement);
    await expect($(el.shadowRoot!, '#error')).toHaveTextContent(ruRequest.form.waitForUploads);
  },
};

/** Which upload does what in {@link AllStates}, by file name. */
const MIXED: Record<string, UploadScript> = {
  'выписка-из-лицевого-счёта.pdf': { stayAt: 40 },
  'квитанция-об-оплате.pdf': 'network-error',
};

/** Every state at once: uploaded, uploading, refused (size, type) and failed. */
export const AllStates: Story = {
  beforeEach: () => mockUploads((upload) => MIXED[upload.name] ?? storeEvery(upload)),
  play: async ({ canvasElement }) => {
    const el = await field(canvasElement);
    await attach(
      el,
      pdf('заявление.pdf'),
      pdf('выписка-из-лицевого-счёта.pdf', 1_400_000),
      bigPdf('скан-договора.pdf'),
      fakePdf('справка-о-доходах.pdf'),
      pdf('квитанция-об-оплате.pdf'),
    );
    await fileIs(el, 'заявление.pdf', 'uploaded');
    await fileIs(el, 'выписка-из-лицевого-счёта.pdf', 'uploading');
    await fileIs(el, 'скан-договора.pdf', 'rejected');
    await fileIs(el, 'справка-о-доходах.pdf', 'rejected');
    await fileIs(el, 'квитанция-об-оплате.pdf', 'failed');
    await expect(fileRows(el)).toHaveLength(5);
  },
};
export const AllStatesDark: Story = { ...AllStates, args: { ...AllStates.args, scheme: 'dark' } };
export const AllStatesHighContrast: Story = { ...AllStates, args: { ...AllStates.args, contrast: true } };
