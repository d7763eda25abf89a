import { expect } from '@open-wc/testing';
import type { PanelModule } from '../../src/launcher/bridge.js';
import { panelLoader } from '../../src/launcher/loader.js';

const panel: PanelModule = { attachPanel: () => ({ open() {}, close() {}, toggle() {}, configure() {} }) };

describe('panelLoader', () => {
  it('shares one attempt between callers and keeps the module once loaded', async () => {
    const attempts: number[] = [];
    const load = panelLoader(async (attempt) => (attempts.push(attempt), panel));
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).to.equal(panel);
    expect(b).to.equal(panel);
    expect(await load()).to.equal(panel);
    expect(attempts).to.deep.equal([0]);
  });

  it('tries again after a failure, numbering the attempts (a retry needs its own URL)', async () => {
    const attempts: number[] = [];
    const load = panelLoader((attempt) => {
      attempts.push(attempt);
      if (attempt === 0) return Promise.reject(new Error('offline'));
      if (attempt === 1) throw new Error('no import()');
      return Promise.resolve(panel);
    });
    let errors = 0;
    for (let i = 0; i < 2; i++) await load().catch(() => errors++);
    expect(errors).to.equal(2);
    expect(await load()).to.equal(panel);
    expect(attempts).to.deep.equal([0, 1, 2]);
  });
});
