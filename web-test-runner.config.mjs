// Component, controller and unit tests in real Chromium (Debian's, or CHROME_PATH).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countReporter } from './scripts/wtr-count-reporter.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**'],
  nodeResolve: { browser: true, exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
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
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  reporters: [process.env.CI ? summaryReporter({ flatten: true }) : defaultReporter(), countReporter(process.env.WTR_RESULTS_FILE)],
};
