import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { loadOfficeMap } from '../../../src/features/offices/office-map/load-office-map.js';
import type { GsOfficeMap, OfficeMapLabels, OfficeMapMarker } from '../../../src/features/offices/office-map/office-map.js';
import type { GsOfficeSelectEvent } from '../../../src/features/offices/office-map/office-select-event.js';
import { deepActiveElement, fixture } from '../../helpers/fixture.js';

// The element is defined by the loader (the first tests), as the finder does it: nothing here
// imports the map module statically.

const labels: OfficeMapLabels = {
  zoomIn: 'Приблизить',
  zoomOut: 'Отдалить',
  mapLabel: 'Карта отделений',
  tilesUnavailable: 'Карта сейчас недоступна: отделения отмечены на пустом фоне.',
  markerHint: 'Выберите отметку, чтобы открыть карточку отделения. Стрелки двигают карту, + и − меняют масштаб.',
};

const moscow: OfficeMapMarker[] = [
  { id: 'mfc-tverskoy', lat: 55.7649, lon: 37.6056, label: 'МФЦ района Тверской, Тверская ул., 7' },
  { id: 'mfc-arbat', lat: 55.7494, lon: 37.5912, label: 'МФЦ района Арбат, Новый Арбат, 36' },
  { id: 'mfc-basmanny', lat: 55.7659, lon: 37.6634, label: 'МФЦ Басманного района, Старая Басманная ул., 16' },
];
const withSaintPetersburg: OfficeMapMarker[] = [...moscow, { id: 'mfc-spb', lat: 59.9343, lon: 30.3351, label: 'МФЦ Центрального района, Невский пр., 48' }];

const STUB_TILES = '/__tiles/{z}/{x}/{y}.png';

async function renderMap(options: { markers?: OfficeMapMarker[]; tileUrl?: string; selected?: string; width?: number } = {}): Promise<GsOfficeMap> {
  const map = await fixture<GsOfficeMap>(html`
    <gs-office-map
      .markers=${options.markers ?? moscow}
      .tileUrl=${options.tileUrl ?? STUB_TILES}
      .selected=${options.selected}
      .labels=${labels}
      .attribution=${'Тайлы: тестовая заглушка'}
    ></gs-office-map>
  `);
  if (options.width) map.parentElement!.style.setProperty('width', `${options.width}px`);
  // A size change reaches the map through its ResizeObserver, after the next frame's layout.
  await nextFrame();
  await nextFrame();
  await map.updateComplete;
  return map;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const region = (map: GsOfficeMap) => map.shadowRoot!.querySelector<HTMLElement>('[role="region"]')!;
const markerButtons = (map: GsOfficeMap) => [...map.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part="marker"]')];
const tiles = (map: GsOfficeMap) => [...map.shadowRoot!.querySelectorAll<HTMLImageElement>('img')];
const tileZooms = (map: GsOfficeMap) => new Set(tiles(map).map((img) => Number(/\/__tiles\/(\d+)\//.exec(img.src)?.[1])));
const note = (map: GsOfficeMap) => map.shadowRoot!.querySelector('[part="note"]')!;
const tilesSettled = (map: GsOfficeMap) => waitUntil(() => tiles(map).length > 0 && tiles(map).every((img) => img.complete), 'tiles did not settle', { timeout: 5000 });

/** Records `gs-office-select` events where the finder would listen (outside the shadow root). */
function selections(): { ids: string[]; stop: () => void } {
  const ids: string[] = [];
  const listener = (event: GsOfficeSelectEvent) => ids.push(event.officeId);
  document.addEventListener('gs-office-select', listener);
  return { ids, stop: () => document.removeEventListener('gs-office-select', listener) };
}

function inside(inner: DOMRect, outer: DOMRect): boolean {
  const cx = inner.left + inner.width / 2;
  const cy = inner.top + inner.height / 2;
  return cx >= outer.left && cx <= outer.right && cy >= outer.top && cy <= outer.bottom;
}

describe('loadOfficeMap', () => {
  it('rejects when the map file cannot be loaded, defines nothing, and tries again next time', async () => {
    const error = await loadOfficeMap(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /office-map.js'))).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).to.be.instanceOf(TypeError);
    expect(customElements.get('gs-office-map')).to.equal(undefined);
    await loadOfficeMap();
    expect(customElements.get('gs-office-map')).to.be.a('function');
  });

  it('resolves in the ES build through import(), and at once when already defined', async () => {
    await loadOfficeMap();
    expect(customElements.get('gs-office-map')).to.be.a('function');
    await loadOfficeMap();
  });

  it('a second copy of the map module defines nothing and throws nothing', async () => {
    const first = customElements.get('gs-office-map');
    // The same source under another URL is a second module instance, like a second copy of the file.
    await import(`../../../src/features/offices/office-map/index.ts?copy=${Date.now()}`);
    expect(customElements.get('gs-office-map')).to.equal(first);
  });
});

describe('gs-office-map', () => {
  before(() => loadOfficeMap());
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('renders the markers as buttons in the given order, named by their labels, reached by Tab in that order', async () => {
    const map = await renderMap({ selected: 'mfc-arbat' });
    const buttons = markerButtons(map);
    expect(buttons.map((b) => b.textContent)).to.deep.equal(moscow.map((m) => m.label));
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false']);
    expect(region(map).getAttribute('aria-label')).to.equal('Карта отделений');
    expect(map.shadowRoot!.getElementById(region(map).getAttribute('aria-describedby')!)!.textContent).to.equal(labels.markerHint);
    expect(map.shadowRoot!.querySelector('[part="attribution"]')!.textContent).to.equal('Тайлы: тестовая заглушка');

    region(map).focus();
    const reached: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      reached.push(active?.getAttribute('aria-label') ?? active?.textContent ?? null);
    }
    expect(reached).to.deep.equal([...moscow.map((m) => m.label), 'Приблизить', 'Отдалить']);
    await tilesSettled(map);
    await expect(map).to.be.accessible();
  });

  it('a click or Enter on a marker fires gs-office-select with its id and presses it', async () => {
    const map = await renderMap();
    const events = selections();
    try {
      markerButtons(map)[1]!.click();
      markerButtons(map)[2]!.focus();
      await sendKeys({ press: 'Enter' });
      expect(events.ids).to.deep.equal(['mfc-arbat', 'mfc-basmanny']);
      expect(map.selected).to.equal('mfc-basmanny');
      expect(markerButtons(map).map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'true']);
    } finally {
      events.stop();
    }
  });

  it('fits the view to the markers: every marker inside, at 600 px and at 320 px', async () => {
    for (const width of [600, 320]) {
      for (const markers of [moscow, withSaintPetersburg]) {
        const map = await renderMap({ markers, width });
        const box = region(map).getBoundingClientRect();
        for (const button of markerButtons(map)) expect(inside(button.getBoundingClientRect(), box), `${button.textContent} at ${width}px`).to.equal(true);
      }
    }
    const city = await renderMap({ markers: moscow });
    const country = await renderMap({ markers: withSaintPetersburg });
    expect(city.zoom).to.be.greaterThan(country.zoom);
  });

  it('+ and − (buttons and keys) change the zoom: the tile URLs carry the new z', async () => {
    const map = await renderMap();
    await tilesSettled(map);
    const start = map.zoom;
    expect([...tileZooms(map)]).to.deep.equal([start]);

    map.shadowRoot!.querySelector<HTMLButtonElement>('[part="zoom-in"]')!.click();
    await map.updateComplete;
    expect(map.zoom).to.equal(start + 1);
    expect([...tileZooms(map)]).to.deep.equal([start + 1]);

    map.shadowRoot!.querySelector<HTMLButtonElement>('[part="zoom-out"]')!.click();
    map.shadowRoot!.querySelector<HTMLButtonElement>('[part="zoom-out"]')!.click();
    await map.updateComplete;
    expect([...tileZooms(map)]).to.deep.equal([start - 1]);

    region(map).focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    await map.updateComplete;
    expect(map.zoom).to.equal(start + 1);
    await sendKeys({ press: '-' });
    await map.updateComplete;
    expect([...tileZooms(map)]).to.deep.equal([start]);
  });

  it('arrow keys, dragging and the wheel move the map', async () => {
    const map = await renderMap();
    const marker = () => markerButtons(map)[0]!.getBoundingClientRect();
    const before = marker();
    region(map).focus();
    await sendKeys({ press: 'ArrowRight' });
    await map.updateComplete;
    expect(before.left - marker().left).to.be.closeTo(96, 1);
    await sendKeys({ press: 'ArrowDown' });
    await map.updateComplete;
    expect(before.top - marker().top).to.be.closeTo(96, 1);

    // Drag from an empty corner of the map, 50 px right and 30 px down.
    const box = region(map).getBoundingClientRect();
    const at = marker();
    await sendMouse({ type: 'move', position: [Math.round(box.left + 10), Math.round(box.bottom - 40)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(box.left + 60), Math.round(box.bottom - 10)] });
    await sendMouse({ type: 'up' });
    await map.updateComplete;
    expect(marker().left - at.left).to.be.closeTo(50, 1);
    expect(marker().top - at.top).to.be.closeTo(30, 1);

    const zoom = map.zoom;
    region(map).dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: box.left + 100, clientY: box.top + 100, bubbles: true, cancelable: true }));
    await map.updateComplete;
    expect(map.zoom).to.equal(zoom + 1);
  });

  it('the same offices passed again (a re-render) keep the view and the focus; new ones are fitted', async () => {
    const map = await renderMap();
    region(map).focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: '+' });
    await map.updateComplete;
    const zoom = map.zoom;
    markerButtons(map)[1]!.focus();
    await map.updateComplete; // focus brings a marker out of view into view
    const at = markerButtons(map)[1]!.getBoundingClientRect();
    expect(inside(at, region(map).getBoundingClientRect())).to.equal(true);
    map.markers = moscow.map((m) => ({ ...m }));
    await map.updateComplete;
    expect(map.zoom).to.equal(zoom);
    expect(deepActiveElement()).to.equal(markerButtons(map)[1]);
    expect(markerButtons(map)[1]!.getBoundingClientRect().left).to.equal(at.left);

    map.markers = withSaintPetersburg;
    await map.updateComplete;
    expect(map.zoom).to.be.lessThan(zoom);
    expect(deepActiveElement()).to.equal(region(map));
  });

  it('with tiles unreachable it says so, and the markers still work', async () => {
    const map = await renderMap({ tileUrl: '/nonexistent/{z}/{x}/{y}.png' });
    await tilesSettled(map);
    await waitUntil(() => note(map).textContent === labels.tilesUnavailable, 'the note did not appear');
    expect(note(map).getAttribute('role')).to.equal('status');
    expect(note(map).getBoundingClientRect().height).to.be.greaterThan(0);
    const events = selections();
    try {
      markerButtons(map)[0]!.click();
      expect(events.ids).to.deep.equal(['mfc-tverskoy']);
    } finally {
      events.stop();
    }
    await expect(map).to.be.accessible();

    // No template at all: the same note; tiles that load hide it.
    map.tileUrl = '';
    await map.updateComplete;
    expect(note(map).textContent).to.equal(labels.tilesUnavailable);
    map.tileUrl = STUB_TILES;
    await map.updateComplete;
    await tilesSettled(map);
    await waitUntil(() => note(map).textContent === '', 'the note stayed');
  });

  it('at 320 px: 44 px targets, everything inside, no violations', async () => {
    await setViewport({ width: 320, height: 640 });
    const map = await renderMap({ selected: 'mfc-tverskoy' });
    await tilesSettled(map);
    const box = region(map).getBoundingClientRect();
    expect(box.width).to.be.at.most(320);
    for (const button of [...markerButtons(map), ...map.shadowRoot!.querySelectorAll('[part^="zoom"]')]) {
      const rect = button.getBoundingClientRect();
      expect(rect.width).to.be.at.least(44);
      expect(rect.height).to.be.at.least(44);
      expect(inside(rect, box)).to.equal(true);
    }
    await expect(map).to.be.accessible();
  });
});
