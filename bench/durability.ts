/**
 * What `synchronous = FULL` costs against WAL's default NORMAL (not a test: it prints numbers).
 * Run by `npm run bench:durability`.
 *
 * Two databases opened with the server's own openDatabase (migrations included) in a temp folder
 * on the same disk as the OS temp dir; one is switched back to NORMAL. Each round registers
 * BATCH requests one transaction at a time through the server's request store (the commit that
 * hands a citizen a number), alternating FULL and NORMAL; ROUNDS rounds, medians reported.
 *
 * Env: BENCH_ROUNDS (default 7, at least 5), BENCH_BATCH (default 200).
 * Output: a table on stdout and bench/results/durability-latest.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../server/db.js';
import { createOutboxNotifier } from '../server/notify/notifier.js';
import { parseNumberFormat } from '../server/requests/numbering.js';
import { createRequestStore } from '../server/requests/store.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 7));
const BATCH = Math.max(20, Number(process.env.BENCH_BATCH ?? 200));

const dir = mkdtempSync(join(tmpdir(), 'gs-durability-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function open(name: string, synchronous: 'FULL' | 'NORMAL'): Promise<{ db: Db; register: (i: number) => void }> {
  const { sqlite: db } = await openDatabase(join(dir, `${name}.sqlite`));
  db.pragma(`synchronous = ${synchronous}`);
  const store = createRequestStore(db, parseNumberFormat('{year}-{seq:6}'), createOutboxNotifier());
  let key = 0;
  const register = (i: number) => {
    key++;
    const outcome = store.create(
      {
        type: 'technical',
        fullName: 'Иванова Мария Петровна',
        phone: '+79123456789',
        email: `citizen${i}\u0040example.ru`,
        answerChannel: 'email',
        snils: null,
        inn: null,
        serviceNumber: null,
        description: 'Не открывается страница оплаты госпошлины.',
        incidentDate: null,
        incidentTime: null,
        links: [],
        attachments: [],
        createdAt: Date.now(),
        answerDueAt: Date.now() + 86_400_000,
      },
      'scrypt$bench',
      { keyHash: `${name}-${key}`, bodyHash: 'bench', sealedCode: 'bench' },
    );
    if (outcome.kind !== 'created') throw new Error(`not registered: ${outcome.kind}`);
  };
  return { db, register };
}

const full = await open('full', 'FULL');
const normal = await open('normal', 'NORMAL');
const times: Record<'FULL' | 'NORMAL', number[]> = { FULL: [], NORMAL: [] };
let n = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, target] of round % 2 ? ([['NORMAL', normal], ['FULL', full]] as const) : ([['FULL', full], ['NORMAL', normal]] as const)) {
    const started = performance.now();
    for (let i = 0; i < BATCH; i++) target.register(n++);
    times[label].push((performance.now() - started) / BATCH);
  }
}
full.db.close();
normal.db.close();
rmSync(dir, { recursive: true, force: true });

const perCommit = { FULL: median(times.FULL), NORMAL: median(times.NORMAL) };
console.log(`Registering a request (one transaction), median of ${ROUNDS} rounds of ${BATCH}:`);
console.log(`  synchronous = NORMAL  ${perCommit.NORMAL.toFixed(3)} ms per commit  (${Math.round(1000 / perCommit.NORMAL)} per second)`);
console.log(`  synchronous = FULL    ${perCommit.FULL.toFixed(3)} ms per commit  (${Math.round(1000 / perCommit.FULL)} per second)`);
console.log(`  FULL / NORMAL         ${(perCommit.FULL / perCommit.NORMAL).toFixed(2)}×`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/durability-latest.json'), JSON.stringify({ rounds: ROUNDS, batch: BATCH, perCommitMs: perCommit, samples: times }, null, 2));
