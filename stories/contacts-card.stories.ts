import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { GsContactsCard } from '../src/panel/contacts-card.js';
import { LOCALES, type Locale } from '../src/protocol/config.js';
import { applyTokens, CLOCKS, padded, usePageConfig, withFixedClock, type ClockName } from './support/fixtures.js';

interface Args {
  compact: boolean;
  headingLevel: number;
  locale: Locale;
  /** Not used by the stories: they need no backend. */
  backend?: string;
  scheme: 'auto' | 'light' | 'dark';
  time: ClockName;
  [cssProperty: `--gs-${string}`]: string | undefined;
}

/**
 * The contacts card standalone, as a page may place it on its own. Standalone elements read
 * the page's config store: each story sets its `api` layer to the demo config and clears it
 * afterwards. "Now" comes from a clock provider around the card (fixed per story).
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-contacts-card',
  component: 'gs-contacts-card',
  decorators: [padded],
  beforeEach: () => usePageConfig(),
  args: { compact: false, headingLevel: 3, locale: 'ru', scheme: 'light', time: 'Mon 12:00 MSK' },
  argTypes: {
    compact: { control: 'boolean' },
    headingLevel: { control: { type: 'number', min: 2, max: 5 } },
    locale: { control: 'inline-radio', options: LOCALES },
    scheme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    time: {
      description: 'The fixed "now" of the clock provider around the card.',
      control: 'select',
      options: Object.keys(CLOCKS),
      table: { category: 'story' },
    },
    backend: { control: false },
  },
  render: (args) => {
    const card = document.createElement('gs-contacts-card') as GsContactsCard;
    card.compact = args.compact;
    card.headingLevel = args.headingLevel;
    card.locale = args.locale;
    card.scheme = args.scheme;
    applyTokens(card, args);
    return withFixedClock(card, CLOCKS[args.time]);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Monday 12:00 Moscow: every line is open («Сейчас открыто, до …»). */
export const OpenNow: Story = {};

/** Monday 22:30 Moscow: the 24/7 line only; the others say when they open. */
export const ClosedInTheEvening: Story = { args: { time: 'Mon 22:30 MSK' } };

/** Sunday: weekday-only lines open on Monday. */
export const DayOff: Story = { args: { time: 'Sun 12:00 MSK' } };

/** Only phones and e-mail (as in the «скоро» views). */
export const Compact: Story = { args: { compact: true } };

export const CompactClosed: Story = { args: { compact: true, time: 'Mon 22:30 MSK' } };

export const English: Story = { args: { locale: 'en' } };

export const Dark: Story = {
  args: { scheme: 'dark' },
  decorators: [(story) => html`<div style="background: #0b0e13; padding: 16px">${story()}</div>`],
};
