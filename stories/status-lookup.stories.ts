import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { GsStatusLookup } from '../src/features/status/status-lookup.js';
import type { GsNavigateEvent } from '../src/events/widget-events.js';
import type { RequestStatusView } from '../src/protocol/status.js';
import { usePageConfig } from './support/fixtures.js';
import { $, rendered, text, typeInto } from './support/forms.js';
import {
  apiError,
  json,
  lookupFound,
  mockEventSource,
  mockFetch,
  statusChanged,
  statusView,
  STATUS_LOOKUP,
  type EventSourceMock,
  type FetchAnswer,
} from './support/network.js';
import { darkVariant, highContrastVariant, renderStandalone, standaloneArgTypes, themeArgs, themedPage, type StandaloneArgs } from './support/standalone.js';

interface Args extends StandaloneArgs {
  onGsNavigate?: (event: Event) => void;
}

/** Where gs-status-lookup keeps the numbers looked up on this device (RecentLookupsController). */
const RECENT_KEY = 'gov-support-widget:recent-status';

/**
 * The recent-lookups list of this device: `numbers` (newest first) before the story renders,
 * nothing afterwards; returns the cleanup. Every lookup that finds a request adds its number.
 */
function isolateRecentLookups(numbers: string[] = []): () => void {
  if (numbers.length) localStorage.setItem(RECENT_KEY, JSON.stringify(numbers));
  else localStorage.removeItem(RECENT_KEY);
  return () => localStorage.removeItem(RECENT_KEY);
}

/** The watch stream of the story being shown (installed by its `backend`). */
let stream: EventSourceMock | undefined;

/**
 * The story's backend: `POST /requests/lookup` finds `lookup` (a view) or answers what the
 * function gives (an error, `'offline'`); the live stream `GET /requests/watch` is mocked too and,
 * as the server does on every connection, first sends the found view. Without `lookup` any
 * request is unexpected and fails the story. Returns the cleanup.
 */
function backend(lookup?: RequestStatusView | (() => FetchAnswer)): () => void {
  const view = typeof lookup === 'object' ? lookup : undefined;
  const restoreFetch = mockFetch(
    lookup === undefined ? {} : { 'POST /requests/lookup': typeof lookup === 'function' ? lookup : () => lookupFound(lookup) },
  );
  const watch = (stream = mockEventSource(view && (() => view)));
  return () => {
    watch.restore();
    if (stream === watch) stream = undefined;
    restoreFetch();
  };
}

/**
 * «Статус обращения» standalone, as a site may place it on its own page: config from the page's
 * store (the demo config, set per story), "now" from a clock provider around it (Monday 12:00
 * Moscow), Russian, and the theme as the element's `scheme` / `contrast` attributes over a page
 * of the theme's background. The states are reached the way a citizen reaches them: `play`
 * types the request number and the lookup code into the real inputs and presses «Проверить
 * статус». The backend is mocked per story (`fetch` for the lookup, `EventSource` for the live
 * stream), and the list of numbers checked on this device starts and ends empty.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-status-lookup',
  component: 'gs-status-lookup',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  beforeEach: () => {
    const restoreConfig = usePageConfig();
    const releaseRecent = isolateRecentLookups();
    return () => {
      releaseRecent();
      restoreConfig();
    };
  },
  args: { locale: 'ru', time: 'Mon 12:00 MSK', ...themeArgs },
  argTypes: standaloneArgTypes('The fixed "now" of the clock provider around the element (the wait after too many attempts).'),
  render: (args) => renderStandalone('gs-status-lookup', args, { 'gs-navigate': args.onGsNavigate }),
};
export default meta;

type Story = StoryObj<Args>;

const element = (canvasElement: HTMLElement) => rendered<GsStatusLookup>(canvasElement, 'gs-status-lookup');

const dark = darkVariant<Story>;
const highContrast = highContrastVariant<Story>;

/** Types the number and the second factor as the citizen does and presses «Проверить статус». */
async function checkStatus(el: GsStatusLookup, number: string = STATUS_LOOKUP.number, factor: string = STATUS_LOOKUP.factor): Promise<void> {
  const root = el.shadowRoot!;
  typeInto(root, 'number', number);
  typeInto(root, 'factor', factor);
  $<HTMLButtonElement>(root, 'button.submit').click();
  await el.updateComplete;
}

/** The stories' dates as the element writes them (Moscow time). */
const REGISTERED = '12 марта 2026 г. в 10:15 МСК';
const IN_WORK = '13 марта 2026 г. в 09:40 МСК';
const MONDAY_MORNING = '16 марта 2026 г. в 10:05 МСК';
const DECIDED = '16 марта 2026 г. в 11:20 МСК';
const DUE = '19 марта 2026 г. в 10:15 МСК';
const LIVE = 'Статус обновится здесь сам, когда специалист его изменит.';

interface Shown {
  /** The status label in the badge. */
  label: string;
  explanation: string;
  changedAt: string;
  /** Not shown for a final status. */
  dueAt?: string;
  /** Label and date of each step, newest first (comments come from the view). */
  history: [label: string, at: string][];
}

/**
 * Waits for the result of `view` and checks what the citizen reads: the number (focused), the
 * status and its explanation, when it changed, the dates, the history newest first with the
 * specialist's comments, and the «live» line once the stream has sent the current status.
 */
async function expectResult(el: GsStatusLookup, view: RequestStatusView, shown: Shown): Promise<ShadowRoot> {
  const root = el.shadowRoot!;
  await waitFor(() => expect(text($(root, '.badge'))).toBe(`Текущий статус: ${shown.label}`));
  await expect(text($(root, '.result-title'))).toBe(`Номер обращения ${view.number}`);
  await waitFor(() => expect(root.activeElement).toBe($(root, '.result-title')));
  await expect(text(root)).toContain(shown.explanation);
  await expect(text(root)).toContain(`Изменён ${shown.changedAt}`);
  await expect([...root.querySelectorAll('dt, dd')].map((d) => text(d))).toEqual([
    'Зарегистрировано',
    REGISTERED,
    ...(shown.dueAt ? ['Ожидаемый срок ответа', shown.dueAt] : []),
  ]);
  const comments = [...view.history].reverse().map((step) => step.comment);
  await expect([...root.querySelectorAll('.history li')].map((li) => text(li))).toEqual(
    shown.history.map(([label, at], i) => {
      const comment = comments[i] ? ` Комментарий специалиста: ${comments[i]!.replace(/\s+/g, ' ')}` : '';
      return `${label} — ${at}${comment}`;
    }),
  );
  await waitFor(() => expect(text($(root, '.live'))).toBe(LIVE));
  return root;
}

// ---------------------------------------------------------------------------------------------
// The form

/** A fresh form: the intro, the number and the lookup code (or phone or e-mail), nothing checked before. */
export const Empty: Story = {
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    const root = el.shadowRoot!;
    await expect(text($(root, '.intro'))).toContain('Введите номер обращения и код проверки');
    await expect(text($(root, 'label[for="number"]'))).toBe('Номер обращения');
    await expect(text($(root, 'label[for="factor"]'))).toBe('Код проверки, телефон или e‑mail');
    await expect($(root, 'button.submit')).toHaveTextContent('Проверить статус');
    await expect(root.querySelector('.recent')).toBeNull();
  },
};
export const EmptyDark: Story = dark(Empty);
export const EmptyHighContrast: Story = highContrast(Empty);

/** «Проверить статус» pressed with nothing typed: both fields say what is missing, the first is focused, nothing is sent. */
export const ValidationErrors: Story = {
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    const root = el.shadowRoot!;
    $<HTMLButtonElement>(root, 'button.submit').click();
    await el.updateComplete;
    await waitFor(() => expect(text($(root, '#number-error'))).toBe('Ошибка: Введите номер обращения'));
    await expect(text($(root, '#factor-error'))).toBe('Ошибка: Введите код проверки, телефон или e‑mail');
    await expect(root.querySelectorAll('[aria-invalid="true"]')).toHaveLength(2);
    await waitFor(() => expect(root.activeElement).toBe($(root, '#number')));
  },
};

// ---------------------------------------------------------------------------------------------
// One story per status of the default vocabulary

const REGISTERED_VIEW = statusView('registered');

/** Just registered: waits for a specialist; the answer is due on Thursday 19 March. */
export const Registered: Story = {
  beforeEach: () => backend(REGISTERED_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    await expectResult(el, REGISTERED_VIEW, {
      label: 'Зарегистрировано',
      explanation: 'Обращение принято и ждёт специалиста.',
      changedAt: REGISTERED,
      dueAt: DUE,
      history: [['Зарегистрировано', REGISTERED]],
    });
  },
};

const IN_PROGRESS_VIEW = statusView('in_progress');

/** In work since Friday, with the specialist's comment on what is being done. */
export const InProgress: Story = {
  beforeEach: () => backend(IN_PROGRESS_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    const root = await expectResult(el, IN_PROGRESS_VIEW, {
      label: 'В работе',
      explanation: 'Специалист разбирается в вашем вопросе.',
      changedAt: IN_WORK,
      dueAt: DUE,
      history: [
        ['В работе', IN_WORK],
        ['Зарегистрировано', REGISTERED],
      ],
    });
    await expect(root.querySelector('.overdue')).toBeNull();
  },
};
export const InProgressDark: Story = dark(InProgress);
export const InProgressHighContrast: Story = highContrast(InProgress);

const AWAITING_VIEW = statusView('awaiting_confirmation');

/** The specialist needs a document from the citizen: the comment (two lines) says which and how to send it. */
export const AwaitingConfirmation: Story = {
  beforeEach: () => backend(AWAITING_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    const root = await expectResult(el, AWAITING_VIEW, {
      label: 'Ожидает подтверждения',
      explanation: 'Нужно ваше подтверждение или недостающие сведения: посмотрите комментарий специалиста.',
      changedAt: MONDAY_MORNING,
      dueAt: DUE,
      history: [
        ['Ожидает подтверждения', MONDAY_MORNING],
        ['В работе', IN_WORK],
        ['Зарегистрировано', REGISTERED],
      ],
    });
    await expect($(root, '.history li .comment').textContent).toContain('за 2025 год.\nПришлите');
  },
};

const COMPLETED_VIEW = statusView('completed');

/** Answered this morning: a final status, so no due date any more. */
export const Completed: Story = {
  beforeEach: () => backend(COMPLETED_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    await expectResult(el, COMPLETED_VIEW, {
      label: 'Завершено',
      explanation: 'Ответ подготовлен и отправлен выбранным способом.',
      changedAt: DECIDED,
      history: [
        ['Завершено', DECIDED],
        ['В работе', IN_WORK],
        ['Зарегистрировано', REGISTERED],
      ],
    });
  },
};

const REJECTED_VIEW = statusView('rejected');

/** Cannot be handled here: the comment names who can. Final, no due date. */
export const Rejected: Story = {
  beforeEach: () => backend(REJECTED_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    await expectResult(el, REJECTED_VIEW, {
      label: 'Отклонено',
      explanation: 'Обращение не может быть рассмотрено: причина в комментарии специалиста.',
      changedAt: DECIDED,
      history: [
        ['Отклонено', DECIDED],
        ['В работе', IN_WORK],
        ['Зарегистрировано', REGISTERED],
      ],
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Overdue and live

/** Registered on Wednesday 4 March, answer due on the 11th, still in work: overdue. */
const OVERDUE_VIEW = statusView('in_progress', { createdAt: new Date(Date.UTC(2026, 2, 4, 7, 15)).toISOString() });

/**
 * The answer is overdue: the warning offers the enabled ways to follow up (chat, callback, a
 * message about the request), each with the number filled in.
 */
export const Overdue: Story = {
  beforeEach: () => backend(OVERDUE_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    const root = el.shadowRoot!;
    await waitFor(() => expect(text($(root, '.badge'))).toBe('Текущий статус: В работе'));
    const overdue = $(root, '.overdue');
    await expect(text(overdue.querySelector('p'))).toBe(
      'Срок ответа прошёл. Статус не изменился в обещанный срок. Напишите нам — номер обращения подставим сами.',
    );
    const offers = [...overdue.querySelectorAll<HTMLButtonElement>('button')];
    await expect(offers.map((b) => text(b))).toEqual(['Спросить в чате', 'Заказать обратный звонок', 'Написать сообщение по обращению']);
    await expect([...root.querySelectorAll('dt, dd')].map((d) => text(d))).toEqual([
      'Зарегистрировано',
      '4 марта 2026 г. в 10:15 МСК',
      'Ожидаемый срок ответа',
      '11 марта 2026 г. в 10:15 МСК',
    ]);
    const navigations: GsNavigateEvent[] = [];
    const record = (event: GsNavigateEvent) => navigations.push(event);
    el.addEventListener('gs-navigate', record);
    offers[0]!.click();
    el.removeEventListener('gs-navigate', record);
    await expect(navigations.map((n) => [n.view, n.prefill])).toEqual([['chat', { requestNumber: STATUS_LOOKUP.number }]]);
    await waitFor(() => expect(text($(root, '.live'))).toBe(LIVE));
  },
};
export const OverdueDark: Story = dark(Overdue);
export const OverdueHighContrast: Story = highContrast(Overdue);

/** What the specialist writes when closing the request while the citizen watches. */
const LIVE_COMMENT = 'Ответ готов и отправлен на вашу электронную почту. Перерасчёт выполнен, доплата придёт в апреле.';

/**
 * The result stays live: the stream sends the current status (the «live» line appears), then the
 * specialist completes the request at 12:00 and the badge, the history and the dates change by
 * themselves; screen readers hear «Статус обновлён: Завершено».
 */
export const LiveUpdate: Story = {
  beforeEach: () => backend(IN_PROGRESS_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    const root = el.shadowRoot!;
    await waitFor(() => expect(text($(root, '.live'))).toBe(LIVE));
    await expect(text($(root, '.badge'))).toBe('Текущий статус: В работе');
    await expect(stream?.opened.map((s) => new URL(s.url).pathname)).toEqual(['/requests/watch']);
    stream!.push(statusChanged(IN_PROGRESS_VIEW, 'completed', LIVE_COMMENT));
    await waitFor(() => expect(text($(root, '.badge'))).toBe('Текущий статус: Завершено'));
    await expect(text($(root, '.history li'))).toBe(`Завершено — 16 марта 2026 г. в 12:00 МСК Комментарий специалиста: ${LIVE_COMMENT}`);
    await expect(text(root)).toContain('Изменён 16 марта 2026 г. в 12:00 МСК');
    await expect(text(root.querySelector('dl'))).not.toContain('Ожидаемый срок ответа');
    await waitFor(() => expect(text($(root, '.visually-hidden[role="status"]'))).toBe('Статус обновлён: Завершено'));
  },
};

// ---------------------------------------------------------------------------------------------
// Errors

/** A wrong number or code (404 `not_found`): the message says what to check, the input stays, nothing is remembered. */
export const NotFound: Story = {
  beforeEach: () => backend(() => json(apiError('not_found', 'Обращение не найдено.'), 404)),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el, '2026-000999', '+7 912 345-67-89');
    const root = el.shadowRoot!;
    await waitFor(() =>
      expect(text($(root, '.problem[role="alert"]'))).toBe(
        'Обращение не найдено. Проверьте номер и код — или укажите телефон либо e‑mail, которые вы оставили в обращении.',
      ),
    );
    await expect($<HTMLInputElement>(root, '#number').value).toBe('2026-000999');
    await expect($<HTMLInputElement>(root, '#factor').value).toBe('+7 912 345-67-89');
    await expect(localStorage.getItem(RECENT_KEY)).toBeNull();
    await waitFor(() => expect($(root, 'button.submit')).toHaveAttribute('aria-disabled', 'false'));
  },
};
export const NotFoundDark: Story = dark(NotFound);
export const NotFoundHighContrast: Story = highContrast(NotFound);

/** Too many failed attempts (429 `rate_limited`, retry after 42 s): how long to wait. */
export const RateLimited: Story = {
  beforeEach: () =>
    backend(() => json(apiError('rate_limited', 'Слишком много попыток.', { retryAfterSeconds: 42 }), 429)),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    const root = el.shadowRoot!;
    await waitFor(() => expect(text($(root, '.problem[role="alert"]'))).toBe('Слишком много неудачных попыток. Повторить можно через 42 секунды.'));
    await expect($<HTMLInputElement>(root, '#factor').value).toBe(STATUS_LOOKUP.factor);
  },
};

/** No connection (fetch rejects): nothing typed is lost, and the button is ready for another try. */
export const Offline: Story = {
  beforeEach: () => backend(() => 'offline'),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    await checkStatus(el);
    const root = el.shadowRoot!;
    await waitFor(() =>
      expect(text($(root, '.problem[role="alert"]'))).toBe('Нет связи с сервером. Введённое сохранено: повторите, когда связь появится.'),
    );
    await expect($<HTMLInputElement>(root, '#number').value).toBe(STATUS_LOOKUP.number);
    await waitFor(() => expect($(root, 'button.submit')).toHaveTextContent('Проверить статус'));
  },
};

// ---------------------------------------------------------------------------------------------
// This device's list, and English

/**
 * Two numbers checked on this device before (only numbers are kept, never codes): each is a
 * one-click re-check. Re-checking one whose code was not typed on this page fills the number in
 * and asks for the code.
 */
export const RecentLookups: Story = {
  beforeEach: () => {
    const restoreBackend = backend();
    const releaseRecent = isolateRecentLookups([STATUS_LOOKUP.number, '2026-000098']);
    return () => {
      releaseRecent();
      restoreBackend();
    };
  },
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    const root = el.shadowRoot!;
    const recent = await waitFor(() => $(root, '.recent'));
    await expect(text($(recent, 'h3'))).toBe('Вы проверяли на этом устройстве');
    await expect(text(recent)).toContain('Хранятся только номера обращений, без кодов.');
    const rechecks = [...recent.querySelectorAll<HTMLButtonElement>('ul button')];
    await expect(rechecks.map((b) => [text(b), b.getAttribute('aria-label')])).toEqual([
      [STATUS_LOOKUP.number, `Проверить обращение ${STATUS_LOOKUP.number}`],
      ['2026-000098', 'Проверить обращение 2026-000098'],
    ]);
    rechecks[1]!.click();
    await el.updateComplete;
    await expect($<HTMLInputElement>(root, '#number').value).toBe('2026-000098');
    await waitFor(() => expect(text($(root, '.problem[role="alert"]'))).toBe('Введите код проверки, телефон или e‑mail для обращения 2026-000098.'));
    await waitFor(() => expect(root.activeElement).toBe($(root, '#factor')));
  },
};

/** In English (`locale="en"`): the same lookup; the specialist's comments stay as written. */
export const English: Story = {
  args: { locale: 'en' },
  beforeEach: () => backend(IN_PROGRESS_VIEW),
  play: async ({ canvasElement }) => {
    const el = await element(canvasElement);
    const root = el.shadowRoot!;
    await expect($(root, 'button.submit')).toHaveTextContent('Check status');
    await checkStatus(el);
    await waitFor(() => expect(text($(root, '.badge'))).toBe('Current status: In progress'));
    await expect(text($(root, '.result-title'))).toBe(`Request number ${STATUS_LOOKUP.number}`);
    await expect(text(root)).toContain('A specialist is working on your question.');
    await expect(text(root.querySelector('dl'))).toContain('Expected answer by');
    await expect(text($(root, '.history li'))).toContain('Specialist’s comment:');
    await waitFor(() => expect(text($(root, '.live'))).toBe('The status updates here by itself when a specialist changes it.'));
  },
};
