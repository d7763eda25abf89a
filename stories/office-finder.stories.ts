import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
// Defines gs-office-finder, gs-office-card and gs-office-booking: a separate entry, not in src/index.ts.
import '../src/features/offices/index.js';
import type { GsOfficeBooking } from '../src/features/offices/office-booking.js';
import type { GsOfficeCard } from '../src/features/offices/office-card.js';
import type { GsOfficeFinder } from '../src/features/offices/office-finder.js';
import type { GsSubmitEvent } from '../src/events/form-events.js';
import type { WidgetConfigInput } from '../src/protocol/config.js';
import { usePageConfig } from './support/fixtures.js';
import { $, choose, click, rendered, text, typeInto } from './support/forms.js';
import {
  BERDSK,
  BOOKED_VISIT,
  LENINSKY,
  officeBackend,
  officeRequests,
  officeSlot,
  officeSlots,
  OFFICES,
  OKTYABRSKY,
  SVETLANSKY,
  TVERSKOY,
  visitSlotTaken,
  VISITOR,
  ZELENOGRAD,
  type OfficeRecord,
} from './support/offices.js';
import { darkVariant, highContrastVariant, renderStandalone, standaloneArgTypes, themeArgs, themedPage, type StandaloneArgs } from './support/standalone.js';

interface Args extends StandaloneArgs {
  onGsSubmit?: (event: Event) => void;
}

/**
 * The page's config for these stories: the demo config with a personal-data policy to link to.
 * No `offices.tileUrl`: the map shows its markers on a plain background and loads no images
 * (the stories make no request that leaves the page).
 */
const PAGE_CONFIG: WidgetConfigInput = { requestForm: { policyUrl: 'https://www.example.gov.ru/personal-data-policy' } };

// ---------------------------------------------------------------------------------------------
// Geolocation

const GEOLOCATION = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation');

/**
 * `navigator.geolocation` for one story: the position `at`, or refused (`'denied'`), answered
 * asynchronously as a browser does after its prompt. Returns the cleanup that puts the real one back.
 */
function stubGeolocation(answer: { latitude: number; longitude: number } | 'denied'): () => void {
  const error = { code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError;
  const geolocation: Pick<Geolocation, 'getCurrentPosition'> = {
    getCurrentPosition: (ok, fail) => {
      setTimeout(() => {
        if (answer === 'denied') fail?.(error);
        else ok({ coords: { ...answer, accuracy: 30 }, timestamp: Date.now() } as GeolocationPosition);
      }, 50);
    },
  };
  Object.defineProperty(Navigator.prototype, 'geolocation', { configurable: true, get: () => geolocation });
  return () => {
    if (GEOLOCATION) Object.defineProperty(Navigator.prototype, 'geolocation', GEOLOCATION);
  };
}

/** Where the «Рядом со мной» citizen is: the centre of Novosibirsk. */
const IN_NOVOSIBIRSK = { latitude: 55.0415, longitude: 82.9346 };

// ---------------------------------------------------------------------------------------------
// The meta

/**
 * «Найти офис» standalone, as a site may place it on its own page (the `gov-support-widget/offices`
 * entry): config from the page's store (the demo config, set per story), "now" from a clock
 * provider around it (Monday 12:00 Moscow: 16:00 in Novosibirsk, 19:00 in Vladivostok), Russian,
 * and the theme as the element's `scheme` / `contrast` attributes. The office card
 * (`gs-office-card`) and the booking (`gs-office-booking`) open inside it. The states are
 * reached the way a citizen reaches them: `play` chooses in the real selects, presses the real
 * buttons and types into the real inputs. The backend (`fetch`: the catalogue, the list, an
 * office, its free times, booking and cancelling) is a demo set of six offices in three time
 * zones, mocked per story (stories/support/offices.ts); `navigator.geolocation` is stubbed by the
 * stories that use it.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-office-finder',
  component: 'gs-office-finder',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  beforeEach: () => usePageConfig(PAGE_CONFIG),
  args: { locale: 'ru', time: 'Mon 12:00 MSK', ...themeArgs },
  argTypes: standaloneArgTypes(
    'The fixed "now" of the clock provider around the finder (open or closed in each office\'s zone, the booking times). The mocked backend answers as of Monday 12:00 MSK.',
  ),
  render: (args) => renderStandalone('gs-office-finder', args, { 'gs-submit': args.onGsSubmit }),
};
export default meta;

type Story = StoryObj<Args>;

const dark = darkVariant<Story>;
const highContrast = highContrastVariant<Story>;

// ---------------------------------------------------------------------------------------------
// Helpers

const finder = (canvasElement: HTMLElement) => rendered<GsOfficeFinder>(canvasElement, 'gs-office-finder');

/** The button of `root` whose text (visually hidden part included) is `label`. */
function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button «${label}»`);
  return found;
}

/** The focused element, through every shadow root. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The offices listed, once `count` of them are. */
async function listed(el: GsOfficeFinder, count: number): Promise<HTMLElement[]> {
  return waitFor(() => {
    const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.office')];
    expect(items).toHaveLength(count);
    return items;
  });
}

/** The list item of `office`. */
const itemOf = (items: HTMLElement[], office: OfficeRecord) => items.find((li) => text(li.querySelector('h3')) === office.name)!;

/** The names listed, in order. */
const names = (items: HTMLElement[]) => items.map((li) => text(li.querySelector('h3')));

/** Waits until the catalogue has filled the filters (the region select lists the regions). */
async function catalogueLoaded(el: GsOfficeFinder): Promise<void> {
  await waitFor(() => expect($<HTMLSelectElement>(el.shadowRoot!, '#region').options.length).toBeGreaterThan(1));
}

/** Presses «Найти» (the list is asked again with what is chosen). */
async function search(el: GsOfficeFinder): Promise<void> {
  click(el.shadowRoot!, '.search button[type=submit]');
  await el.updateComplete;
}

/** The query of the last `GET /offices`. */
const lastSearch = () => Object.fromEntries(officeRequests.filter((r) => r.url.pathname === '/offices').at(-1)!.url.searchParams);

/** «Подробнее» on `office` in the list: its card, once rendered. */
async function openCard(el: GsOfficeFinder, office: OfficeRecord): Promise<GsOfficeCard> {
  await listed(el, OFFICES.length);
  button(el.shadowRoot!, `Подробнее ${office.name}`).click();
  const card = await waitFor(() => {
    const found = el.shadowRoot!.querySelector<GsOfficeCard>('gs-office-card');
    expect(found?.shadowRoot?.querySelector('h3')).toBeTruthy();
    return found!;
  });
  await card.updateComplete;
  return card;
}

/** From the list: the card of `office`, `service` chosen on it (when given), «Записаться на приём». */
async function startBooking(el: GsOfficeFinder, office: OfficeRecord, service?: string): Promise<GsOfficeBooking> {
  const card = await openCard(el, office);
  if (service) {
    choose(card.shadowRoot!, 'card-service', service);
    await card.updateComplete;
  }
  button(card.shadowRoot!, 'Записаться на приём').click();
  const booking = await waitFor(() => {
    const found = el.shadowRoot!.querySelector<GsOfficeBooking>('gs-office-booking');
    expect(found?.shadowRoot?.querySelector('h4')).toBeTruthy();
    return found!;
  });
  await booking.updateComplete;
  return booking;
}

/** Step 1 «Услуга» → «Далее»; step 2 once its free times are shown. */
async function toTimes(booking: GsOfficeBooking, serviceIndex = 0): Promise<void> {
  const root = booking.shadowRoot!;
  click(root, `#service-${serviceIndex}`);
  await booking.updateComplete;
  button(root, 'Далее').click();
  await waitFor(() => expect(root.querySelector('input[name=slot]')).toBeTruthy());
}

/** Step 2: the day `date` (YYYY-MM-DD, when given) and the time starting at `start`, then «Далее». */
async function toContacts(booking: GsOfficeBooking, start: string, date?: string): Promise<void> {
  const root = booking.shadowRoot!;
  if (date) {
    choose(root, 'day', date);
    await waitFor(() => expect(root.querySelector(`input[name=slot][value="${start}"]`)).toBeTruthy());
  }
  click(root, `input[name=slot][value="${start}"]`);
  await booking.updateComplete;
  button(root, 'Далее').click();
  await waitFor(() => expect(root.querySelector('#name')).toBeTruthy());
}

/** Step 3: name, phone and consent as the citizen gives them; then «Записаться». */
async function fillAndSubmit(booking: GsOfficeBooking): Promise<void> {
  const root = booking.shadowRoot!;
  typeInto(root, 'name', VISITOR.name);
  typeInto(root, 'phone', VISITOR.phone.typed);
  click(root, '#consent');
  await booking.updateComplete;
  button(root, 'Записаться').click();
  await booking.updateComplete;
}

/** The times offered on step 2, as read. */
const times = (booking: GsOfficeBooking) => [...booking.shadowRoot!.querySelectorAll('input[name=slot]')].map((input) => text(input.closest('label')));

/** The days offered on step 2. */
const days = (booking: GsOfficeBooking) => [...$<HTMLSelectElement>(booking.shadowRoot!, '#day').options].map((o) => text(o));

/** The visit the booking stories make: passport at «Ленинский» (Novosibirsk), Tuesday 10:15 there. */
const TUESDAY_10_15 = officeSlot(LENINSKY, 1, '10:15');
const TUESDAY = TUESDAY_10_15.start.slice(0, 10);

/** The whole booking of {@link TUESDAY_10_15}: list → card (passport chosen) → three steps → «Записаться». */
async function book(el: GsOfficeFinder): Promise<GsOfficeBooking> {
  const booking = await startBooking(el, LENINSKY, 'passport');
  button(booking.shadowRoot!, 'Далее').click();
  await waitFor(() => expect(booking.shadowRoot!.querySelector('input[name=slot]')).toBeTruthy());
  await toContacts(booking, TUESDAY_10_15.start, TUESDAY);
  await fillAndSubmit(booking);
  return booking;
}

/** The passport's documents, as the card and the confirmation list them. */
const PASSPORT_DOCUMENTS = [
  'Паспорт, который меняете (или свидетельство о рождении, если паспорт получаете впервые)',
  'Две фотографии 35 × 45 мм',
  'Квитанция об уплате госпошлины',
];

// ---------------------------------------------------------------------------------------------
// The list

/**
 * All six offices by name, each with today's state in its own zone (Monday 12:00 in Moscow is
 * 16:00 in Novosibirsk and 19:00 in Vladivostok: Berdsk and Vladivostok are closed), the current
 * load and wait while open, step-free access, services, the phone and route links.
 */
export const List: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    const root = el.shadowRoot!;
    const items = await listed(el, 6);
    await expect(names(items)).toEqual([LENINSKY, OKTYABRSKY, SVETLANSKY, BERDSK, ZELENOGRAD, TVERSKOY].map((o) => o.name));
    await expect(text($(root, '.count'))).toBe('Найдено 6 офисов.');
    await expect(text($(root, '.demo'))).toBe('Показаны демонстрационные данные: адреса и телефоны не настоящие.');
    const state = (office: OfficeRecord) => text(itemOf(items, office).querySelector('.state'));
    const load = (office: OfficeRecord) => text(itemOf(items, office).querySelector('.load'));
    await expect(state(TVERSKOY)).toBe('Сейчас открыто, до 20:00 МСК');
    await expect(load(TVERSKOY)).toBe('Загруженность высокая, ожидание около 45 минут');
    await expect(state(LENINSKY)).toBe('Сейчас открыто, до 19:00 GMT+7');
    await expect(load(LENINSKY)).toBe('Загруженность низкая, ожидание около 15 минут');
    await expect(state(BERDSK)).toBe('Сейчас закрыто, откроется завтра в 08:30 GMT+7');
    await expect(state(SVETLANSKY)).toBe('Сейчас закрыто, откроется завтра в 08:00 GMT+10');
    await expect(load(SVETLANSKY)).toBe('Сейчас закрыто: загруженность не показываем.');
    await expect(text(itemOf(items, LENINSKY))).toContain('Вход со ступеньками');
    await expect(text(itemOf(items, TVERSKOY))).toContain('Услуги: Паспорт гражданина РФ, СНИЛС, Регистрация по месту жительства, Замена водительского удостоверения');
    await expect(itemOf(items, LENINSKY).querySelector<HTMLAnchorElement>('a.phone')!.href).toBe('tel:+73830002001');
    await expect([...itemOf(items, LENINSKY).querySelectorAll('.routes a')].map((a) => text(a))).toEqual([
      'Маршрут: Яндекс Карты (откроется в новой вкладке)',
      'Маршрут: 2ГИС (откроется в новой вкладке)',
      'Маршрут: OpenStreetMap (откроется в новой вкладке)',
    ]);
    await expect(lastSearch()).toEqual({});
  },
};
export const ListDark: Story = dark(List);
export const ListHighContrast: Story = highContrast(List);

/**
 * Region «Новосибирская область» (the city select then lists its cities), city «Новосибирск»
 * and service «Паспорт гражданина РФ», then «Найти»: the two offices there, by name.
 */
export const Filters: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    const root = el.shadowRoot!;
    await catalogueLoaded(el);
    await listed(el, 6);
    choose(root, 'region', '54');
    await el.updateComplete;
    await expect([...$<HTMLSelectElement>(root, '#city').options].map((o) => text(o))).toEqual(['Все города', 'Бердск', 'Новосибирск']);
    choose(root, 'city', 'Новосибирск');
    choose(root, 'service', 'passport');
    await search(el);
    const items = await listed(el, 2);
    await expect(names(items)).toEqual([LENINSKY.name, OKTYABRSKY.name]);
    await expect(lastSearch()).toEqual({ region: '54', city: 'Новосибирск', service: 'passport' });
    await expect(text($(root, '.count'))).toBe('Найдено 2 офиса.');
    await expect($<HTMLSelectElement>(root, '#region').value).toBe('54');
    await expect($<HTMLSelectElement>(root, '#city').value).toBe('Новосибирск');
    await expect($<HTMLSelectElement>(root, '#service').value).toBe('passport');
    await waitFor(() => expect(text($(root, '[role=status][aria-live]'))).toBe('Найдено 2 офиса. По названию.'));
  },
};

/**
 * Berdsk and «Замена водительского удостоверения», which no office there offers: says so and
 * what to change; no list, no map or table tools.
 */
export const NoResults: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    const root = el.shadowRoot!;
    await catalogueLoaded(el);
    await listed(el, 6);
    choose(root, 'region', '54');
    await el.updateComplete;
    choose(root, 'city', 'Бердск');
    choose(root, 'service', 'driving_licence');
    await search(el);
    await listed(el, 0);
    await expect(text($(root, '.count'))).toBe('Офисов по этим условиям нет. Измените регион, услугу или текст поиска.');
    await expect(root.querySelector('.tools')).toBeNull();
    await expect(lastSearch()).toEqual({ region: '54', city: 'Бердск', service: 'driving_licence' });
  },
};

/**
 * «Рядом со мной», and the citizen refuses the browser's location prompt: a clear message
 * (alert) says so and offers the region choice, which takes focus; the list stays by name.
 */
export const GeolocationRefused: Story = {
  beforeEach: () => {
    const restoreFetch = officeBackend();
    const restoreGeolocation = stubGeolocation('denied');
    return () => {
      restoreGeolocation();
      restoreFetch();
    };
  },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    const root = el.shadowRoot!;
    await catalogueLoaded(el);
    await listed(el, 6);
    button(root, 'Рядом со мной').click();
    const alert = await waitFor(() => $(root, '.search [role=alert]'));
    await expect(text(alert)).toBe('Доступ к местоположению не разрешён. Выберите регион и город — или разрешите доступ в настройках браузера.');
    await waitFor(() => expect(deepActiveElement()).toBe($(root, '#region')));
    await expect(button(root, 'Рядом со мной')).not.toBeDisabled();
    await expect(officeRequests.filter((r) => r.url.searchParams.has('near'))).toHaveLength(0);
  },
};

/**
 * «Рядом со мной» in the centre of Novosibirsk: the list is asked again with `near` and comes
 * sorted by distance, each office with its distance; «Сначала ближайшие к вам».
 */
export const NearMe: Story = {
  beforeEach: () => {
    const restoreFetch = officeBackend();
    const restoreGeolocation = stubGeolocation(IN_NOVOSIBIRSK);
    return () => {
      restoreGeolocation();
      restoreFetch();
    };
  },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    const root = el.shadowRoot!;
    await listed(el, 6);
    button(root, 'Рядом со мной').click();
    await waitFor(() => expect(text(root.querySelector('.near .hint'))).toBe('Сначала ближайшие к вам.'));
    const nearest = [OKTYABRSKY, LENINSKY, BERDSK, TVERSKOY, ZELENOGRAD, SVETLANSKY].map((o) => o.name);
    await waitFor(() => expect(names([...root.querySelectorAll<HTMLElement>('li.office')])).toEqual(nearest));
    await expect(lastSearch()).toEqual({ near: '55.04150,82.93460' });
    const sorted = await listed(el, 6);
    await expect(sorted.map((li) => text(li.querySelector('.distance')))).toEqual([
      '· 1,6 км от вас',
      '· 4,8 км от вас',
      '· 33 км от вас',
      '· 2 812 км от вас',
      '· 2 830 км от вас',
      '· 3 714 км от вас',
    ]);
    await waitFor(() => expect(text($(root, '[role=status][aria-live]'))).toBe('Найдено 6 офисов. Сначала ближайшие к вам.'));
  },
};

/**
 * «На карте»: the map (a module of its own, loaded now) shows every office listed as a marker
 * button; with no tile server configured it says that only the markers are shown. The list
 * stays under it.
 */
export const Map: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    const root = el.shadowRoot!;
    await listed(el, 6);
    button(root, 'На карте').click();
    const map = await waitFor(() => {
      const found = root.querySelector('gs-office-map');
      expect(found?.shadowRoot?.querySelectorAll('.marker')).toHaveLength(6);
      return found!;
    });
    await expect(button(root, 'На карте').getAttribute('aria-pressed')).toBe('true');
    await expect(button(root, 'Списком').getAttribute('aria-pressed')).toBe('false');
    const mapRoot = map.shadowRoot!;
    await expect($(mapRoot, '[part=map]').getAttribute('aria-label')).toBe('Карта офисов');
    await expect([...mapRoot.querySelectorAll('.marker')].map((m) => text(m))).toEqual(
      [LENINSKY, OKTYABRSKY, SVETLANSKY, BERDSK, ZELENOGRAD, TVERSKOY].map((o) => `${o.name}, ${o.address}`),
    );
    await waitFor(() => expect(text($(mapRoot, '.note'))).toBe('Подложка карты недоступна: показаны только отметки офисов.'));
    await expect(text($(mapRoot, '.hint'))).toBe('Выберите отметку, чтобы открыть карточку офиса.');
    await expect(mapRoot.querySelectorAll('img')).toHaveLength(0);
    await expect(root.querySelectorAll('li.office')).toHaveLength(6);
  },
};

// ---------------------------------------------------------------------------------------------
// An office

/**
 * «Подробнее» on «Ленинский» (Novosibirsk): its card with the heading focused — open until 19:00
 * GMT+7, the week's schedule, today's load by hour (bars and text), services; «Паспорт
 * гражданина РФ» chosen on the card lists the documents to bring; accessibility and routes.
 */
export const Card: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await catalogueLoaded(el);
    const card = await openCard(el, LENINSKY);
    const root = card.shadowRoot!;
    await expect(text($(root, 'h3'))).toBe(LENINSKY.name);
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect(text($(root, '.state'))).toBe('Сейчас открыто, до 19:00 GMT+7');
    await expect(text(root)).toContain('Обычно больше всего посетителей: 10:00–12:00 (GMT+7).');
    await expect([...root.querySelectorAll('.schedule tr')].map((tr) => [...tr.children].map((cell) => text(cell)).join(' '))).toEqual(['Пн–Пт 09:00–19:00', 'Сб 10:00–15:00', 'Вс выходной']);
    const chart = [...root.querySelectorAll('.chart li')].map((li) => text(li));
    await expect(chart).toHaveLength(10);
    await expect(chart[0]).toBe('09:00–10:00 26 %, Загруженность низкая');
    await expect(chart[2]).toBe('11:00–12:00 45 %, Загруженность средняя');
    await expect(text(root)).toContain('Выберите услугу, чтобы увидеть список документов.');
    choose(root, 'card-service', 'passport');
    await card.updateComplete;
    await expect(text($(root, '.documents').previousElementSibling)).toBe('Что взять с собой: Паспорт гражданина РФ');
    await expect([...root.querySelectorAll('.documents li')].map((li) => text(li))).toEqual(PASSPORT_DOCUMENTS);
    await expect(text(root)).toContain('Вход со ступеньками. Кнопка вызова сотрудника у входа');
  },
};
export const CardDark: Story = dark(Card);
export const CardHighContrast: Story = highContrast(Card);

// ---------------------------------------------------------------------------------------------
// Booking a visit

/**
 * «Записаться на приём» on the card with no service chosen: step 1 of 3 «Услуга» lists the
 * services of the office; «Далее» with none chosen says what is missing and moves focus to the
 * first choice.
 */
export const BookingService: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await catalogueLoaded(el);
    const booking = await startBooking(el, LENINSKY);
    const root = booking.shadowRoot!;
    await expect(text($(root, 'h3'))).toBe(`Запись на приём: ${LENINSKY.name}`);
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect(text($(root, 'p.hint'))).toBe('Шаг 1 из 3');
    await expect([...root.querySelectorAll('input[name=service]')].map((input) => text(input.closest('label')))).toEqual([
      'Паспорт гражданина РФ',
      'СНИЛС',
      'Регистрация по месту жительства',
    ]);
    button(root, 'Далее').click();
    await booking.updateComplete;
    await expect(text($(root, '.error[role=alert]'))).toBe('Ошибка: Выберите услугу');
    await waitFor(() => expect(deepActiveElement()).toBe($(root, '#service-0')));
    await expect(officeRequests.some((r) => r.url.pathname.endsWith('/slots'))).toBe(false);
  },
};

/**
 * Step 2 «Дата и время»: the days with free times in the next two weeks and the free times of
 * the first (today from 17:00, an hour ahead), in the office's zone; the citizen picks Tuesday,
 * then 10:15.
 */
export const BookingTime: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await catalogueLoaded(el);
    const booking = await startBooking(el, LENINSKY);
    const root = booking.shadowRoot!;
    await toTimes(booking);
    await expect(text($(root, 'p.hint'))).toBe('Шаг 2 из 3');
    await expect(text($(root, '.times legend'))).toBe('Время (GMT+7)');
    await expect(days(booking).slice(0, 3)).toEqual(['пн, 16 марта', 'вт, 17 марта', 'ср, 18 марта']);
    await expect(days(booking)).toHaveLength(officeSlots(LENINSKY).days.length);
    await expect(times(booking)).toEqual(['17:00', '17:15', '17:30', '17:45', '18:00', '18:30', '18:45']);
    choose(root, 'day', TUESDAY);
    await waitFor(() => expect(times(booking)[0]).toBe('09:15'));
    click(root, `input[name=slot][value="${TUESDAY_10_15.start}"]`);
    await booking.updateComplete;
    await expect(text($(root, 'input[name=slot]:checked').closest('label'))).toBe('10:15');
    await expect(officeRequests.filter((r) => r.url.pathname.endsWith('/slots')).map((r) => r.url.search)).toEqual([
      '?service=passport',
      `?service=passport&date=${TUESDAY}`,
    ]);
  },
};

/**
 * Step 3 «Контактные данные», «Записаться» pressed with no name, a phone that is not a Russian
 * number and no consent: the error summary (focused) lists each problem, each field shows its
 * own; nothing is sent.
 */
export const BookingContacts: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await catalogueLoaded(el);
    const booking = await startBooking(el, LENINSKY, 'passport');
    const root = booking.shadowRoot!;
    button(root, 'Далее').click();
    await waitFor(() => expect(root.querySelector('input[name=slot]')).toBeTruthy());
    await toContacts(booking, TUESDAY_10_15.start, TUESDAY);
    await expect(text($(root, 'p.hint'))).toBe('Шаг 3 из 3');
    await expect(text($(root, 'form .hint'))).toBe('завтра, 10:15–10:30 GMT+7');
    typeInto(root, 'phone', '8 912 345');
    await booking.updateComplete;
    button(root, 'Записаться').click();
    const summary = await waitFor(() => $(root, 'gs-error-summary'));
    await waitFor(() => expect(root.activeElement).toBe(summary));
    await expect(text(summary.shadowRoot!.querySelector('h3'))).toBe('Есть проблема');
    await expect([...summary.shadowRoot!.querySelectorAll('a')].map((a) => text(a))).toEqual([
      'Введите фамилию, имя и отчество',
      'Телефон: Укажите российский номер: +7 и 10 цифр, например +7 912 345-67-89',
      'Подтвердите согласие на обработку персональных данных',
    ]);
    await expect(text($(root, '#name-error'))).toBe('Ошибка: Введите фамилию, имя и отчество');
    await expect(root.querySelectorAll('[aria-invalid="true"]')).toHaveLength(3);
    await expect(officeRequests.filter((r) => r.method === 'POST')).toHaveLength(0);
  },
};

/** The next free time of «Ленинский» after Tuesday 10:15: 10:45 there. */
const TUESDAY_10_45 = { ...officeSlot(LENINSKY, 1, '10:45'), free: 2 };

/**
 * Someone took the last place of Tuesday 10:15 meanwhile (409 with the next free slot): the
 * booking says so and offers «Записаться на завтра, 10:45–11:00 GMT+7»; what was typed stays.
 */
export const BookingSlotTaken: Story = {
  beforeEach: () => officeBackend({ 'POST /bookings': () => visitSlotTaken(TUESDAY_10_45) }),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await catalogueLoaded(el);
    const booking = await book(el);
    const root = booking.shadowRoot!;
    const problem = await waitFor(() => $(root, '.problem[role=alert]'));
    await expect(text(problem.querySelector('p'))).toBe('Это время только что заняли. Ближайшее свободное: завтра, 10:45–11:00 GMT+7.');
    await expect(text(problem.querySelector('button'))).toBe('Записаться на завтра, 10:45–11:00 GMT+7');
    await expect($<HTMLInputElement>(root, '#name').value).toBe(VISITOR.name);
    const post = officeRequests.find((r) => r.method === 'POST')!;
    await expect(post.body).toEqual({ service: 'passport', slotStart: TUESDAY_10_15.start, name: VISITOR.name, phone: '+7 (912) 345-67-89', consent: true });
  },
};

/**
 * Booked (`POST /offices/nsk-leninsky/bookings`, 201, with an idempotency key): «Вы записаны»
 * (focused), the booking number, when (in the office's zone), where, the service, the documents
 * to bring, the 15-minute lateness rule, «Добавить в календарь (.ics)» and «Отменить запись».
 */
export const Confirmation: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await catalogueLoaded(el);
    const submitted: string[] = [];
    const record = (event: GsSubmitEvent) => submitted.push(`${event.form} ${event.requestNumber}`);
    el.addEventListener('gs-submit', record);
    const booking = await book(el);
    const root = booking.shadowRoot!;
    await waitFor(() => expect(text($(root, 'h3'))).toBe('Вы записаны'));
    el.removeEventListener('gs-submit', record);
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect([...root.querySelectorAll('dl > div')].map((row) => [...row.children].map((cell) => text(cell)).join(' '))).toEqual([
      `Номер записи ${BOOKED_VISIT}`,
      'Когда завтра, 10:15–10:30 GMT+7',
      `Куда ${LENINSKY.name}, ${LENINSKY.address}, ${LENINSKY.phone}`,
      'Услуга Паспорт гражданина РФ',
    ]);
    await expect([...root.querySelectorAll('.documents li')].map((li) => text(li))).toEqual(PASSPORT_DOCUMENTS);
    await expect(text(root)).toContain('При опоздании более чем на 15 минут запись может быть отменена.');
    const ics = $<HTMLAnchorElement>(root, 'a.ics');
    await expect(text(ics)).toBe('Добавить в календарь (.ics)');
    await expect(ics.href).toMatch(/^blob:/);
    await expect(ics.download).toBe(`${BOOKED_VISIT}.ics`);
    await expect(submitted).toEqual([`booking ${BOOKED_VISIT}`]);
    const posts = officeRequests.filter((r) => r.method === 'POST');
    await expect(posts).toHaveLength(1);
    await expect(posts[0]!.url.pathname).toBe(`/offices/${LENINSKY.id}/bookings`);
    await expect(posts[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  },
};
export const ConfirmationDark: Story = dark(Confirmation);
export const ConfirmationHighContrast: Story = highContrast(Confirmation);

/** «Отменить запись» on the confirmation (`POST /bookings/V-2026-000045/cancel` with the phone): «Запись отменена.» */
export const Cancelled: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await catalogueLoaded(el);
    const booking = await book(el);
    const root = booking.shadowRoot!;
    await waitFor(() => expect(text($(root, 'h3'))).toBe('Вы записаны'));
    button(root, 'Отменить запись').click();
    // The heading says it (and takes focus): no second, repeated status line.
    await waitFor(() => expect(text($(root, 'h3'))).toBe('Запись отменена.'));
    await expect(root.querySelector('.notice[role=status]')).toBeNull();
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect(text($(root, 'dl'))).toContain(BOOKED_VISIT);
    await expect(root.querySelector('.documents')).toBeNull();
    await expect(root.querySelector('a.ics')).toBeNull();
    const cancel = officeRequests.find((r) => r.url.pathname.endsWith('/cancel'))!;
    await expect(cancel.url.pathname).toBe(`/bookings/${BOOKED_VISIT}/cancel`);
    await expect(cancel.body).toEqual({ phone: VISITOR.phone.normalized });
  },
};

/**
 * «Отменить запись» under the list: the cancel form (heading focused) asks for the booking
 * number and the phone given when booking; the citizen types them.
 */
export const CancelForm: Story = {
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await listed(el, 6);
    click(el.shadowRoot!, '.manage button');
    const booking = await waitFor(() => {
      const found = el.shadowRoot!.querySelector<GsOfficeBooking>('gs-office-booking');
      expect(found?.shadowRoot?.querySelector('form')).toBeTruthy();
      return found!;
    });
    const root = booking.shadowRoot!;
    await expect(text($(root, 'h3'))).toBe('Отменить запись');
    await waitFor(() => expect(deepActiveElement()).toBe($(root, 'h3')));
    await expect(text($(root, 'p.hint'))).toBe('Нужны номер записи и телефон, указанный при записи.');
    await expect(text($(root, 'label[for=number]'))).toBe('Номер записи');
    await expect(text($(root, 'label[for=phone]'))).toBe('Телефон');
    typeInto(root, 'number', BOOKED_VISIT.toLowerCase());
    typeInto(root, 'phone', VISITOR.phone.typed);
    await booking.updateComplete;
    await expect($<HTMLInputElement>(root, '#number').value).toBe(BOOKED_VISIT.toLowerCase());
    await expect(text($(root, 'button[type=submit]'))).toBe('Отменить запись');
    await expect(officeRequests.filter((r) => r.method === 'POST')).toHaveLength(0);
  },
};

// ---------------------------------------------------------------------------------------------
// English

/** The finder in English (`locale="en"`): the filters, the list, the states in each zone and the load. */
export const English: Story = {
  args: { locale: 'en' },
  beforeEach: () => officeBackend(),
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    const root = el.shadowRoot!;
    const items = await listed(el, 6);
    await catalogueLoaded(el);
    await expect(text($(root, '.intro'))).toBe('Find the nearest «My Documents» office: opening hours, how busy it is, a route and booking a visit.');
    await expect(text($(root, 'label[for=region]'))).toBe('Region');
    await expect(text($(root, '.count'))).toBe('6 offices found.');
    await expect(text(itemOf(items, TVERSKOY).querySelector('.state'))).toBe('Open now, until 20:00 MSK');
    await expect(text(itemOf(items, TVERSKOY).querySelector('.load'))).toBe('Very busy, about 45 minutes wait');
    await expect(text(itemOf(items, SVETLANSKY).querySelector('.state'))).toBe('Closed now, opens tomorrow at 08:00 GMT+10');
    await expect([...$<HTMLSelectElement>(root, '#service').options].map((o) => text(o))).toEqual([
      'Any service',
      'Russian passport',
      'SNILS (insurance number)',
      'Registration at a place of residence',
      'Replacing a driving licence',
    ]);
    await expect(button(root, `Details ${LENINSKY.name}`)).toBeTruthy();
  },
};
