import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { hostPageFrame, renderWidget, widgetArgs, widgetArgTypes, type WidgetStoryArgs } from './support/fixtures.js';

/**
 * The theming API: the public `--gs-*` custom properties (documented as @cssprop on
 * gs-support-widget) set on the element by the site, the built-in dark scheme, and the
 * high-contrast mode, which wins over a site's tokens.
 */
const meta: Meta<WidgetStoryArgs> = {
  title: 'Widget/Theming',
  component: 'gs-support-widget',
  decorators: [hostPageFrame],
  parameters: { layout: 'fullscreen' },
  args: widgetArgs,
  argTypes: {
    ...widgetArgTypes,
    '--gs-font-family': { control: 'text' },
    '--gs-font-size': { control: 'text' },
    '--gs-line-height': { control: 'text' },
    '--gs-radius': { control: 'text' },
    '--gs-radius-small': { control: 'text' },
    '--gs-space': { control: 'text' },
    '--gs-shadow': { control: 'text' },
    '--gs-focus-width': { control: 'text' },
  },
  render: renderWidget,
};
export default meta;

type Story = StoryObj<WidgetStoryArgs>;

/** A site's brand: `<gs-support-widget style="--gs-color-primary: #5b2a86; …">`. */
export const BrandColours: Story = {
  args: {
    '--gs-color-primary': '#5b2a86',
    '--gs-color-primary-hover': '#43206a',
    '--gs-color-surface': '#f5f0fa',
    '--gs-color-focus': '#c2410c',
  },
};

/** Squarer, denser: radius, spacing and type scale tokens. */
export const ShapeAndSpacing: Story = {
  args: {
    '--gs-radius': '2px',
    '--gs-radius-small': '2px',
    '--gs-space': '6px',
    '--gs-font-size': '15px',
    '--gs-font-family': 'Georgia, "Times New Roman", serif',
  },
};

/** The launcher alone in the brand colour. */
export const BrandLauncher: Story = {
  args: { view: 'closed', '--gs-color-primary': '#5b2a86', '--gs-color-primary-hover': '#43206a' },
};

/** Site tokens over the dark scheme (set on the element, they win over the built-in dark values). */
export const DarkWithBrand: Story = {
  args: {
    scheme: 'dark',
    '--gs-color-primary': '#f0b35a',
    '--gs-color-primary-hover': '#f6cd8e',
    '--gs-color-on-primary': '#1a1206',
  },
};

/** High-contrast, large-text mode («версия для слабовидящих»): the site's tokens do not apply. */
export const ContrastModeOverridesBrand: Story = {
  args: {
    contrast: true,
    '--gs-color-primary': '#5b2a86',
    '--gs-color-primary-hover': '#43206a',
    '--gs-font-size': '14px',
  },
};

export const ContrastModeLauncher: Story = { args: { view: 'closed', contrast: true } };

export const ContrastModeComingSoon: Story = { args: { view: 'chat', contrast: true, locale: 'en' } };
