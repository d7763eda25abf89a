import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { GsOfficeMap, OfficeMapLabels, OfficeMapMarker } from '../src/features/offices/office-map/office-map.js';
import type { Locale } from '../src/protocol/config.js';
// The map is not in src/index.ts: like the finder, the stories load it on demand.
import { loadOfficeMap } from '../src/features/offices/office-map/load-office-map.js';
import { applyTokens } from './support/fixtures.js';

/** The map's texts as the finder passes them from its catalogue (here: the story's own). */
const LABELS: Record<Locale, OfficeMapLabels> = {
  ru: {
    zoomIn: 'Приблизить',
    zoomOut: 'Отдалить',
    mapLabel: 'Карта отделений',
    tilesUnavailable: 'Карта сейчас недоступна: отделения отмечены на пустом фоне.',
    markerHint: 'Выберите отметку, чтобы открыть карточку отделения. Стрелки двигают карту, + и − меняют масштаб.',
  },
  en: {
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    mapLabel: 'Map of offices',
    tilesUnavailable: 'The map is unavailable right now: offices are marked on a plain background.',
    markerHint: 'Choose a marker to open the office card. Arrow keys move the map, + and − zoom.',
  },
};

const OFFICES = {
  moscow: [
    { id: 'mfc-tverskoy', lat: 55.7649, lon: 37.6056, label: 'МФЦ района Тверской, Тверская ул., 7' },
    { id: 'mfc-arbat', lat: 55.7494, lon: 37.5912, label: 'МФЦ района Арбат, Новый Арбат, 36' },
    { id: 'mfc-basmanny', lat: 55.7659, lon: 37.6634, label: 'МФЦ Басманного района, Старая Басманная ул., 16' },
    { id: 'mfc-zamoskvorechye', lat: 55.7338, lon: 37.6252, label: 'МФЦ района Замоскворечье, Пятницкая ул., 62' },
    { id: 'mfc-presnensky', lat: 55.7606, lon: 37.5616, label: 'МФЦ Пресненского района, Красная Пресня, 36' },
  ],
  'moscow and st petersburg': [
    { id: 'mfc-tverskoy', lat: 55.7649, lon: 37.6056, label: 'МФЦ района Тверской, Москва' },
    { id: 'mfc-arbat', lat: 55.7494, lon: 37.5912, label: 'МФЦ района Арбат, Москва' },
    { id: 'mfc-spb-central', lat: 59.9343, lon: 30.3351, label: 'МФЦ Центрального района, Санкт-Петербург' },
    { id: 'mfc-tver', lat: 56.8587, lon: 35.9176, label: 'МФЦ Твери, Тверь' },
  ],
  'one office': [{ id: 'mfc-kazan', lat: 55.7887, lon: 49.1221, label: 'МФЦ Вахитовского района, Казань' }],
  none: [],
} satisfies Record<string, OfficeMapMarker[]>;

let stubTile: string | undefined;
/**
 * A stub tile drawn once on a canvas (a pale block with streets) as a data: URL: Storybook never
 * asks a tile server. Every tile is the same picture; the map only needs *some* tiles here.
 */
function stubTileUrl(): string {
  if (stubTile) return stubTile;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 256;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#eef0e8';
  g.fillRect(0, 0, 256, 256);
  g.fillStyle = '#d8ead0';
  g.fillRect(150, 24, 80, 60);
  g.strokeStyle = '#ffffff';
  g.lineWidth = 8;
  for (const [x1, y1, x2, y2] of [
    [0, 110, 256, 130],
    [96, 0, 80, 256],
    [0, 220, 256, 200],
    [200, 130, 236, 256],
  ] as const) {
    g.beginPath();
    g.moveTo(x1, y1);
    g.lineTo(x2, y2);
    g.stroke();
  }
  g.strokeStyle = '#cfd4c8';
  g.lineWidth = 1;
  g.strokeRect(0.5, 0.5, 255, 255);
  return (stubTile = canvas.toDataURL('image/png'));
}

const TILES = {
  stub: () => stubTileUrl(),
  // Every tile fails, as with no network (not a 404 path: the smoke check counts the browser's
  // «Failed to load resource» line as an error): a data: URL that is no image.
  unavailable: () => 'data:image/png;base64,bm90IGEgdGlsZQ==',
  'not configured': () => '',
};

interface Args {
  offices: keyof typeof OFFICES;
  selected: string;
  tiles: keyof typeof TILES;
  attribution: string;
  locale: Locale;
  width: number;
  onGsOfficeSelect?: (event: Event) => void;
  [cssProperty: `--gs-${string}`]: string | undefined;
}

/**
 * The office finder's map, standalone: markers are buttons (Tab in list order; click or Enter
 * fires `gs-office-select`), «+»/«−», drag, wheel and arrow keys move it. The finder loads it on
 * demand and passes the tile template and attribution from config, and the texts from its
 * catalogue; here the tiles are a stub drawn on a canvas.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-office-map',
  component: 'gs-office-map',
  loaders: [() => loadOfficeMap()],
  args: { offices: 'moscow', selected: '', tiles: 'stub', attribution: 'Подложка: заглушка Storybook', locale: 'ru', width: 420 },
  argTypes: {
    offices: { control: 'select', options: Object.keys(OFFICES), table: { category: 'story' }, description: 'Which offices are marked.' },
    selected: { control: 'text', description: 'Id of the office whose card is open.' },
    tiles: {
      control: 'inline-radio',
      options: Object.keys(TILES),
      table: { category: 'story' },
      description: '`stub`: a canvas-drawn tile; `unavailable`: every tile fails; `not configured`: no template.',
    },
    locale: { control: 'inline-radio', options: ['ru', 'en'], table: { category: 'story' }, description: 'Which texts the story passes as `labels`.' },
    width: { control: { type: 'range', min: 280, max: 800, step: 10 }, table: { category: 'story' }, description: 'Width of the frame, px.' },
    onGsOfficeSelect: { action: 'gs-office-select', table: { disable: true } },
  },
  decorators: [(story, { args }) => html`<div style="max-width: ${args.width}px; padding: 16px; font: 16px/1.5 system-ui, sans-serif">${story()}</div>`],
  render: (args) => {
    const map = document.createElement('gs-office-map') as GsOfficeMap;
    map.markers = OFFICES[args.offices];
    map.selected = args.selected || undefined;
    map.tileUrl = TILES[args.tiles]();
    map.attribution = args.attribution;
    map.labels = LABELS[args.locale];
    if (args.onGsOfficeSelect) map.addEventListener('gs-office-select', args.onGsOfficeSelect);
    applyTokens(map, args);
    return map;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Five Moscow offices, the view fitted to them. */
export const SeveralOffices: Story = {};

/** The office whose card is open: its marker is pressed and its label shown. */
export const SelectedOffice: Story = { args: { selected: 'mfc-basmanny' } };

/** Tiles unreachable (every request fails): the note, a plain background, markers still work. */
export const TilesUnavailable: Story = { args: { tiles: 'unavailable' } };

/** No tile template configured: the same note. */
export const TilesNotConfigured: Story = { args: { tiles: 'not configured', attribution: '' } };

/** Offices in several cities: the fit zooms out. */
export const SeveralCities: Story = { args: { offices: 'moscow and st petersburg' } };

export const OneOffice: Story = { args: { offices: 'one office', selected: 'mfc-kazan' } };

/** 320 px wide, as on the smallest phones. */
export const Narrow: Story = { args: { width: 320 } };

export const English: Story = { args: { locale: 'en', attribution: 'Tiles: Storybook stub' } };

/** Inside a dark-themed widget the public tokens are inherited; here they are set on the map itself. */
export const DarkTokens: Story = {
  args: {
    selected: 'mfc-arbat',
    '--gs-color-primary': '#8cb4ff',
    '--gs-color-on-primary': '#0b1220',
    '--gs-color-bg': '#14181f',
    '--gs-color-surface': '#1f2530',
    '--gs-color-text': '#eef1f5',
    '--gs-color-text-muted': '#b8c0cc',
    '--gs-color-border': '#7d8896',
    '--gs-color-focus': '#ffb55c',
  },
  decorators: [(story) => html`<div style="background: #14181f">${story()}</div>`],
};
