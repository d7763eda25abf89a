import { expect } from '@open-wc/testing';
import { avoidFocus } from '../../src/shared/launcher-avoidance.js';

// The pure arithmetic shared by the launcher and the Lit widget's controller. Viewport 800 wide;
// the launcher 120×56 at the bottom right (24 px from the edges of a 600 px high viewport).
const launcher = { left: 656, right: 776, top: 520, bottom: 576 };
const none = { lift: 0, flip: false };

describe('avoidFocus', () => {
  it('stays when nothing is focused, the element is empty, or it is elsewhere', () => {
    expect(avoidFocus(launcher, null, none, 800)).to.deep.equal(none);
    expect(avoidFocus(launcher, { left: 700, right: 700, top: 550, bottom: 550 }, none, 800)).to.deep.equal(none);
    expect(avoidFocus(launcher, { left: 0, right: 100, top: 0, bottom: 40 }, none, 800)).to.deep.equal(none);
  });

  it('moves to the other side when that side is free', () => {
    expect(avoidFocus(launcher, { left: 660, right: 780, top: 530, bottom: 580 }, none, 800)).to.deep.equal({ lift: 0, flip: true });
  });

  it('lifts above the element when both sides are taken', () => {
    expect(avoidFocus(launcher, { left: 0, right: 800, top: 550, bottom: 590 }, none, 800)).to.deep.equal({ lift: 576 - 550 + 8, flip: false });
  });

  it('judges from where the launcher would be without the current avoidance', () => {
    // Flipped to the left already: its rect is on the left, the element still on the right.
    const flipped = { left: 24, right: 144, top: 520, bottom: 576 };
    expect(avoidFocus(flipped, { left: 660, right: 780, top: 530, bottom: 580 }, { lift: 0, flip: true }, 800)).to.deep.equal({ lift: 0, flip: true });
    // Lifted by 34: at home it would still overlap the element.
    const lifted = { left: 656, right: 776, top: 486, bottom: 542 };
    expect(avoidFocus(lifted, { left: 0, right: 800, top: 550, bottom: 590 }, { lift: 34, flip: false }, 800)).to.deep.equal({ lift: 34, flip: false });
    // The element went away from under it: back home.
    expect(avoidFocus(lifted, { left: 0, right: 100, top: 0, bottom: 40 }, { lift: 34, flip: false }, 800)).to.deep.equal(none);
  });
});
