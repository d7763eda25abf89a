import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
// Defines gs-callback-request and gs-callback-confirmation: a separate entry, not in src/index.ts.
import '../src/features/callback/index.js';
import type { GsCallbackConfirmation } from '../src/features/callback/callback-confirmation.js';
import type { GsCallbackRequest } from '../src/features/callback/callback-request.js';
import { DraftStore } from '../src/shared/draft-store.js';
import type { GsSubmitEvent } from '../src/events/form-events.js';
import type { GsNavigateEvent } from '../src/events/widget-events.js';
import type { CallbackBody } from '../src/protocol/callback.js';
import type { WidgetConfigInput } from '../src/protocol/config.js';
import { MONDAY_LATE, usePageConfig } from './support/fixtures.js';
import { $, choose, click, rendered, text, typeInto } from './support/forms.js';
import {
  apiError,
  BOOKED_CALLBACK,
  CALLBACK_PHONE,
  callbackBooked,
  callbackSlot,
  callbackSlots,
  callbackView,
  json,
  lineSlots,
  mockFetch,
  slotTaken,
  type FetchRoutes,
  type MockedRequest,
} from './support/network.js';
import { darkVariant, highContrastVariant, renderStandalone, standaloneArgTypes, themeArgs, themedPage, type StandaloneArgs } from './support/standalone.js';

interface Args extends StandaloneArgs {
  /** The `localTimeZone` property ('' leaves it unset: the `local-time-zone` attribute or the browser's zone). */
  localTimeZone: string;
  onGsSubmit?: (event: Event) => void;
  onGsNavigate?: (event: Event) => void;
}

/** The page's config for these stories: the demo config with a personal-data policy to link to. */
const PAGE_CONFIG: WidgetConfigInput = { requestForm: { policyUrl: 'https://www.example.gov.ru/personal-data-policy' } };

/** The form id gs-callback-request keeps its draft under (in DraftStore's default database). */
const CALLBACK_FORM_ID = 'callback';

async function clearCallbackDraft(): Promise<void> {
  const store = new DraftStore();
  await store.delete(CALLBACK_FORM_ID);
  store.close();
}

/**
 * No callback draft before the story renders, and none after it (the story's forms are taken
 * out of the page first, so that the save a form makes when it goes away lands before the delete).
 */
async function isolateCallbackDraft(canvas: HTMLElement): Promise<() => Promise<void>> {
  await clearCallbackDraft();
  return async () => {
    for (const form of canvas.querySelectorAll('gs-callback-request')) form.remove();
    await clearCallbackDraft();
  };
}

/** The requests the story's backend received, oldest first. */
let sent: MockedRequest[] = [];

/**
 * The story's backend: `GET /callbacks/slots` answers {@link callbackSlots} (the line open on
 * Monday noon, «как можно скорее» offered) unless `routes` says otherwise; `routes` add what the
 * story sends (`POST /callbacks`, `POST /cancel`, …). Any other request is unexpected and fails
 * the story. Every request is recorded in {@link sent}. Returns the cleanup.
 */
function backend(routes: FetchRoutes = {}): () => void {
  sent = [];
  const all: FetchRoutes = { 'GET /callbacks/slots': () => json(callbackSlots()), ...routes };
  return mockFetch(
    Object.fromEntries(
      Object.entries(all).map(([route, answer]) => [
        route,
        (request: MockedRequest) => {
          sent.push(request);
          return answer(request);
        },
      ]),
    ),
  );
}

/** `POST /callbacks` booking what was sent, as the demo backend does. */
const BOOKING: FetchRoutes = { 'POST /callbacks': (request) => callbackBooked(request.body as CallbackBody) };

/** `render` of the meta: the standalone element, plus the `localTimeZone` property when given. */
function renderCallbackRequest(args: Args): HTMLElement {
  const page = renderStandalone('gs-callback-request', args, { 'gs-submit': args.onGsSubmit, 'gs-navigate': args.onGsNavigate });
  const element = page.querySelector('gs-callback-request')!;
  if (args.localTimeZone) element.localTimeZone = args.localTimeZone;
  return page;
}

/**
 * «Обратный звонок» standalone, as a site may place it on its own page: config from the page's
 * store (the demo config, set per story), "now" from a clock provider around it (Monday 12:00
 * Moscow), Russian, the citizen's time zone Moscow (the `localTimeZone` property, so that nothing
 * depends on the machine's zone), and the theme as the element's `scheme` / `contrast`
 * attributes. The states are reached the way a citizen reaches them: `play` types into the real
 * inputs, chooses the real radios and presses the real buttons. The backend (`fetch`: the free
 * slots, booking, lookup, cancel, reschedule) is mocked per story; each story starts without a
 * callback draft in IndexedDB and leaves none.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-callback-request',
  component: 'gs-callback-request',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  beforeEach: async ({ canvasElement }) => {
    const restoreConfig = usePageConfig(PAGE_CONFIG);
    const releaseDraft = await isolateCallbackDraft(canvasElement);
    return async () => {
      await releaseDraft();
      restoreConfig();
    };
  },
  args: { locale: 'ru', time: 'Mon 12:00 MSK', localTimeZone: 'Europe/Moscow', ...themeArgs },
  argTypes: {
    ...standaloneArgTypes('The fixed "now" of the clock provider around the form (which slots are today, tomorrow; the ASAP window).'),
    localTimeZone: {
      control: 'text',
      description: 'The citizen\'s time zone (the `localTimeZone` property): slots are also shown in it when it differs from Moscow. Empty: the browser\'s.',
    },
  },
  render: renderCallbackRequest,
};
export default meta;

type Story = StoryObj<Args>;

const form = (canvasElement: HTMLElement) => rendered<GsCallbackRequest>(canvasElement, 'gs-callback-request');

const dark = darkVariant<Story>;
const highContrast = highContrastVariant<Story>;

/** The free slots the stories pick (today is Monday 16 March; the line is open 09:00–20:00 МСК). */
const TODAY_15_00 = callbackSlot(0, '15:00');
const TODAY_15_30 = callbackSlot(0, '15:30');
const TUESDAY_09_00 = callbackSlot(1, '09:00');
const TUESDAY_10_00 = callbackSlot(1, '10:00');

/** What the citizen of the stories types: a phone in a common spoken format, a name, the topic and the request it is about. */
const CITIZEN = { phone: CALLBACK_PHONE.typed, name: 'Анна', topic: 'status', requestNumber: '2026-000123' } as const;

/** Fills in phone, name, topic and request number and ticks the consent (the time stays as it is). */
async function fillCallback(el: GsCallbackRequest): Promise<void> {
  const root = el.shadowRoot!;
  typeInto(root, 'phone', CITIZEN.phone);
  typeInto(root, 'name', CITIZEN.name);
  choose(root, 'topic', CITIZEN.topic);
  typeInto(root, 'requestNumber', CITIZEN.requestNumber);
  click(root, '#consent');
  await el.updateComplete;
}

/** Waits for the free slots (the radios of «Когда позвонить»). */
async function slotsLoaded(el: GsCallbackRequest): Promise<void> {
  await waitFor(() => expect(el.shadowRoot!.querySelector('input[name=when]')).toBeTruthy());
}

/** Chooses «В выбранное время», then the day (`YYYY-MM-DD`, when given) and the time starting at `start`. */
async function pickTime(el: GsCallbackRequest, start: string, day?: string): Promise<void> {
  const root = el.shadowRoot!;
  await slotsLoaded(el);
  click(root, 'input[name=when][value=slot]');
  await el.updateComplete;
  if (day) {
    choose(root, 'slotStart-day', day);
    await el.updateComplete;
  }
  click(root, `input[name=slotStart][value="${start}"]`);
  await el.updateComplete;
}

/** Presses «Заказать звонок». */
async function submit(el: GsCallbackRequest): Promise<void> {
  click(el.shadowRoot!, 'button.submit');
  await el.updateComplete;
}

/** The confirmation the form turns into (after booking, or «Уже заказали звонок?»), once rendered. */
async function confirmationOf(el: GsCallbackRequest): Promise<GsCallbackConfirmation> {
  return waitFor(() => {
    const found = el.shadowRoot!.querySelector('gs-callback-confirmation');
    expect(found?.shadowRoot?.querySelector('h3')).toBeTruthy();
    return found!;
  });
}

/** The focused element, through every shadow root. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The buttons of `root` by their text. */
function button(root: ShadowRoot, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button «${label}»`);
  return found;
}

/** The times listed by a slot picker, as read. */
const times = (root: ShadowRoot, name: string) => [...root.querySelectorAll(`input[name=${name}]`)].map((input) => text(input.closest('label')));

/** The days offered by a slot picker's day select. */
const days = (root: ShadowRoot, id: string) => [...$<HTMLSelectElement>(root, `#${id}-day`).options].map((o) => text(o));

/** What the confirmation lists to have at hand, for a callback about request 2026-000123. */
const PREPARE = ['ФИО полностью, как в паспорте;', 'паспорт (серия, номер, дата выдачи);', 'ИНН или СНИЛС;', 'номер обращения 2026-000123.'];

/** Today's free times on the stories' Monday noon (12:30–15:00 is booked up). */
const TODAY_TIMES = [
  '15:00–15:30 МСК',
  '15:30–16:00 МСК',
  '16:00–16:30 МСК',
  '16:30–17:00 МСК',
  '17:00–17:30 МСК',
  '17:30–18:00 МСК',
  '18:00–18:30 МСК',
  '18:30–19:00 МСК',
  '19:00–19:30 МСК',
  '19:30–20:00 МСК',
];

/** The line's working days in the next two weeks, as the day select names them. */
const WORKING_DAYS = ['сегодня', 'завтра', 'ср, 18 марта', 'чт, 19 марта', 'пт, 20 марта', 'пн, 23 марта', 'вт, 24 марта', 'ср, 25 марта', 'чт, 26 марта', 'пт, 27 марта'];

// ---------------------------------------------------------------------------------------------
// The form

/**
 * A fresh form on Monday noon, the line open: «Как можно скорее» is offered and chosen (an
 * operator calls back within 30 minutes), «В выбранное время» next to it.
 */
export const Empty: Story = {
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    await expect(text($(root, '.intro'))).toBe(
      'Оставьте номер телефона — специалист поддержки перезвонит как можно скорее или в выбранное вами время.',
    );
    await slotsLoaded(el);
    await expect($<HTMLInputElement>(root, 'input[name=when][value=asap]').checked).toBe(true);
    await expect(text($(root, '#when-asap-hint'))).toBe('Оператор перезвонит в течение 30 минут.');
    await expect(text($(root, 'input[name=when][value=slot]').closest('label'))).toBe('В выбранное время');
    await expect(root.querySelector('.slot-picker')).toBeNull();
    await expect(root.querySelector('.availability')).toBeNull();
    await expect($(root, 'button.submit')).toHaveTextContent('Заказать звонок');
    await expect(sent.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual(['GET /callbacks/slots?days=14']);
  },
};
export const EmptyDark: Story = dark(Empty);
export const EmptyHighContrast: Story = highContrast(Empty);

/**
 * «В выбранное время»: the slot picker opens on today (the working days of the next two weeks in
 * the day select), and the citizen picks 15:30–16:00.
 */
export const SlotChosen: Story = {
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await pickTime(el, TODAY_15_30.start);
    const root = el.shadowRoot!;
    await expect(days(root, 'slotStart')).toEqual(WORKING_DAYS);
    await expect(times(root, 'slotStart')).toEqual(TODAY_TIMES);
    await expect($<HTMLInputElement>(root, 'input[name=slotStart]:checked').value).toBe(TODAY_15_30.start);
    await expect(root.querySelector('.local')).toBeNull();
  },
};
export const SlotChosenDark: Story = dark(SlotChosen);
export const SlotChosenHighContrast: Story = highContrast(SlotChosen);

/**
 * The citizen is in Yekaterinburg (`local-time-zone="Asia/Yekaterinburg"`, two hours ahead of
 * Moscow): each time reads in Moscow time and «… по вашему времени».
 */
export const LocalTimeZone: Story = {
  args: { localTimeZone: '' },
  render: (args) => {
    const page = renderCallbackRequest(args);
    page.querySelector('gs-callback-request')!.setAttribute('local-time-zone', 'Asia/Yekaterinburg');
    return page;
  },
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await expect(el.localTimeZone).toBe('Asia/Yekaterinburg');
    await pickTime(el, TODAY_15_00.start);
    const root = el.shadowRoot!;
    const first = $(root, 'input[name=slotStart]').closest('label')!;
    await expect(text(first.querySelector('.local'))).toBe('17:00–17:30 GMT+5 по вашему времени');
    await expect([...root.querySelectorAll('input[name=slotStart] + span .local')].map((local) => text(local)).slice(0, 3)).toEqual([
      '17:00–17:30 GMT+5 по вашему времени',
      '17:30–18:00 GMT+5 по вашему времени',
      '18:00–18:30 GMT+5 по вашему времени',
    ]);
    await expect(text(first)).toContain('15:00–15:30 МСК');
  },
};

/**
 * «Заказать звонок» pressed with nothing filled in: the error summary (focused) lists the phone,
 * the name, the topic and the consent, each field shows its own error, nothing is sent.
 */
export const ValidationErrors: Story = {
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await slotsLoaded(el);
    await submit(el);
    const root = el.shadowRoot!;
    const summary = await waitFor(() => $(root, 'gs-error-summary'));
    await waitFor(() => expect(root.activeElement).toBe(summary));
    await expect(text(summary.shadowRoot!.querySelector('h3'))).toBe('Есть проблема');
    await expect([...summary.shadowRoot!.querySelectorAll('a')].map((a) => text(a))).toEqual([
      'Введите номер телефона для звонка',
      'Введите, как к вам обращаться',
      'Выберите тему звонка',
      'Подтвердите согласие на обработку персональных данных',
    ]);
    await expect(text($(root, '#phone-error'))).toBe('Ошибка: Введите номер телефона для звонка');
    await expect(root.querySelectorAll('[aria-invalid="true"]')).toHaveLength(4);
    await expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
  },
};
export const ValidationErrorsDark: Story = dark(ValidationErrors);
export const ValidationErrorsHighContrast: Story = highContrast(ValidationErrors);

/**
 * Someone booked the last place of 15:00 meanwhile (409 with the next free slot): the form says
 * so and offers «Записаться на сегодня, 15:30–16:00 МСК»; everything typed stays, and the free
 * slots are asked again (15:00 is gone from them).
 */
export const SlotTaken: Story = {
  beforeEach: () => {
    let taken = false;
    return backend({
      'GET /callbacks/slots': () => json(callbackSlots({ slots: lineSlots().filter((slot) => !(taken && slot.start === TODAY_15_00.start)) })),
      'POST /callbacks': () => {
        taken = true;
        return slotTaken(TODAY_15_30);
      },
    });
  },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await fillCallback(el);
    await pickTime(el, TODAY_15_00.start);
    await submit(el);
    const root = el.shadowRoot!;
    await waitFor(() => expect(text($(root, '.problem[role="alert"] p'))).toBe('Это время только что заняли. Ближайшее свободное: сегодня, 15:30–16:00 МСК.'));
    await expect(text($(root, '.problem button'))).toBe('Записаться на сегодня, 15:30–16:00 МСК');
    await expect($<HTMLInputElement>(root, '#name').value).toBe(CITIZEN.name);
    await expect($<HTMLInputElement>(root, '#phone').value).toBe('+7 (912) 345-67-89');
    await waitFor(() => expect(times(root, 'slotStart')[0]).toBe('15:30–16:00 МСК'));
    await expect(sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /callbacks/slots', 'POST /callbacks', 'GET /callbacks/slots']);
  },
};

/**
 * Monday 22:30, the line closed: no «как можно скорее»; the form says why and when the next free
 * time is (tomorrow 09:00), offers it and the request form. The citizen takes it: it is chosen
 * and focused in the slot picker.
 */
export const OutsideHours: Story = {
  args: { time: 'Mon 22:30 MSK' },
  beforeEach: () =>
    backend({
      'GET /callbacks/slots': () =>
        json(
          callbackSlots({
            open: false,
            opensAt: TUESDAY_09_00.start,
            asap: { available: false, reason: 'closed', promiseMinutes: 30, queue: 0 },
            slots: lineSlots(MONDAY_LATE),
          }),
        ),
    }),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    const availability = await waitFor(() => $(root, '.availability[role="status"]'));
    await expect(text(availability)).toBe(
      'Сейчас линия обратного звонка закрыта. Ближайшее свободное время: завтра, 09:00–09:30 МСК. Выбрать это время Написать в поддержку',
    );
    await expect(root.querySelector('input[value=asap]')).toBeNull();
    button(root, 'Выбрать это время').click();
    await waitFor(() => expect(deepActiveElement()).toBe($(root, `input[name=slotStart][value="${TUESDAY_09_00.start}"]`)));
    await expect($<HTMLInputElement>(root, 'input[name=slotStart]:checked').value).toBe(TUESDAY_09_00.start);
    await expect($<HTMLSelectElement>(root, '#slotStart-day').value).toBe('2026-03-17');
    await expect(days(root, 'slotStart')[0]).toBe('завтра');
  },
};

/**
 * A holiday, and every time of the next two weeks booked up (no slots, no next free one): the
 * form says so and offers the request form instead; pressing it opens the request form with the
 * topic and the request number typed here.
 */
export const HolidayNoSlots: Story = {
  beforeEach: () =>
    backend({
      'GET /callbacks/slots': () =>
        json(callbackSlots({ open: false, asap: { available: false, reason: 'holiday', promiseMinutes: 30, queue: 0 }, slots: [], nextFree: undefined })),
    }),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    const availability = await waitFor(() => $(root, '.availability[role="status"]'));
    await expect(text(availability)).toBe(
      'Сегодня праздничный день: линия обратного звонка не работает. На ближайшие две недели свободного времени для звонка нет. Написать в поддержку Можно написать в поддержку — ответим письменно.',
    );
    await expect(root.querySelector('input[name=when]')).toBeNull();
    choose(root, 'topic', 'application');
    typeInto(root, 'requestNumber', CITIZEN.requestNumber);
    await el.updateComplete;
    const navigations: GsNavigateEvent[] = [];
    const record = (event: GsNavigateEvent) => navigations.push(event);
    el.addEventListener('gs-navigate', record);
    button(root, 'Написать в поддержку').click();
    el.removeEventListener('gs-navigate', record);
    await expect(navigations.map((n) => [n.view, n.prefill])).toEqual([['request', { type: 'application', serviceNumber: CITIZEN.requestNumber }]]);
  },
};

/**
 * The free times cannot be loaded (no connection): «Когда позвонить» says so with «Повторить»;
 * the rest of the form stays usable. Retrying asks again (still offline here).
 */
export const SlotsOffline: Story = {
  beforeEach: () => backend({ 'GET /callbacks/slots': () => 'offline' }),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    const alert = await waitFor(() => $(root, '.when [role="alert"]'));
    await expect(text(alert.querySelector('p'))).toBe('Не удалось загрузить свободное время. Проверьте подключение к интернету и попробуйте ещё раз.');
    await expect($<HTMLInputElement>(root, '#phone')).not.toBeDisabled();
    button(root, 'Повторить').click();
    await waitFor(() => expect(sent).toHaveLength(2));
    await waitFor(() => expect(text($(root, '.when [role="alert"] p'))).toContain('Не удалось загрузить свободное время.'));
    await expect(root.querySelector('input[name=when]')).toBeNull();
  },
};

/**
 * Opened from the chat's long-wait offer (`prefill`: topic, request number, the conversation's
 * reference): the topic and the request number are filled in; the reference goes with the
 * booking, unseen.
 */
export const PrefilledFromChat: Story = {
  args: { prefill: { topic: 'technical', requestNumber: '2026-000777', conversationRef: 'conv_8Hq2' } },
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    await expect($<HTMLSelectElement>(root, '#topic').value).toBe('technical');
    await expect($<HTMLInputElement>(root, '#requestNumber').value).toBe('2026-000777');
    await expect($<HTMLInputElement>(root, '#phone').value).toBe('');
    await expect(text(root)).not.toContain('conv_8Hq2');
    await slotsLoaded(el);
  },
};

// ---------------------------------------------------------------------------------------------
// Booked

/** Fills the form, picks today 15:30 (or keeps «как можно скорее»), books it and returns the confirmation. */
async function bookCallback(el: GsCallbackRequest, slot?: string): Promise<GsCallbackConfirmation> {
  await fillCallback(el);
  if (slot) await pickTime(el, slot);
  else await slotsLoaded(el);
  await submit(el);
  return confirmationOf(el);
}

/**
 * Booked for today 15:30–16:00 (`POST /callbacks` answers 201, once, with an idempotency key):
 * «Звонок заказан» (focused), the callback number, the window, what to have at hand, and
 * «Перенести» / «Отменить звонок».
 */
export const Confirmation: Story = {
  beforeEach: () => backend(BOOKING),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const submitted: string[] = [];
    const record = (event: GsSubmitEvent) => submitted.push(`${event.form} ${event.requestNumber}`);
    el.addEventListener('gs-submit', record);
    const confirmation = await bookCallback(el, TODAY_15_30.start);
    el.removeEventListener('gs-submit', record);
    const root = confirmation.shadowRoot!;
    await expect(text($(root, 'h3'))).toBe('Звонок заказан');
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect(text($(root, 'dl'))).toBe(`Номер заявки на звонок ${BOOKED_CALLBACK} Состояние Ожидает звонка`);
    await expect(text(root)).toContain('Позвоним сегодня, 15:30–16:00 МСК.');
    await expect([...root.querySelectorAll('li')].map((li) => text(li))).toEqual(PREPARE);
    await expect([...root.querySelectorAll('.actions button')].map((b) => text(b))).toEqual(['Перенести', 'Отменить звонок']);
    await expect(submitted).toEqual([`callback ${BOOKED_CALLBACK}`]);
    const posts = sent.filter((r) => r.method === 'POST');
    await expect(posts.map((r) => r.body)).toEqual([
      { phone: '+7 (912) 345-67-89', name: CITIZEN.name, topic: CITIZEN.topic, requestNumber: CITIZEN.requestNumber, asap: false, slotStart: TODAY_15_30.start, consent: true },
    ]);
    await expect(posts[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  },
};
export const ConfirmationDark: Story = dark(Confirmation);
export const ConfirmationHighContrast: Story = highContrast(Confirmation);

/** Booked «как можно скорее» at 12:00: the operator calls within 30 minutes, by 12:30 МСК. */
export const ConfirmationAsap: Story = {
  beforeEach: () => backend(BOOKING),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await bookCallback(el);
    const root = confirmation.shadowRoot!;
    await expect(text($(root, 'h3'))).toBe('Звонок заказан');
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect(text(root)).toContain('Оператор перезвонит в течение 30 минут, до 12:30 МСК.');
    await expect([...root.querySelectorAll('li')].map((li) => text(li))).toEqual(PREPARE);
    await expect((sent.find((r) => r.method === 'POST')!.body as CallbackBody).asap).toBe(true);
  },
};

/** The actions on the booked callback: `POST /callbacks/CB-2026-000045/…` with the phone it was booked for. */
const MANAGING: FetchRoutes = {
  ...BOOKING,
  'POST /reschedule': (request) => {
    const slotStart = (request.body as { slotStart: string }).slotStart;
    const slot = lineSlots().find((s) => s.start === slotStart)!;
    return json(callbackView({ windowStart: slot.start, windowEnd: slot.end, requestNumber: CITIZEN.requestNumber }));
  },
  'POST /cancel': () => json(callbackView({ status: 'cancelled', windowStart: TODAY_15_30.start, windowEnd: TODAY_15_30.end, requestNumber: CITIZEN.requestNumber })),
};

/** «Перенести» on the confirmation: the slot picker of the free times opens in it, and the citizen picks tomorrow 10:00. */
export const Reschedule: Story = {
  beforeEach: () => backend(MANAGING),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await bookCallback(el, TODAY_15_30.start);
    const root = confirmation.shadowRoot!;
    button(root, 'Перенести').click();
    await waitFor(() => expect(root.querySelector('#reslot-day')).toBeTruthy());
    await expect(days(root, 'reslot')).toEqual(WORKING_DAYS);
    choose(root, 'reslot-day', '2026-03-17');
    await confirmation.updateComplete;
    await expect(times(root, 'reslot')[0]).toBe('09:00–09:30 МСК');
    click(root, `input[name=reslot][value="${TUESDAY_10_00.start}"]`);
    await confirmation.updateComplete;
    await expect($<HTMLInputElement>(root, 'input[name=reslot]:checked').value).toBe(TUESDAY_10_00.start);
    await expect([...root.querySelectorAll('.actions button')].map((b) => text(b))).toEqual(['Перенести на это время', 'Оставить прежнее время']);
  },
};

/** Moved to tomorrow 10:00: «Звонок перенесён», the new window, the heading focused again. */
export const Rescheduled: Story = {
  beforeEach: () => backend(MANAGING),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await bookCallback(el, TODAY_15_30.start);
    const root = confirmation.shadowRoot!;
    button(root, 'Перенести').click();
    await waitFor(() => expect(root.querySelector('#reslot-day')).toBeTruthy());
    choose(root, 'reslot-day', '2026-03-17');
    await confirmation.updateComplete;
    click(root, `input[name=reslot][value="${TUESDAY_10_00.start}"]`);
    await confirmation.updateComplete;
    button(root, 'Перенести на это время').click();
    await waitFor(() => expect(text($(root, '.notice[role="status"]'))).toBe('Звонок перенесён.'));
    await expect(text(root)).toContain('Позвоним завтра, 10:00–10:30 МСК.');
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    const reschedule = sent.find((r) => r.url.pathname.endsWith('/reschedule'))!;
    await expect(reschedule.url.pathname).toBe(`/callbacks/${BOOKED_CALLBACK}/reschedule`);
    await expect(reschedule.body).toEqual({ phone: CALLBACK_PHONE.normalized, asap: false, slotStart: TUESDAY_10_00.start });
  },
};

/** «Отменить звонок»: the confirmation asks first, naming the callback. */
export const CancelQuestion: Story = {
  beforeEach: () => backend(MANAGING),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await bookCallback(el, TODAY_15_30.start);
    const root = confirmation.shadowRoot!;
    button(root, 'Отменить звонок').click();
    await confirmation.updateComplete;
    await expect(text($(root, '[role="group"] #cancel-question'))).toBe(`Отменить звонок по заявке ${BOOKED_CALLBACK}?`);
    await expect([...root.querySelectorAll('[role="group"] button')].map((b) => text(b))).toEqual(['Да, отменить', 'Нет, оставить']);
    await expect(sent.some((r) => r.url.pathname.endsWith('/cancel'))).toBe(false);
  },
};

/** «Да, отменить»: cancelled (`POST …/cancel` with the phone); the callback can no longer be changed. */
export const Cancelled: Story = {
  beforeEach: () => backend(MANAGING),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await bookCallback(el, TODAY_15_30.start);
    const root = confirmation.shadowRoot!;
    button(root, 'Отменить звонок').click();
    await confirmation.updateComplete;
    button(root, 'Да, отменить').click();
    await waitFor(() => expect(text($(root, '.notice[role="status"]'))).toBe('Звонок отменён.'));
    // The notice, the heading and the state come in separate updates: each is waited for.
    await waitFor(() => expect(text($(root, 'h3'))).toBe('Заявка на звонок'));
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await waitFor(() => expect(text($(root, 'dl'))).toBe(`Номер заявки на звонок ${BOOKED_CALLBACK} Состояние Отменён`));
    await expect(text(root)).toContain('Изменить эту заявку уже нельзя.');
    await expect(root.querySelector('.actions')).toBeNull();
    await expect(sent.find((r) => r.url.pathname.endsWith('/cancel'))!.body).toEqual({ phone: CALLBACK_PHONE.normalized });
  },
};

// ---------------------------------------------------------------------------------------------
// A callback booked earlier

/** Lookup of a callback booked earlier: found for {@link BOOKED_CALLBACK} and the stories' phone, 404 otherwise. */
const LOOKUP: FetchRoutes = {
  'POST /lookup': (request) =>
    request.url.pathname === `/callbacks/${BOOKED_CALLBACK}/lookup` && (request.body as { phone?: string }).phone === CALLBACK_PHONE.normalized
      ? json(callbackView({ requestNumber: CITIZEN.requestNumber }))
      : json(apiError('not_found', 'Заявка не найдена.'), 404),
};

/** Opens «Уже заказали звонок? Отменить или перенести» and types the number and the phone. */
async function findEarlier(el: GsCallbackRequest, number?: string): Promise<GsCallbackConfirmation> {
  click(el.shadowRoot!, '.manage button');
  const confirmation = await confirmationOf(el);
  if (number !== undefined) {
    const root = confirmation.shadowRoot!;
    typeInto(root, 'number', number);
    typeInto(root, 'phone', CALLBACK_PHONE.typed);
    await confirmation.updateComplete;
    click(root, 'button.submit');
    await confirmation.updateComplete;
  }
  return confirmation;
}

/** «Уже заказали звонок?»: the callback number and the phone it was booked for find it (heading focused). */
export const FindEarlier: Story = {
  beforeEach: () => backend(LOOKUP),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await findEarlier(el);
    const root = confirmation.shadowRoot!;
    await expect(text($(root, 'h3'))).toBe('Заявка на звонок');
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect(text($(root, 'label[for="number"]'))).toBe('Номер заявки на звонок');
    await expect(text($(root, '#number-hint'))).toBe('Например CB-2026-000045');
    await expect(text($(root, 'label[for="phone"]'))).toBe('Телефон, указанный в заявке');
    await expect($(root, 'button.submit')).toHaveTextContent('Найти заявку');
    await expect(text($(root, '.manage button'))).toBe('Вернуться к заказу звонка');
  },
};

/** Found (typed in lower case, as citizens do): the callback's window and actions, as after booking. */
export const FoundEarlier: Story = {
  beforeEach: () => backend(LOOKUP),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await findEarlier(el, BOOKED_CALLBACK.toLowerCase());
    const root = confirmation.shadowRoot!;
    await waitFor(() => expect(text($(root, 'dl'))).toBe(`Номер заявки на звонок ${BOOKED_CALLBACK} Состояние Ожидает звонка`));
    await expect(text($(root, 'h3'))).toBe('Заявка на звонок');
    await expect(text(root)).toContain('Позвоним сегодня, 15:00–15:30 МСК.');
    await expect([...root.querySelectorAll('.actions button')].map((b) => text(b))).toEqual(['Перенести', 'Отменить звонок']);
  },
};

/** A number and phone that do not match (404 `not_found`): says what to check; what was typed stays. */
export const NotFound: Story = {
  beforeEach: () => backend(LOOKUP),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const confirmation = await findEarlier(el, 'CB-2026-000099');
    const root = confirmation.shadowRoot!;
    await waitFor(() => expect(text($(root, '.problem[role="alert"]'))).toBe('Заявка не найдена: проверьте номер и телефон.'));
    await expect($<HTMLInputElement>(root, '#number').value).toBe('CB-2026-000099');
    await expect($<HTMLInputElement>(root, '#phone').value).toBe(CALLBACK_PHONE.typed);
    await waitFor(() => expect($(root, 'button.submit')).toHaveAttribute('aria-disabled', 'false'));
  },
};

// ---------------------------------------------------------------------------------------------
// English

/** The form in English (`locale="en"`): the labels, «As soon as possible» and the times. */
export const English: Story = {
  args: { locale: 'en' },
  beforeEach: () => backend(),
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    const root = el.shadowRoot!;
    await expect(text($(root, '.intro'))).toBe(
      'Leave your phone number and a support specialist will call you back as soon as possible or at a time you choose.',
    );
    await expect(text($(root, 'label[for="phone"]'))).toBe('Phone number to call');
    await slotsLoaded(el);
    await expect(text($(root, '#when-asap-hint'))).toBe('An operator calls back within 30 minutes.');
    await pickTime(el, TODAY_15_30.start);
    await expect(days(root, 'slotStart').slice(0, 3)).toEqual(['today', 'tomorrow', 'Wed, March 18']);
    await expect(times(root, 'slotStart')[0]).toBe('15:00–15:30 MSK');
    await expect($(root, 'button.submit')).toHaveTextContent('Request a call');
  },
};
