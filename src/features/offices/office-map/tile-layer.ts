import { TILE_SIZE, tileSource } from './mercator.js';

/**
 * The map's tiles: `<img alt="" aria-hidden>` elements placed with CSS transforms (CSSOM, no
 * inline style text), kept while in view, dropped once out of it. It counts the tiles that loaded
 * and failed for the current template: none loaded and some failed means the tiles are
 * unavailable (no network, blocked host), and `onChange` lets the map say so.
 */
export class TileLayer {
  #template = '';
  #tiles = new Map<string, HTMLImageElement>();
  #counts = { loaded: 0, failed: 0 };

  constructor(
    private readonly container: HTMLElement,
    private readonly onChange: () => void,
  ) {}

  get template(): string {
    return this.#template;
  }
  set template(value: string) {
    this.#template = value;
    this.#drop(() => true);
    this.#counts = { loaded: 0, failed: 0 };
  }

  /** No template, or no tile loaded while some failed. */
  get unavailable(): boolean {
    return !this.#template || (this.#counts.loaded === 0 && this.#counts.failed > 0);
  }

  /** Shows the tiles of zoom `z` covering the view whose top-left is (left, top) in world pixels. */
  render(z: number, left: number, top: number, width: number, height: number): void {
    const keep = new Set<string>();
    const last = 2 ** z - 1;
    const span = (from: number, size: number) => [Math.max(0, Math.floor(from / TILE_SIZE)), Math.min(last, Math.floor((from + size) / TILE_SIZE))];
    const [x0, x1] = span(left, width);
    const [y0, y1] = span(top, height);
    for (let y = y0!; this.#template && y <= y1!; y++) {
      for (let x = x0!; x <= x1!; x++) {
        const key = `${z}/${x}/${y}`;
        const tile = this.#tiles.get(key) ?? this.#add(z, x, y, key);
        tile.style.setProperty('transform', `translate(${Math.round(x * TILE_SIZE - left)}px, ${Math.round(y * TILE_SIZE - top)}px)`);
        keep.add(key);
      }
    }
    this.#drop((key) => !keep.has(key));
  }

  #add(z: number, x: number, y: number, key: string): HTMLImageElement {
    const tile = document.createElement('img');
    tile.className = 'tile';
    tile.alt = '';
    tile.setAttribute('aria-hidden', 'true');
    tile.draggable = false;
    tile.decoding = 'async';
    const counts = this.#counts;
    tile.addEventListener('load', () => {
      tile.classList.add('loaded');
      counts.loaded++;
      this.onChange();
    });
    tile.addEventListener('error', () => {
      counts.failed++;
      this.onChange();
    });
    tile.src = tileSource(this.#template, z, x, y);
    this.#tiles.set(key, tile);
    this.container.append(tile);
    return tile;
  }

  #drop(which: (key: string) => boolean): void {
    for (const [key, tile] of this.#tiles) {
      if (!which(key)) continue;
      tile.remove();
      this.#tiles.delete(key);
    }
  }
}
