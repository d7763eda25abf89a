/**
 * Takes the citizen to a field from the error summary, as GOV.UK's error summary does: its label
 * (or the legend of its group) is brought into view in the scrolling body, then the field takes
 * focus without scrolling again, so the label and the field are both in sight. Only the body
 * moves: the panel's header stays where it is (the panel itself does not scroll: `overflow: clip`).
 */
export function focusField(root: ParentNode, target: HTMLElement | null | undefined): void {
  if (!target) return;
  const label = (target.id ? root.querySelector<HTMLElement>(`label[for="${CSS.escape(target.id)}"]`) : null) ?? target.closest('label');
  const legend = target.closest('fieldset')?.querySelector<HTMLElement>('legend');
  (label ?? legend ?? target).scrollIntoView?.({ block: 'start' });
  target.focus({ preventScroll: true });
}
