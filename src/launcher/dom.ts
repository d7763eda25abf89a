/** An element with attributes and children, built without markup (no innerHTML: Trusted Types and CSP stay happy). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** The launcher's «?» icon (decorative), as in the panel's icons. */
export function helpIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  for (const [name, value] of Object.entries({ width: '24', height: '24', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' })) svg.setAttribute(name, value);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 15.5a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Zm1.3-5.1c-.6.35-.8.6-.8 1.1v.5h-1.9v-.6c0-1.2.6-1.9 1.5-2.4.7-.4 1-.7 1-1.3 0-.7-.6-1.2-1.3-1.2-.8 0-1.4.5-1.5 1.3L8.4 9.5C8.6 7.5 10.1 6.3 12 6.3c2 0 3.4 1.2 3.4 3 0 1.3-.8 2.2-2.1 3.1Z',
  );
  svg.append(path);
  return svg;
}
