// The size budget: the whole script-tag bundle, gzip, must stay within 50 KB.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 50 * 1024;
const file = 'dist/gov-support-widget.js';
const raw = readFileSync(file);
const gzip = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${file}: ${kb(raw.length)} raw, ${kb(gzip)} gzip; budget ${kb(BUDGET)} gzip (${kb(BUDGET - gzip)} left)`);
if (gzip > BUDGET) {
  console.error(`Size budget exceeded by ${kb(gzip - BUDGET)}`);
  process.exit(1);
}
