// Component, controller and unit tests in real Chromium (Debian's, or CHROME_PATH).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { crc32, deflateSync } from 'node:zlib';
import { countReporter } from './scripts/wtr-count-reporter.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** A stub map tile (256×256 grey PNG with a darker edge) for `/__tiles/{z}/{x}/{y}.png`: no tile server is ever reached. */
const STUB_TILE = (() => {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(256, 0);
  header.writeUInt32BE(256, 4);
  header[8] = 8; // 8-bit greyscale
  const rows = Buffer.alloc(256 * 257);
  for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) rows[y * 257 + 1 + x] = x === 0 || y === 0 ? 0xb4 : 0xee;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
})();

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**'],
  nodeResolve: { browser: true, exportConditions: ['production'] },
  middleware: [
    (ctx, next) => {
      if (!/^\/__tiles\/\d+\/\d+\/\d+\.png$/.test(ctx.path)) return next();
      ctx.type = 'image/png';
      ctx.body = STUB_TILE;
    },
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), a11ySnapshotPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--lang=ru-RU',
        ],
      },
    }),
  ],
  // One page at a time: a page in the background gets no animation frames, and focus and
  // keyboard tests need the foreground.
  concurrency: 1,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 10_000 } },
  reporters: [process.env.CI ? summaryReporter({ flatten: true }) : defaultReporter(), countReporter(process.env.WTR_RESULTS_FILE)],
};
