/**
 * Where the floating launcher goes so that it does not hide the host page's focused element
 * (WCAG 2.4.11 Focus Not Obscured): the same side, the other side, or lifted above the element.
 * Pure arithmetic on rectangles, shared by the Lit widget's controller and the script tag's launcher.
 */

export interface Offset {
  /** Extra lift of the launcher, in px, so it does not cover the focused host element. */
  lift: number;
  /** The launcher moved to the other side. */
  flip: boolean;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Space kept between the lifted launcher and the element under it. */
const GAP = 8;

const overlaps = (a: Rect, b: Rect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The avoidance for a launcher now at `launcher` (its rect with the `current` avoidance applied)
 * and the focused page element at `target` (none, or an empty rect: nothing to avoid), in a
 * viewport `viewportWidth` wide. The other side is tried before lifting.
 */
export function avoidFocus(launcher: Rect, target: Rect | null | undefined, current: Offset, viewportWidth: number): Offset {
  if (!target || (target.right === target.left && target.bottom === target.top)) return { lift: 0, flip: false };
  // The launcher's rect where it would be without any avoidance.
  const width = launcher.right - launcher.left;
  const home: Rect = { left: launcher.left, right: launcher.right, top: launcher.top + current.lift, bottom: launcher.bottom + current.lift };
  if (current.flip) {
    home.left = viewportWidth - launcher.right;
    home.right = home.left + width;
  }
  if (!overlaps(home, target)) return { lift: 0, flip: false };
  const mirrored: Rect = { ...home, left: viewportWidth - home.right, right: viewportWidth - home.right + width };
  if (!overlaps(mirrored, target)) return { lift: 0, flip: true };
  return { lift: Math.max(0, Math.ceil(home.bottom - target.top + GAP)), flip: false };
}
