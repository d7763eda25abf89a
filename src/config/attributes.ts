import { CHANNELS } from '../protocol/config.js';

/**
 * Reads the script tag's data-* attributes into a config layer. Values are passed on as
 * written (numbers converted) and validated with the rest, so a bad one is reported by path.
 *
 * data-backend, data-locale, data-position (right|left), data-offset-x, data-offset-y,
 * data-theme (auto|light|dark), data-contrast (true|false), data-contrast-colors
 * (black-on-white|white-on-black), data-channels (comma list).
 */
export function configFromDataset(dataset: DOMStringMap): Record<string, unknown> {
  const layer: Record<string, unknown> = {};
  if (dataset.backend !== undefined) layer.backend = dataset.backend.replace(/\/+$/, '');
  if (dataset.locale !== undefined) layer.locale = dataset.locale;
  const position: Record<string, unknown> = {};
  if (dataset.position !== undefined) position.side = dataset.position;
  if (dataset.offsetX !== undefined) position.offsetX = Number(dataset.offsetX);
  if (dataset.offsetY !== undefined) position.offsetY = Number(dataset.offsetY);
  if (Object.keys(position).length) layer.position = position;
  const theme: Record<string, unknown> = {};
  if (dataset.theme !== undefined) theme.scheme = dataset.theme;
  if (dataset.contrast !== undefined) theme.contrast = dataset.contrast === '' || dataset.contrast === 'true';
  if (dataset.contrastColors !== undefined) theme.contrastColors = dataset.contrastColors;
  if (Object.keys(theme).length) layer.theme = theme;
  if (dataset.channels !== undefined) {
    const wanted = new Set(dataset.channels.split(',').map((c) => c.trim()).filter(Boolean));
    // Unknown names are passed on too, so that validation reports them by path.
    const names = new Set<string>([...CHANNELS, ...wanted]);
    layer.channels = Object.fromEntries([...names].map((id) => [id, { enabled: wanted.has(id) }]));
  }
  return layer;
}
