/** Defines a custom element once: the embed script may be loaded twice on one page. */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
