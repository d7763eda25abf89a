import { setCustomElementsManifest, type ArgTypesEnhancer, type Preview, type WebComponentsRenderer } from '@storybook/web-components-vite';
// The manifest generated from src/ when Storybook starts (see main.ts: viteFinal's alias).
import manifest from 'virtual:gs-custom-elements.json';
// Defines gs-support-widget, gs-home-view, gs-contacts-card and gs-coming-soon.
import '../src/index.js';

interface Member {
  name?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
}
interface Manifest {
  modules?: { declarations?: { members?: Member[] }[] }[];
}

/**
 * Only the public API goes into the args tables: the analyzer lists private fields and methods
 * too (controllers, state), and Storybook would otherwise offer them as args.
 */
function publicApiOnly(source: Manifest): Manifest {
  return {
    ...source,
    modules: source.modules?.map((mod) => ({
      ...mod,
      declarations: mod.declarations?.map((declaration) => ({
        ...declaration,
        members: declaration.members?.filter(
          (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.static && !member.name?.startsWith('_'),
        ),
      })),
    })),
  };
}

setCustomElementsManifest(publicApiOnly(manifest as Manifest));

/**
 * The manifest's CSS custom properties become string args with a colour or text control (the
 * renderer types them `void`); CSS parts and events are documented, with no control.
 */
const manifestControls: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      if (category === 'css custom properties') {
        return [name, { ...argType, type: { name: 'string' as const }, control: argType.control ?? (name.startsWith('--gs-color-') ? 'color' : 'text') }];
      }
      if (category === 'css shadow parts' || category === 'events' || category === 'slots') return [name, { ...argType, control: false as const }];
      return [name, argType];
    }),
  );

const preview: Preview = {
  parameters: {
    // Every story is checked with axe (shadow DOM included); a violation fails the story's test.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
  argTypesEnhancers: [manifestControls],
};

export default preview;
