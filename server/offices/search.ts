import type { OfficeRecord } from './dataset.js';

/**
 * Finding offices (pure): the text match of `q`, the distance from `near`, the name order.
 */

/** Lower case, ё as е, runs of spaces as one: how names, addresses and cities are compared. */
export function foldText(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The words of a search (`q`): split on spaces and punctuation, folded; none for a blank one. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return foldText(q)
    .split(/[\s,.;:!?«»"'()/\\№-]+/)
    .filter(Boolean);
}

/** Every word is found in the office's name or in its address (as a part of a word: «тверск» finds «Тверская»). */
export function matchesWords(office: Pick<OfficeRecord, 'name' | 'address'>, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const name = foldText(office.name);
  const address = foldText(office.address);
  return words.every((word) => name.includes(word) || address.includes(word));
}

/** Mean radius of the Earth (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two WGS 84 points (haversine), in kilometres. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** `near=lat,lon` as a point; undefined when a coordinate is out of range (|lat| ≤ 90, |lon| ≤ 180). */
export function parseNear(near: string): { lat: number; lon: number } | undefined {
  const [lat, lon] = near.split(',').map(Number);
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/** Russian alphabetical order (ё with е, numbers by value). */
export const compareRu = (a: string, b: string): number => collator.compare(a, b);
