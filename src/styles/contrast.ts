/**
 * Colours a site owner gives in config (the status vocabulary's badge colours) checked against
 * the background in force: WCAG 2.2 SC 1.4.11 wants a badge's edge to stand out by 3:1. A colour
 * made for a light page can fail on the dark scheme (#8a5300 on #14181f is about 2.9:1): it is
 * then mixed toward white (on dark) or black (on light) until it passes, and the site owner is
 * told once in the console.
 */

type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)`; anything else is undefined. */
export function parseColour(value: string): Rgb | undefined {
  const text = value.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(text);
  return rgb ? ([rgb[1], rgb[2], rgb[3]].map(Number) as Rgb) : undefined;
}

const luminance = ([r, g, b]: Rgb): number => {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const hex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

export interface StandOut {
  /** The colour to use: the one given, or the nearest mix that stands out enough. */
  colour: string;
  /** The given colour's ratio against the background. */
  ratio: number;
  adjusted: boolean;
}

/** `colour` if it stands out from `background` by `needed`:1, else the least mix toward white or black that does. */
export function standOut(colour: string, background: string, needed = 3): StandOut {
  const fg = parseColour(colour);
  const bg = parseColour(background);
  if (!fg || !bg) return { colour, ratio: 0, adjusted: false };
  const ratio = contrastRatio(fg, bg);
  if (ratio >= needed) return { colour, ratio, adjusted: false };
  const target: Rgb = luminance(bg) < 0.18 ? [255, 255, 255] : [0, 0, 0];
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = fg.map((c, i) => c + (target[i]! - c) * t) as Rgb;
    if (contrastRatio(mixed, bg) >= needed) return { colour: hex(mixed), ratio, adjusted: true };
  }
  return { colour: hex(target), ratio, adjusted: true };
}

const told = new Set<string>();

/** Tells the site owner, once per colour and background, that a config colour was adjusted. */
export function warnAdjusted(what: string, given: string, background: string, result: StandOut): void {
  const key = `${given}|${background}`;
  if (!result.adjusted || told.has(key)) return;
  told.add(key);
  console.warn(
    `gov-support-widget: ${what} ${given} stands out from the background ${background.trim()} by ${result.ratio.toFixed(1)}:1, less than the 3:1 WCAG asks; shown as ${result.colour}. Give a colour that works on this background in the config.`,
  );
}
