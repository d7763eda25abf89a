// Custom Elements Manifest from the elements' JSDoc (@tagname, @summary, @fires, @csspart, @cssprop).
export default {
  globs: ['src/panel/*.ts', 'src/features/**/*.ts', 'src/shared/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/icons.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // Our events are typed classes (`new GsOpenEvent()`); the analyzer cannot read their names
      // from `dispatchEvent` calls, so only the documented `@fires` entries are kept.
      name: 'documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('gs-'));
          }
        }
      },
    },
  ],
};
