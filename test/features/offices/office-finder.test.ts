import { expect, html } from '@open-wc/testing';
import { GsOfficeBackEvent } from '../../../src/events/office-events.js';
import type { GsOfficeFinder } from '../../../src/features/offices/office-finder.js';
import { bookingIcs } from '../../../src/features/offices/booking-ics.js';
import { tableText } from '../../../src/features/offices/office-table.js';
import { ru } from '../../../src/features/offices/texts/ru.js';
import '../../../src/features/offices/index.js';
import type { Booking, OfficeCatalogue, OfficeDetail, OfficeSummary } from '../../../src/protocol/offices.js';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { deepActiveElement, fixture, MONDAY_NOON_MSK, settle, text } from '../../helpers/fixture.js';

/** The focused element as `tag#id.class` (a failed check prints this, not the element). */
const focused = () => {
  const el = deepActiveElement();
  return el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing';
};
const nameOf = (el: Element | null | undefined) => (el ? `${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` : 'nothing');


const config = { backend: 'http://backend.test' };
const week = (from: string, to: string, timeZone: string, sat?: [string, string]) => ({
  timeZone,
  mon: [{ from, to }],
  tue: [{ from, to }],
  wed: [{ from, to }],
  thu: [{ from, to }],
  fri: [{ from, to }],
  sat: sat ? [{ from: sat[0], to: sat[1] }] : [],
  sun: [],
});

const CATALOGUE: OfficeCatalogue = {
  demo: true,
  regions: [
    { code: '77', name: 'Москва', cities: ['Москва'] },
    { code: '54', name: 'Новосибирская область', cities: ['Новосибирск', 'Бердск'] },
    { code: '25', name: 'Приморский край', cities: ['Владивосток'] },
  ],
  services: [
    {
      code: 'passport',
      label: { ru: 'Паспорт РФ', en: 'Russian passport' },
      documents: [
        { ru: 'Паспорт гражданина РФ (оригинал и копия)', en: 'Passport (original and copy)' },
        { ru: 'Справка о регистрации по месту жительства (не старше 3 месяцев)', en: 'Registration certificate (not older than 3 months)' },
      ],
    },
    { code: 'snils', label: { ru: 'СНИЛС', en: 'SNILS' }, documents: [{ ru: 'СНИЛС', en: 'SNILS' }] },
  ],
};

const office = (over: Partial<OfficeSummary>): OfficeSummary => ({
  id: 'msk-tverskaya',
  name: 'МФЦ «Тверской»',
  regionCode: '77',
  region: 'Москва',
  city: 'Москва',
  address: 'Москва, ул. Демонстрационная, 1',
  phone: '+7 495 000-00-01',
  lat: 55.7648,
  lon: 37.6053,
  timeZone: 'Europe/Moscow',
  hours: week('08:00', '20:00', 'Europe/Moscow', ['09:00', '17:00']),
  services: ['passport', 'snils'],
  accessibility: { stepFree: true },
  peakHours: [
    { from: '10:00', to: '12:00' },
    { from: '16:00', to: '18:00' },
  ],
  openNow: true,
  load: { level: 'high', waitMinutes: 25 },
  ...over,
});

const MOSCOW = office({});
const NOVOSIBIRSK = office({
  id: 'nsk-lenina',
  name: 'МФЦ «Ленинский»',
  regionCode: '54',
  region: 'Новосибирская область',
  city: 'Новосибирск',
  address: 'Новосибирск, пр. Демонстрационный, 7',
  lat: 55.03,
  lon: 82.92,
  timeZone: 'Asia/Novosibirsk',
  hours: week('09:00', '19:00', 'Asia/Novosibirsk'),
  services: ['passport'],
  accessibility: { stepFree: false },
  load: { level: 'low', waitMinutes: 5 },
});
const VLADIVOSTOK = office({
  id: 'vvo-svetlanskaya',
  name: 'МФЦ «Светланский»',
  regionCode: '25',
  region: 'Приморский край',
  city: 'Владивосток',
  address: 'Владивосток, ул. Демонстрационная, 3',
  lat: 43.115,
  lon: 131.885,
  timeZone: 'Asia/Vladivostok',
  hours: week('08:00', '18:00', 'Asia/Vladivostok'),
  openNow: false,
  load: undefined,
});
const LIST = { total: 3, items: [MOSCOW, NOVOSIBIRSK, VLADIVOSTOK] };
const DETAIL: OfficeDetail = {
  ...NOVOSIBIRSK,
  loadByHour: [
    { hour: 9, level: 'low', percent: 20 },
    { hour: 10, level: 'high', percent: 70 },
  ],
};
const SLOTS = {
  timeZone: 'Asia/Novosibirsk',
  date: '2026-03-17',
  days: ['2026-03-17', '2026-03-18'],
  slots: [
    { start: '2026-03-17T03:00:00.000Z', end: '2026-03-17T03:15:00.000Z', free: 2 },
    { start: '2026-03-17T03:15:00.000Z', end: '2026-03-17T03:30:00.000Z', free: 1 },
  ],
};
const BOOKING: Booking = {
  number: 'V-2026-000001',
  status: 'booked',
  officeId: NOVOSIBIRSK.id,
  officeName: NOVOSIBIRSK.name,
  address: NOVOSIBIRSK.address,
  officePhone: NOVOSIBIRSK.phone,
  timeZone: 'Asia/Novosibirsk',
  service: 'passport',
  start: '2026-03-17T03:15:00.000Z',
  end: '2026-03-17T03:30:00.000Z',
  documents: CATALOGUE.services[0]!.documents,
  lateCancelMinutes: 15,
  createdAt: new Date(MONDAY_NOON_MSK).toISOString(),
};

const root = (el: Element) => el.shadowRoot!;
const wait = async (el: Element) => {
  await new Promise((r) => setTimeout(r, 20));
  await settle(el);
  await settle(el);
};
function backend(over: Record<string, (url: string, init?: RequestInit) => Response> = {}) {
  return fakeFetch((url, init) => {
    const path = new URL(url).pathname;
    const answer = over[`${init?.method ?? 'GET'} ${path}`];
    if (answer) return answer(url, init);
    if (path === '/offices/catalogue') return json(CATALOGUE);
    if (path === '/offices') return json(LIST);
    if (path === `/offices/${NOVOSIBIRSK.id}`) return json(DETAIL);
    if (path === `/offices/${NOVOSIBIRSK.id}/slots`) return json(SLOTS);
    if (path === `/offices/${NOVOSIBIRSK.id}/bookings`) return json(BOOKING, 201);
    if (path === `/bookings/${BOOKING.number}/cancel`) return json({ ...BOOKING, status: 'cancelled' });
    return json({ error: { code: 'not_found', message: 'нет' } }, 404);
  });
}
/** A blob: URL's text, read with XMLHttpRequest (fetch is the fake backend in these tests). */
const blobText = (url: string) =>
  new Promise<string>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.onload = () => resolve(xhr.responseText);
    xhr.onerror = reject;
    xhr.send();
  });
const buttonNamed = (scope: ParentNode, name: string) => [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === name)!;
const inner = (el: Element, tag: string) => root(el).querySelector(tag)!;

describe('gs-office-finder', () => {
  let network: ReturnType<typeof fakeFetch> | undefined;
  const geolocation = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation');
  afterEach(() => {
    network?.restore();
    network = undefined;
    if (geolocation) Object.defineProperty(Navigator.prototype, 'geolocation', geolocation);
  });

  async function mount() {
    const el = await fixture<GsOfficeFinder>(html`<gs-office-finder></gs-office-finder>`, { config });
    await wait(el);
    return el;
  }

  it('lists offices with today’s state in each office’s own time zone, load, access and routes', async () => {
    network = backend();
    const el = await mount();
    const items = [...root(el).querySelectorAll('li.office')];
    expect(items.map((li) => text(li.querySelector('h3')))).to.deep.equal(['МФЦ «Тверской»', 'МФЦ «Ленинский»', 'МФЦ «Светланский»']);
    // Monday 12:00 in Moscow = 16:00 in Novosibirsk = 19:00 in Vladivostok.
    expect(text(items[0]!.querySelector('.state'))).to.equal('Сейчас открыто, до 20:00 МСК');
    expect(text(items[1]!.querySelector('.state'))).to.equal('Сейчас открыто, до 19:00 GMT+7');
    expect(text(items[2]!.querySelector('.state'))).to.equal('Сейчас закрыто, откроется завтра в 08:00 GMT+10');
    expect(text(items[0]!.querySelector('.load'))).to.equal('Загруженность высокая, ожидание около 25 минут');
    expect(text(items[2]!.querySelector('.load'))).to.equal('Сейчас закрыто: загруженность не показываем.');
    expect(text(items[1])).to.contain('Вход со ступеньками');
    expect(text(items[0])).to.contain('Услуги: Паспорт РФ, СНИЛС');
    const routes = [...items[1]!.querySelectorAll<HTMLAnchorElement>('.routes a')].map((a) => a.href);
    expect(routes).to.deep.equal([
      'https://yandex.ru/maps/?rtext=~55.03,82.92&rtt=auto',
      'https://2gis.ru/routeSearch/rsType/car/to/82.92,55.03',
      'https://www.openstreetmap.org/directions?route=%3B55.03%2C82.92',
    ]);
    expect(text(root(el).querySelector('.demo'))).to.equal('Показаны демонстрационные данные: адреса и телефоны не настоящие.');
    await expect(el).to.be.accessible();
  });

  it('searches by region, city, service and text; says when nothing matches', async () => {
    network = backend();
    const el = await mount();
    const region = root(el).querySelector<HTMLSelectElement>('#region')!;
    region.value = '54';
    region.dispatchEvent(new Event('change'));
    await settle(el);
    const city = root(el).querySelector<HTMLSelectElement>('#city')!;
    expect([...city.options].map((o) => o.text)).to.deep.equal(['Все города', 'Новосибирск', 'Бердск']);
    city.value = 'Бердск';
    city.dispatchEvent(new Event('change'));
    const service = root(el).querySelector<HTMLSelectElement>('#service')!;
    service.value = 'snils';
    service.dispatchEvent(new Event('change'));
    const q = root(el).querySelector<HTMLInputElement>('#q')!;
    q.value = ' Ленина ';
    q.dispatchEvent(new Event('input'));
    network.restore();
    network = backend({ 'GET /offices': () => json({ total: 0, items: [] }) });
    root(el).querySelector<HTMLButtonElement>('.search button[type=submit]')!.click();
    await wait(el);
    const url = new URL(network.calls.at(-1)!.url);
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({ region: '54', city: 'Бердск', service: 'snils', q: 'Ленина' });
    expect(text(root(el).querySelector('.count'))).to.equal('Офисов по этим условиям нет. Измените регион, услугу или текст поиска.');
    await expect(el).to.be.accessible();
  });

  it('«Рядом со мной» sorts by distance, and says so clearly when location is refused', async () => {
    network = backend();
    let answer: 'ok' | 'denied' = 'denied';
    Object.defineProperty(Navigator.prototype, 'geolocation', {
      configurable: true,
      get: () => ({
        getCurrentPosition: (ok: PositionCallback, fail: PositionErrorCallback) =>
          answer === 'ok'
            ? ok({ coords: { latitude: 55.0301, longitude: 82.9204 } } as GeolocationPosition)
            : fail({ code: 1, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3, message: 'denied' } as GeolocationPositionError),
      }),
    });
    const el = await mount();
    buttonNamed(root(el), 'Рядом со мной').click();
    await wait(el);
    expect(text(root(el).querySelector('[role=alert]'))).to.equal(
      'Доступ к местоположению не разрешён. Выберите регион и город — или разрешите доступ в настройках браузера.',
    );
    expect(deepActiveElement()).to.equal(root(el).querySelector('#region'));
    await expect(el).to.be.accessible();
    answer = 'ok';
    buttonNamed(root(el), 'Рядом со мной').click();
    await wait(el);
    expect(new URL(network.calls.at(-1)!.url).searchParams.get('near')).to.equal('55.03010,82.92040');
    expect(text(root(el).querySelector('.near .hint'))).to.equal('Сначала ближайшие к вам.');
  });

  it('opens an office card: schedule, load by hour as text, documents for the chosen service, accessibility', async () => {
    network = backend();
    const el = await mount();
    buttonNamed(root(el), 'Подробнее МФЦ «Ленинский»').click();
    await wait(el);
    const card = inner(el, 'gs-office-card');
    await settle(card);
    const r = card.shadowRoot!;
    expect(text(r.querySelector('h3'))).to.equal('МФЦ «Ленинский»');
    expect(deepActiveElement()).to.equal(r.querySelector('h3'));
    expect([...r.querySelectorAll('.schedule tr')].map((tr) => [...tr.children].map((c) => text(c)).join(' '))).to.deep.equal(['Пн–Пт 09:00–19:00', 'Сб–Вс выходной']);
    expect([...r.querySelectorAll('.chart li')].map((li) => text(li))).to.deep.equal([
      '09:00–10:00 20 %, Загруженность низкая',
      '10:00–11:00 70 %, Загруженность высокая',
    ]);
    expect(getComputedStyle(r.querySelector('.chart .bar')!).width).to.not.equal('0px');
    expect(text(r)).to.contain('Выберите услугу, чтобы увидеть список документов.');
    const select = r.querySelector<HTMLSelectElement>('#card-service')!;
    select.value = 'passport';
    select.dispatchEvent(new Event('change'));
    await settle(card);
    expect([...r.querySelectorAll('.documents li')].map((li) => text(li))).to.deep.equal([
      'Паспорт гражданина РФ (оригинал и копия)',
      'Справка о регистрации по месту жительства (не старше 3 месяцев)',
    ]);
    await expect(card).to.be.accessible();
    buttonNamed(r, 'К списку офисов').click();
    await wait(el);
    expect(deepActiveElement()).to.equal(root(el).querySelector(`[data-office="${NOVOSIBIRSK.id}"]`));
  });

  it('books a visit in three steps and confirms it with documents, the 15-minute rule and an .ics file', async () => {
    network = backend();
    const submitted: string[] = [];
    const el = await mount();
    el.addEventListener('gs-submit', (e) => submitted.push(`${e.form} ${e.requestNumber}`));
    buttonNamed(root(el), 'Подробнее МФЦ «Ленинский»').click();
    await wait(el);
    buttonNamed(inner(el, 'gs-office-card').shadowRoot!, 'Записаться на приём').click();
    await wait(el);
    const b = inner(el, 'gs-office-booking');
    const r = b.shadowRoot!;
    buttonNamed(r, 'Далее').click();
    await wait(b);
    expect(text(r.querySelector('.error'))).to.equal('Ошибка: Выберите услугу');
    r.querySelector<HTMLInputElement>('#service-0')!.click();
    buttonNamed(r, 'Далее').click();
    await wait(b);
    expect(network.calls.at(-1)!.url).to.equal(`http://backend.test/offices/${NOVOSIBIRSK.id}/slots?service=passport`);
    expect(text(r.querySelector('.times legend'))).to.equal('Время (GMT+7)');
    expect([...r.querySelectorAll('.times label')].map((l) => text(l))).to.deep.equal(['10:00', '10:15']);
    await expect(b).to.be.accessible();
    r.querySelector<HTMLInputElement>('#slot-1')!.click();
    buttonNamed(r, 'Далее').click();
    await wait(b);
    const fill = (id: string, value: string) => {
      const input = r.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    fill('name', 'Иванова Анна Сергеевна');
    fill('phone', '8 (912) 345-67-89');
    r.querySelector<HTMLInputElement>('#consent')!.click();
    await settle(b);
    await expect(b).to.be.accessible();
    buttonNamed(r, 'Записаться').click();
    await wait(b);
    const post = network.calls.find((c) => c.init?.method === 'POST')!;
    expect(post.url).to.equal(`http://backend.test/offices/${NOVOSIBIRSK.id}/bookings`);
    expect(new Headers(post.init!.headers).get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(String(post.init!.body))).to.deep.equal({ service: 'passport', slotStart: SLOTS.slots[1]!.start, name: 'Иванова Анна Сергеевна', phone: '8 (912) 345-67-89', consent: true });
    expect(submitted).to.deep.equal(['booking V-2026-000001']);
    expect(text(r.querySelector('h3'))).to.equal('Вы записаны');
    expect(text(r.querySelector('dl'))).to.contain('V-2026-000001');
    expect(text(r)).to.contain('При опоздании более чем на 15 минут запись может быть отменена.');
    expect([...r.querySelectorAll('.documents li')].map((li) => text(li))).to.have.length(2);
    const ics = await blobText(r.querySelector<HTMLAnchorElement>('a.ics')!.href);
    expect(ics).to.contain('DTSTART;TZID=Asia/Novosibirsk:20260317T101500\r\n');
    expect(r.querySelector<HTMLAnchorElement>('a.ics')!.download).to.equal('V-2026-000001.ics');
    await expect(b).to.be.accessible();
    buttonNamed(r, 'Отменить запись').click();
    await wait(b);
    expect(JSON.parse(String(network.calls.at(-1)!.init!.body))).to.deep.equal({ phone: '+79123456789' });
    expect(text(r.querySelector('h3'))).to.equal('Запись отменена.');
    expect(deepActiveElement()).to.equal(r.querySelector('h3'));
  });

  it('offers the next free time when the chosen one was taken meanwhile', async () => {
    const next = { start: '2026-03-18T03:00:00.000Z', end: '2026-03-18T03:15:00.000Z', free: 1 };
    network = backend({ [`POST /offices/${NOVOSIBIRSK.id}/bookings`]: () => json({ error: { code: 'conflict', message: 'занято', nextSlot: next } }, 409) });
    const el = await mount();
    buttonNamed(root(el), 'Подробнее МФЦ «Ленинский»').click();
    await wait(el);
    const select = inner(el, 'gs-office-card').shadowRoot!.querySelector<HTMLSelectElement>('#card-service')!;
    select.value = 'passport';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    buttonNamed(inner(el, 'gs-office-card').shadowRoot!, 'Записаться на приём').click();
    await wait(el);
    const b = inner(el, 'gs-office-booking');
    const r = b.shadowRoot!;
    expect(r.querySelector<HTMLInputElement>('#service-0')!.checked, 'the card’s service carried over').to.equal(true);
    buttonNamed(r, 'Далее').click();
    await wait(b);
    r.querySelector<HTMLInputElement>('#slot-0')!.click();
    buttonNamed(r, 'Далее').click();
    await wait(b);
    for (const [id, value] of [
      ['name', 'Иванова Анна'],
      ['phone', '+7 912 345-67-89'],
    ]) {
      const input = r.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    r.querySelector<HTMLInputElement>('#consent')!.click();
    buttonNamed(r, 'Записаться').click();
    await wait(b);
    expect(text(r.querySelector('.problem p'))).to.equal('Это время только что заняли. Ближайшее свободное: ср, 18 марта, 10:00–10:15 GMT+7.');
    await expect(b).to.be.accessible();
  });

  it('forgets a time chosen on another day when the day changes', async () => {
    const WEDNESDAY = { ...SLOTS, date: '2026-03-18', slots: [{ start: '2026-03-18T02:00:00.000Z', end: '2026-03-18T02:15:00.000Z', free: 2 }] };
    network = fakeFetch((url) => {
      const u = new URL(url);
      if (u.pathname === '/offices/catalogue') return json(CATALOGUE);
      if (u.pathname === '/offices') return json(LIST);
      if (u.pathname === `/offices/${NOVOSIBIRSK.id}`) return json(DETAIL);
      return json(u.searchParams.get('date') === '2026-03-18' ? WEDNESDAY : SLOTS);
    });
    const el = await mount();
    buttonNamed(root(el), 'Подробнее МФЦ «Ленинский»').click();
    await wait(el);
    buttonNamed(inner(el, 'gs-office-card').shadowRoot!, 'Записаться на приём').click();
    await wait(el);
    const b = inner(el, 'gs-office-booking');
    const r = b.shadowRoot!;
    r.querySelector<HTMLInputElement>('#service-0')!.click();
    buttonNamed(r, 'Далее').click();
    await wait(b);
    r.querySelector<HTMLInputElement>('#slot-1')!.click();
    const day = r.querySelector<HTMLSelectElement>('#day')!;
    day.value = '2026-03-18';
    day.dispatchEvent(new Event('change'));
    await wait(b);
    expect(r.querySelector('input[name=slot]:checked')).to.equal(null);
    buttonNamed(r, 'Далее').click();
    await wait(b);
    expect(r.querySelector('#name'), 'still on step 2').to.equal(null);
    expect(text(r.querySelector('.error'))).to.equal('Ошибка: Выберите время приёма');
    expect(deepActiveElement()).to.equal(r.querySelector('#slot-0'));
  });

  it('after a failed booking or cancel focus lands on the problem, never on the page; the send button stays focusable meanwhile', async () => {
    let answer: ((r: Response) => void) | undefined;
    network = backend({
      [`POST /offices/${NOVOSIBIRSK.id}/bookings`]: () => new Promise<Response>((resolve) => (answer = resolve)) as unknown as Response,
      'POST /bookings/V-2026-000009/cancel': () => json({ error: { code: 'not_found', message: 'нет' } }, 404),
    });
    const el = await mount();
    buttonNamed(root(el), 'Подробнее МФЦ «Ленинский»').click();
    await wait(el);
    buttonNamed(inner(el, 'gs-office-card').shadowRoot!, 'Записаться на приём').click();
    await wait(el);
    const b = inner(el, 'gs-office-booking');
    const r = b.shadowRoot!;
    r.querySelector<HTMLInputElement>('#service-0')!.click();
    buttonNamed(r, 'Далее').click();
    await wait(b);
    r.querySelector<HTMLInputElement>('#slot-0')!.click();
    buttonNamed(r, 'Далее').click();
    await wait(b);
    buttonNamed(r, 'Записаться').click();
    await wait(b);
    const summary = r.querySelector('gs-error-summary')!;
    expect([...summary.shadowRoot!.querySelectorAll('a')].map((a) => text(a))).to.deep.equal([
      'Введите фамилию, имя и отчество',
      'Введите номер телефона',
      'Подтвердите согласие на обработку персональных данных',
    ]);
    for (const [id, value] of [
      ['name', 'Иванова Анна'],
      ['phone', '+7 912 345-67-89'],
    ]) {
      const input = r.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    r.querySelector<HTMLInputElement>('#consent')!.click();
    await settle(b);
    const send = buttonNamed(r, 'Записаться');
    send.focus();
    send.click();
    await settle(b);
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    expect(send.disabled).to.equal(false);
    expect(focused()).to.equal(nameOf(send));
    answer!(json({ error: { code: 'internal', message: 'x' } }, 500));
    await wait(b);
    expect(focused()).to.equal('div#problem.problem');
    await expect(b).to.be.accessible();

    // The cancel form: what to enter when empty (focus on the first), the problem focused when the pair is wrong.
    b.dispatchEvent(new GsOfficeBackEvent());
    await wait(el);
    buttonNamed(root(el), 'Отменить запись').click();
    await wait(el);
    const c = inner(el, 'gs-office-booking');
    const cr = c.shadowRoot!;
    const cancel = cr.querySelector<HTMLButtonElement>('button[type=submit]')!;
    cancel.focus();
    cancel.click();
    await wait(c);
    expect(text(cr.querySelector('#number-error'))).to.equal('Ошибка: Введите номер записи');
    expect(text(cr.querySelector('#phone-error'))).to.equal('Ошибка: Введите номер телефона');
    expect(focused()).to.equal('input#number');
    await expect(c).to.be.accessible();
    for (const [id, value] of [
      ['number', 'V-2026-000009'],
      ['phone', '+7 912 345-67-89'],
    ]) {
      const input = cr.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    await settle(c);
    cancel.focus();
    cancel.click();
    await wait(c);
    expect(text(cr.querySelector('#problem'))).to.equal('Запись не найдена: проверьте номер и телефон.');
    expect(focused()).to.equal('div#problem.problem');
    await expect(c).to.be.accessible();
  });

  it('cancels a booking by number and phone; a wrong pair gets a clear message', async () => {
    network = backend({ 'POST /bookings/V-2026-000009/cancel': () => json({ error: { code: 'not_found', message: 'нет' } }, 404) });
    const el = await mount();
    buttonNamed(root(el), 'Отменить запись').click();
    await wait(el);
    const b = inner(el, 'gs-office-booking');
    const r = b.shadowRoot!;
    const fill = (id: string, value: string) => {
      const input = r.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    fill('number', 'v-2026-000009');
    fill('phone', '+7 912 345-67-89');
    await settle(b);
    r.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await wait(b);
    expect(text(r.querySelector('[role=alert]'))).to.equal('Запись не найдена: проверьте номер и телефон.');
    await expect(b).to.be.accessible();
    fill('number', 'V-2026-000001');
    r.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await wait(b);
    expect(network.calls.at(-1)!.url).to.equal('http://backend.test/bookings/V-2026-000001/cancel');
    expect(text(r.querySelector('h3'))).to.equal('Запись отменена.');
  });
});

describe('office finder helpers', () => {
  it('writes a valid iCalendar event at the office’s local time', () => {
    const ics = bookingIcs(
      { ...BOOKING, address: 'Новосибирск, пр. Демонстрационный, 7; 2 этаж' },
      { title: 'Приём в «Мои документы»: Паспорт РФ', description: 'Возьмите с собой:\n— паспорт', now: MONDAY_NOON_MSK },
    );
    const lines = ics.split('\r\n');
    expect(lines[0]).to.equal('BEGIN:VCALENDAR');
    expect(lines.at(-1)).to.equal('');
    expect(lines).to.include('DTSTART;TZID=Asia/Novosibirsk:20260317T101500');
    expect(lines).to.include('DTEND;TZID=Asia/Novosibirsk:20260317T103000');
    expect(lines).to.include('TZOFFSETTO:+0700');
    expect(lines).to.include('DTSTAMP:20260316T090000Z');
    expect(lines).to.include('UID:V-2026-000001@gov-support-widget');
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).to.contain('LOCATION:МФЦ «Ленинский»\\, Новосибирск\\, пр. Демонстрационный\\, 7\\; 2 этаж');
    expect(unfolded).to.contain('DESCRIPTION:Возьмите с собой:\\n— паспорт');
    for (const line of lines) expect(new TextEncoder().encode(line).length, line).to.be.at.most(75);
    expect(ics.match(/BEGIN:/g)!.length).to.equal(ics.match(/END:/g)!.length);
  });

  it('copies the list as a tab-separated table with a header', () => {
    expect(tableText([{ name: 'МФЦ', address: 'ул. 1,\tкорп. 2', phone: '+7', hours: 'Пн–Пт 08:00–20:00', load: 'низкая' }], ru)).to.equal(
      'Название\tАдрес\tТелефон\tЧасы работы\tЗагруженность\nМФЦ\tул. 1, корп. 2\t+7\tПн–Пт 08:00–20:00\tнизкая',
    );
  });
});
