/** Resolved by the alias in .storybook/main.ts to the generated Custom Elements Manifest. */
declare module 'virtual:gs-custom-elements.json' {
  const manifest: { schemaVersion: string; modules: unknown[] };
  export default manifest;
}
