import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { GsComingSoon } from '../src/panel/coming-soon.js';
import { CHANNELS, LOCALES, type ChannelId, type Locale, type WidgetConfigInput } from '../src/protocol/config.js';
import { CLOCKS, padded, usePageConfig, withFixedClock, type ClockName } from './support/fixtures.js';

interface Args {
  channel: ChannelId;
  locale: Locale;
  /** Not used by the stories: they need no backend. */
  backend?: string;
  time: ClockName;
}

/**
 * The «скоро» view of a channel that is not built yet, standalone: it reads phones and e-mail
 * from the page's config (the demo config on the page store's `api` layer, per story).
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-coming-soon',
  component: 'gs-coming-soon',
  decorators: [padded],
  beforeEach: ({ parameters }) => usePageConfig(parameters.pageConfig as WidgetConfigInput | undefined),
  args: { channel: 'chat', locale: 'ru', time: 'Mon 12:00 MSK' },
  argTypes: {
    channel: { control: 'select', options: CHANNELS },
    locale: { control: 'inline-radio', options: LOCALES },
    time: {
      description: 'The fixed "now" of the clock provider around the view (for the contacts inside).',
      control: 'select',
      options: Object.keys(CLOCKS),
      table: { category: 'story' },
    },
    backend: { control: false },
  },
  render: (args) => {
    const view = document.createElement('gs-coming-soon') as GsComingSoon;
    view.channel = args.channel;
    view.locale = args.locale;
    return withFixedClock(view, CLOCKS[args.time]);
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Chat: Story = {};
export const Request: Story = { args: { channel: 'request' } };
export const Offices: Story = { args: { channel: 'offices', time: 'Mon 22:30 MSK' } };
export const English: Story = { args: { channel: 'callback', locale: 'en' } };

/** No phones or e-mail in config: only the «скоро» text, no contacts. */
export const WithoutContacts: Story = {
  parameters: { pageConfig: { contacts: { phones: [], emails: [], messengers: [] } } satisfies WidgetConfigInput },
};
