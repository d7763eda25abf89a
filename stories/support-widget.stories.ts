import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { hostPageFrame, renderWidget, widgetArgs, widgetArgTypes, type WidgetStoryArgs } from './support/fixtures.js';

type Args = WidgetStoryArgs;

/**
 * The root element over a mock page. Each story gets a fresh ConfigStore with a demo-like config
 * and a fixed clock (Monday 12:00 Moscow unless the `time` arg says otherwise), so «Сейчас открыто»
 * never depends on today's date, and the panel needs no backend.
 */
const meta: Meta<Args> = {
  title: 'Widget/gs-support-widget',
  component: 'gs-support-widget',
  decorators: [hostPageFrame],
  parameters: { layout: 'fullscreen' },
  args: widgetArgs,
  argTypes: widgetArgTypes,
  render: renderWidget,
};
export default meta;

type Story = StoryObj<Args>;

export const LauncherClosed: Story = { args: { view: 'closed' } };
export const LauncherClosedDark: Story = { args: { view: 'closed', scheme: 'dark' } };
export const LauncherClosedHighContrast: Story = { args: { view: 'closed', contrast: true } };

export const PanelHome: Story = { args: { view: 'home' } };
export const PanelHomeDark: Story = { args: { view: 'home', scheme: 'dark' } };
export const PanelHomeHighContrast: Story = { args: { view: 'home', contrast: true } };

/** A channel whose feature is not built yet: the honest «скоро» view with phones and e-mail. */
export const ComingSoonChannel: Story = { args: { view: 'chat' } };
export const ComingSoonChannelDark: Story = { args: { view: 'chat', scheme: 'dark' } };
export const ComingSoonChannelHighContrast: Story = { args: { view: 'chat', contrast: true } };

export const English: Story = { args: { view: 'home', locale: 'en' } };
export const EnglishComingSoon: Story = { args: { view: 'chat', locale: 'en' } };

export const LeftSide: Story = { args: { view: 'home', side: 'left' } };
export const LeftSideClosed: Story = { args: { view: 'closed', side: 'left' } };

/** Late evening: only the 24/7 line is open; chat and the other phone say when they open. */
export const PanelHomeLateEvening: Story = { args: { view: 'home', time: 'Mon 22:30 MSK' } };
