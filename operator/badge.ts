import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { StatusDefinition } from '../src/protocol/status.js';

/**
 * A status as a badge: always its label, the colour only as a border and dot beside it.
 * The colour goes in through the CSSOM (style.setProperty), which the strict CSP allows;
 * a style attribute (or styleMap's first render) would be refused.
 */
export function statusBadge(code: string, statuses: readonly StatusDefinition[]) {
  const status = statuses.find((s) => s.code === code);
  const color = status && /^#[0-9a-fA-F]{6}$/.test(status.color) ? status.color : '';
  const paint = (el?: Element) => {
    if (!(el instanceof HTMLElement)) return;
    if (color) el.style.setProperty('--badge-color', color);
    else el.style.removeProperty('--badge-color');
  };
  return html`<span class="badge" data-status=${code} ${ref(paint)}>${status?.label.ru ?? code}</span>`;
}

export function statusLabel(code: string, statuses: readonly StatusDefinition[]): string {
  return statuses.find((s) => s.code === code)?.label.ru ?? code;
}
