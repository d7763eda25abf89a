import { clamp, fitView, MAX_ZOOM, MIN_ZOOM, project, worldSize, type WorldPoint } from './mercator.js';
import { officeMapStyles } from './office-map.styles.js';
import { GsOfficeSelectEvent } from './office-select-event.js';
import { TileLayer } from './tile-layer.js';

/** One office on the map (WGS 84 degrees); `label` is the marker's accessible name. */
export interface OfficeMapMarker {
  id: string;
  lat: number;
  lon: number;
  label: string;
}

/** The map's own texts: the caller passes them from its typed catalogue (this file has none). */
export interface OfficeMapLabels {
  /** Name of the «+» button («Приблизить»). */
  zoomIn: string;
  /** Name of the «−» button («Отдалить»). */
  zoomOut: string;
  /** Name of the map region («Карта отделений»). */
  mapLabel: string;
  /** Shown above the map when there are no tiles: none configured, or none could be loaded. */
  tilesUnavailable: string;
  /** Under the map: how to use it («Выберите отметку…; стрелки двигают карту, + и − масштаб»). */
  markerHint: string;
}

const NO_LABELS: OfficeMapLabels = { zoomIn: '', zoomOut: '', mapLabel: '', tilesUnavailable: '', markerHint: '' };
/** Pixels an arrow key moves the map. */
const PAN_STEP = 96;
/** Room kept around the markers when fitting: a 44 px marker and the start of its label stay clear of the edges. */
const FIT_PADDING = 56;
/** One wheel gesture sends many events: one zoom step per this many milliseconds. */
const WHEEL_PAUSE_MS = 250;
const PAN_KEYS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

function child<K extends keyof HTMLElementTagNameMap>(parent: Node, tag: K, className: string, part?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (part) el.setAttribute('part', part);
  return parent.appendChild(el);
}

/**
 * The element's shadow root with the shared sheet. Outside the class: the manifest analyzer
 * would list `root.adoptedStyleSheets` as a member.
 */
function shadowRootOf(host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [officeMapStyles()];
  return root;
}

/**
 * A small dependency-free slippy map of offices: tiles from a URL template as `<img>`s, markers
 * as real buttons, drag, wheel and keyboard to move and zoom. The view fits the markers until
 * the citizen moves it. Without reachable tiles it says so and the markers keep working on a
 * plain background. A plain custom element (no Lit): it ships as its own small file.
 *
 * @tagname gs-office-map
 * @summary Map of offices; choosing a marker fires `gs-office-select`.
 *
 * @fires gs-office-select - A marker was chosen (click, Enter, Space); `officeId` is its id.
 *
 * @csspart map - The map region (focusable: arrow keys move it, + and − zoom).
 * @csspart marker - Each office marker (a button).
 * @csspart zoom-in - The «+» button.
 * @csspart zoom-out - The «−» button.
 * @csspart note - The «tiles unavailable» note above the map.
 * @csspart attribution - The tile attribution.
 * @csspart hint - The usage hint under the map.
 *
 * @cssprop --gs-office-map-height - Height of the map (default 360px).
 * @cssprop --gs-office-map-background - Background where there are no tiles (default the surface colour).
 * @cssprop --gs-office-map-marker-color - Marker colour (default the primary colour).
 */
export class GsOfficeMap extends HTMLElement {
  #markers: OfficeMapMarker[] = [];
  #points: WorldPoint[] = [];
  #buttons: HTMLButtonElement[] = [];
  #selected: string | undefined;
  #attribution = '';
  #labels: OfficeMapLabels = NO_LABELS;

  #center: WorldPoint = { x: 0.5, y: 0.5 };
  #zoom = MIN_ZOOM;
  /** Until the citizen moves the map, the view fits the markers (also when the size changes). */
  #followMarkers = true;
  #update: Promise<boolean> | undefined;
  #drag: { pointerId: number; x: number; y: number } | undefined;
  #wheelAt = -Infinity;
  #resizeObserver = new ResizeObserver(() => this.#requestRender());

  readonly #region: HTMLDivElement;
  readonly #tiles: TileLayer;
  readonly #markerLayer: HTMLDivElement;
  readonly #zoomIn: HTMLButtonElement;
  readonly #zoomOut: HTMLButtonElement;
  readonly #note: HTMLParagraphElement;
  readonly #attributionText: HTMLParagraphElement;
  readonly #hint: HTMLParagraphElement;

  constructor() {
    super();
    const root = shadowRootOf(this);
    // Above the map, not over it: a note never covers a marker.
    this.#note = child(root, 'p', 'note', 'note');
    this.#note.setAttribute('role', 'status');
    const region = (this.#region = child(root, 'div', 'region', 'map'));
    region.setAttribute('role', 'region');
    region.setAttribute('aria-describedby', 'hint');
    region.setAttribute('tabindex', '0');
    const tileLayer = child(region, 'div', 'tiles');
    tileLayer.setAttribute('aria-hidden', 'true');
    this.#tiles = new TileLayer(tileLayer, () => this.#showTileState());
    this.#markerLayer = child(region, 'div', 'markers');
    const controls = child(region, 'div', 'controls');
    this.#zoomIn = child(controls, 'button', 'zoom-in', 'zoom-in');
    this.#zoomOut = child(controls, 'button', 'zoom-out', 'zoom-out');
    this.#zoomIn.append('+');
    this.#zoomOut.append('−');
    this.#attributionText = child(region, 'p', 'attribution', 'attribution');
    this.#hint = child(root, 'p', 'hint', 'hint');
    this.#hint.setAttribute('id', 'hint');

    for (const button of [this.#zoomIn, this.#zoomOut]) button.type = 'button';
    this.#zoomIn.addEventListener('click', () => this.#zoomBy(1));
    this.#zoomOut.addEventListener('click', () => this.#zoomBy(-1));
    this.#markerLayer.addEventListener('click', this.#onMarkerClick);
    region.addEventListener('focusin', this.#onFocusIn);
    region.addEventListener('keydown', this.#onKeyDown);
    region.addEventListener('wheel', this.#onWheel, { passive: false });
    region.addEventListener('pointerdown', this.#onPointerDown);
    region.addEventListener('pointermove', this.#onPointerMove);
    region.addEventListener('pointerup', this.#onPointerEnd);
    region.addEventListener('pointercancel', this.#onPointerEnd);
    this.labels = NO_LABELS;
    // Properties a page or the finder set before this file loaded sit on the instance: re-set them.
    for (const name of ['markers', 'selected', 'tileUrl', 'attribution', 'labels'] as const) {
      if (!Object.hasOwn(this, name)) continue;
      const value: unknown = this[name];
      Reflect.deleteProperty(this, name);
      Reflect.set(this, name, value);
    }
  }

  /** The offices to show, in the order the list shows them (also the Tab order). */
  get markers(): OfficeMapMarker[] {
    return this.#markers;
  }
  set markers(value: OfficeMapMarker[]) {
    const markers = (value ?? []).filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lon));
    // The same offices again (a caller's re-render passes a new array): keep the view and focus.
    const same = (m: OfficeMapMarker, i: number) => {
      const old = this.#markers[i];
      return old?.id === m.id && old.lat === m.lat && old.lon === m.lon && old.label === m.label;
    };
    if (markers.length === this.#markers.length && markers.every(same)) return;
    const hadFocus = this.#buttons.includes(this.shadowRoot!.activeElement as HTMLButtonElement);
    this.#markers = markers;
    this.#points = this.#markers.map((m) => project(m.lat, m.lon));
    this.#buttons = this.#markers.map((marker) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'marker';
      button.setAttribute('part', 'marker');
      button.dataset.id = marker.id;
      child(button, 'span', 'pin');
      child(button, 'span', 'label').textContent = marker.label;
      return button;
    });
    this.#markerLayer.replaceChildren(...this.#buttons);
    if (hadFocus) this.#region.focus();
    this.#followMarkers = true;
    this.#showSelected();
    this.#requestRender();
  }

  /** Id of the office whose card is open: its marker is shown pressed and kept in view. */
  get selected(): string | undefined {
    return this.#selected;
  }
  set selected(value: string | undefined) {
    this.#selected = value || undefined;
    this.#showSelected();
    const index = this.#markers.findIndex((m) => m.id === this.#selected);
    if (index >= 0) this.#reveal(index);
  }

  /** Tile URL template with `{z}`, `{x}`, `{y}` and optionally `{s}` (from config; no default host here). */
  get tileUrl(): string {
    return this.#tiles.template;
  }
  set tileUrl(value: string) {
    if ((value ?? '') === this.#tiles.template) return;
    this.#tiles.template = value ?? '';
    this.#requestRender();
  }

  /** Attribution of the tiles, as text (shown in the corner of the map). */
  get attribution(): string {
    return this.#attribution;
  }
  set attribution(value: string) {
    this.#attribution = value ?? '';
    this.#attributionText.textContent = this.#attribution;
  }

  /** The map's own texts, from the caller's catalogue. */
  get labels(): OfficeMapLabels {
    return this.#labels;
  }
  set labels(value: OfficeMapLabels) {
    this.#labels = { ...NO_LABELS, ...value };
    const named: [Element, string][] = [
      [this.#region, this.#labels.mapLabel],
      [this.#zoomIn, this.#labels.zoomIn],
      [this.#zoomOut, this.#labels.zoomOut],
    ];
    for (const [el, name] of named) {
      if (name) el.setAttribute('aria-label', name);
      else el.removeAttribute('aria-label');
    }
    this.#hint.textContent = this.#labels.markerHint;
    this.#requestRender();
  }

  /** The current zoom level (whole numbers, 2–18). */
  get zoom(): number {
    return this.#zoom;
  }

  /** Resolves once pending changes are drawn (like Lit's `updateComplete`). */
  get updateComplete(): Promise<boolean> {
    return this.#update ?? Promise.resolve(true);
  }

  connectedCallback(): void {
    this.#resizeObserver.observe(this.#region);
    this.#requestRender();
  }

  disconnectedCallback(): void {
    this.#resizeObserver.disconnect();
    this.#drag = undefined;
  }

  #requestRender(): void {
    this.#update ??= Promise.resolve().then(() => {
      this.#update = undefined;
      this.#render();
      return true;
    });
  }

  #size() {
    return { width: this.#region.clientWidth, height: this.#region.clientHeight };
  }

  #render(): void {
    const { width, height } = this.#size();
    this.#showTileState();
    if (!width || !height || !this.isConnected) return;
    if (this.#followMarkers) ({ center: this.#center, zoom: this.#zoom } = fitView(this.#points, width, height, FIT_PADDING));
    const scale = worldSize(this.#zoom);
    const left = this.#center.x * scale - width / 2;
    const top = this.#center.y * scale - height / 2;
    this.#tiles.render(this.#zoom, left, top, width, height);
    this.#buttons.forEach((button, i) => {
      const x = Math.round(this.#points[i]!.x * scale - left);
      const y = Math.round(this.#points[i]!.y * scale - top);
      button.style.setProperty('transform', `translate(${x}px, ${y}px)`);
      // Where the label fits: below a marker near the top or under the zoom buttons, leaning
      // inwards near the sides.
      const below = y < 96 || (x > width - 140 && y < 160);
      button.dataset.label = `${below ? 'below' : 'above'} ${x < width / 3 ? 'left' : x > (width * 2) / 3 ? 'right' : 'middle'}`;
    });
    this.#zoomIn.setAttribute('aria-disabled', `${this.#zoom >= MAX_ZOOM}`);
    this.#zoomOut.setAttribute('aria-disabled', `${this.#zoom <= MIN_ZOOM}`);
  }

  /** The note when the map has no tiles: no template, or none loaded and some failed. */
  #showTileState(): void {
    const note = this.#tiles.unavailable ? this.#labels.tilesUnavailable : '';
    if (this.#note.textContent !== note) this.#note.textContent = note;
  }

  #showSelected(): void {
    this.#buttons.forEach((button, i) => button.setAttribute('aria-pressed', `${this.#markers[i]!.id === this.#selected}`));
  }

  /** Centres a marker that is out of view (Tab reached it, or it was selected). */
  #reveal(index: number): void {
    const { width, height } = this.#size();
    const scale = worldSize(this.#zoom);
    const p = this.#points[index]!;
    const x = (p.x - this.#center.x) * scale + width / 2;
    const y = (p.y - this.#center.y) * scale + height / 2;
    const inView = x >= 22 && x <= width - 22 && y >= 22 && y <= height - 22;
    const underControls = x > width - 74 && y < 122;
    if (this.#followMarkers || (inView && !underControls)) return;
    this.#center = { ...p };
    this.#requestRender();
  }

  #panBy(dx: number, dy: number): void {
    const scale = worldSize(this.#zoom);
    this.#center = { x: clamp(this.#center.x + dx / scale, 0, 1), y: clamp(this.#center.y + dy / scale, 0, 1) };
    this.#followMarkers = false;
    this.#requestRender();
  }

  /** Zooms by whole steps, keeping the point under (atX, atY) — the view's centre by default — in place. */
  #zoomBy(delta: number, atX?: number, atY?: number): void {
    const zoom = clamp(this.#zoom + delta, MIN_ZOOM, MAX_ZOOM);
    if (zoom === this.#zoom) return;
    const { width, height } = this.#size();
    const scale = worldSize(this.#zoom);
    const anchor = { x: this.#center.x + ((atX ?? width / 2) - width / 2) / scale, y: this.#center.y + ((atY ?? height / 2) - height / 2) / scale };
    const factor = 2 ** (this.#zoom - zoom);
    this.#center = { x: anchor.x + (this.#center.x - anchor.x) * factor, y: anchor.y + (this.#center.y - anchor.y) * factor };
    this.#zoom = zoom;
    this.#followMarkers = false;
    this.#requestRender();
  }

  #onMarkerClick = (event: MouseEvent) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('.marker');
    const id = button?.dataset.id;
    if (id === undefined) return;
    this.selected = id;
    this.dispatchEvent(new GsOfficeSelectEvent(id));
  };

  #onFocusIn = (event: FocusEvent) => {
    const index = this.#buttons.indexOf(event.target as HTMLButtonElement);
    if (index >= 0) this.#reveal(index);
  };

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const pan = PAN_KEYS[event.key];
    if (pan) this.#panBy(pan[0] * PAN_STEP, pan[1] * PAN_STEP);
    else if (event.key === '+' || event.key === '=') this.#zoomBy(1);
    else if (event.key === '-' || event.key === '_' || event.key === '−') this.#zoomBy(-1);
    else return;
    event.preventDefault();
  };

  #onWheel = (event: WheelEvent) => {
    if (!event.deltaY) return;
    event.preventDefault();
    if (event.timeStamp - this.#wheelAt < WHEEL_PAUSE_MS) return;
    this.#wheelAt = event.timeStamp;
    const rect = this.#region.getBoundingClientRect();
    this.#zoomBy(event.deltaY < 0 ? 1 : -1, event.clientX - rect.left - this.#region.clientLeft, event.clientY - rect.top - this.#region.clientTop);
  };

  #onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0 || (event.target as Element).closest('button')) return;
    this.#drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    try {
      this.#region.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic event's pointer cannot be captured; the drag still works inside the map.
    }
    this.#region.classList.add('dragging');
  };

  #onPointerMove = (event: PointerEvent) => {
    const drag = this.#drag;
    if (drag?.pointerId !== event.pointerId) return;
    this.#panBy(drag.x - event.clientX, drag.y - event.clientY);
    drag.x = event.clientX;
    drag.y = event.clientY;
  };

  #onPointerEnd = (event: PointerEvent) => {
    if (this.#drag?.pointerId !== event.pointerId) return;
    this.#drag = undefined;
    this.#region.classList.remove('dragging');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-office-map': GsOfficeMap;
  }
}
