import { expect } from '@open-wc/testing';
import { contrastRatio, parseColour, standOut } from '../../src/styles/contrast.js';

describe('config colours against the background in force', () => {
  it('reads #rgb, #rrggbb and rgb() and measures WCAG ratios', () => {
    expect(parseColour('#fff')).to.deep.equal([255, 255, 255]);
    expect(parseColour(' #8a5300')).to.deep.equal([138, 83, 0]);
    expect(parseColour('rgb(20, 24, 31)')).to.deep.equal([20, 24, 31]);
    expect(parseColour('var(--x)')).to.equal(undefined);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).to.be.closeTo(21, 0.01);
  });

  it('keeps a colour that stands out; lightens the backend’s #8a5300 on the dark scheme until it does', () => {
    expect(standOut('#8a5300', '#ffffff')).to.include({ colour: '#8a5300', adjusted: false });
    const dark = standOut('#8a5300', '#14181f');
    expect(dark.adjusted).to.equal(true);
    expect(dark.ratio).to.be.below(3);
    expect(contrastRatio(parseColour(dark.colour)!, parseColour('#14181f')!)).to.be.at.least(3);
    // Dark on light goes darker instead.
    const light = standOut('#dddddd', '#ffffff');
    expect(contrastRatio(parseColour(light.colour)!, [255, 255, 255])).to.be.at.least(3);
  });
});
