import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { GsHomeView } from '../src/panel/home-view.js';
import { CHANNELS, LOCALES, type ChannelId, type Locale, type WidgetConfigInput } from '../src/protocol/config.js';
import { CLOCKS, padded, usePageConfig, withFixedClock, type ClockName } from './support/fixtures.js';

interface Args {
  intro: string;
  available: ChannelId[];
  locale: Locale;
  /** Not used by the stories: they need no backend. */
  backend?: string;
  time: ClockName;
  onGsNavigate?: (event: Event) => void;
}

/**
 * The panel's start page standalone: channels from the page's config (the demo config, set on
 * the page store's `api` layer for each story): those listed in `available` as entries, the other
 * enabled ones named in one «Скоро появится» line (not offered), then the contacts card. "Now"
 * is fixed by a clock provider around it.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-home-view',
  component: 'gs-home-view',
  decorators: [padded],
  beforeEach: ({ parameters }) => usePageConfig(parameters.pageConfig as WidgetConfigInput | undefined),
  args: {
    intro: 'Выберите, как вам удобнее получить помощь.',
    available: ['request', 'status', 'callback', 'offices'],
    locale: 'ru',
    time: 'Mon 12:00 MSK',
  },
  argTypes: {
    available: { control: 'check', options: CHANNELS },
    locale: { control: 'inline-radio', options: LOCALES },
    time: {
      description: 'The fixed "now" of the clock provider around the view.',
      control: 'select',
      options: Object.keys(CLOCKS),
      table: { category: 'story' },
    },
    backend: { control: false },
  },
  render: (args) => {
    const view = document.createElement('gs-home-view') as GsHomeView;
    view.intro = args.intro;
    view.available = args.available;
    view.locale = args.locale;
    if (typeof args.onGsNavigate === 'function') view.addEventListener('gs-navigate', args.onGsNavigate);
    return withFixedClock(view, CLOCKS[args.time]);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Every channel but the chat: the chat is named as coming, not offered, and its hours are not given. */
export const AllButChat: Story = {};

/** Only two channels built: the others are named in the «Скоро появится» line. */
export const SomeAvailable: Story = { args: { available: ['request', 'status'] } };

/** Every channel built, the chat too: it shows whether it is open now, and the contacts give its hours. */
export const AllAvailable: Story = { args: { available: ['chat', 'request', 'status', 'callback', 'offices'] } };

/** Chat and callback show whether they are open now; here, late in the evening. */
export const LateEvening: Story = { args: { time: 'Mon 22:30 MSK', available: ['chat', 'request', 'status', 'callback', 'offices'] } };

export const English: Story = { args: { locale: 'en', intro: 'Choose how you would like to get help.' } };

/** A site that only enables two channels and has no contacts: no card. */
export const TwoChannelsNoContacts: Story = {
  parameters: {
    pageConfig: {
      channels: { request: { enabled: false }, status: { enabled: false }, offices: { enabled: false } },
      contacts: { phones: [], emails: [], messengers: [] },
    } satisfies WidgetConfigInput,
  },
};
