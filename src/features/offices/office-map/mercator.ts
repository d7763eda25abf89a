/**
 * Web Mercator (EPSG:3857) as slippy-map tiles use it: a point is kept in normalised world
 * coordinates, x and y in 0…1 from the top-left corner of the world (y grows southwards); at zoom
 * `z` the world is `256 · 2^z` pixels square and tile (x, y) covers 256 of them.
 */

export const TILE_SIZE = 256;
export const MIN_ZOOM = 2;
export const MAX_ZOOM = 18;
/** Fitting never zooms in further than this (one marker, or markers in one street). */
export const FIT_MAX_ZOOM = 16;
/** Web Mercator's latitude limit: the world is square up to here. */
const MAX_LAT = 85.0511287798;

export interface WorldPoint {
  x: number;
  y: number;
}

export const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Pixels across the whole world at `zoom`. */
export const worldSize = (zoom: number) => TILE_SIZE * 2 ** zoom;

/** WGS 84 degrees to normalised world coordinates. */
export function project(lat: number, lon: number): WorldPoint {
  const phi = (clamp(lat, -MAX_LAT, MAX_LAT) * Math.PI) / 180;
  return {
    x: clamp((lon + 180) / 360, 0, 1),
    y: (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2,
  };
}

/**
 * The centre and the largest whole zoom at which every point fits a `width × height` view with
 * `padding` pixels to spare on each side. No points: the whole world at the smallest zoom.
 */
export function fitView(points: WorldPoint[], width: number, height: number, padding: number): { center: WorldPoint; zoom: number } {
  if (!points.length) return { center: { x: 0.5, y: 0.5 }, zoom: MIN_ZOOM };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const center = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  const room = { x: Math.max(1, width - 2 * padding), y: Math.max(1, height - 2 * padding) };
  let zoom = FIT_MAX_ZOOM;
  while (zoom > MIN_ZOOM && ((maxX - minX) * worldSize(zoom) > room.x || (maxY - minY) * worldSize(zoom) > room.y)) zoom--;
  return { center, zoom };
}

/**
 * A tile's URL from a template: `{z}`, `{x}`, `{y}`, and `{s}` (a subdomain a, b or c, the same
 * for a tile every time so the browser cache works). A template without placeholders (a data:
 * URL, say) gives every tile the same image.
 */
export function tileSource(template: string, z: number, x: number, y: number): string {
  const values: Record<string, string> = { z: `${z}`, x: `${x}`, y: `${y}`, s: 'abc'[(x + y) % 3]! };
  return template.replace(/\{([zxys])\}/g, (_, key: string) => values[key]!);
}
