import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { ROOT, newKey, tempDir, validRequest } from './support.js';

/** A request body of its own (phone, e-mail): the per-phone and per-e-mail limits never meet. */
function distinctRequest(i: number) {
  const digits = String(i).padStart(4, '0');
  return validRequest({ phone: `8 (912) 555-${digits.slice(0, 2)}-${digits.slice(2)}`, email: `citizen${i}@example.ru` });
}

/** The reference backend as `npm start` runs it, on `dbPath`, behind a (pretended) proxy. */
async function startProcess(t: TestContext, dbPath: string, uploadDir: string, env: Record<string, string> = {}): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DB_PATH: dbPath,
      UPLOAD_DIR: uploadDir,
      OPERATOR_TOKEN: 'busy-db-process-operator-token-8e1f5c2a9b7d',
      // Each submission from an address of its own (X-Forwarded-For): the per-IP limit never meets.
      TRUST_PROXY: '1',
      LOG: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server printed no URL in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/Demo site:\s+http:\/\/[^:]+:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
}

describe('two server processes on one SQLite file', () => {
  test('40 concurrent submissions split across them: none is 500, and with the default bound all 201', async (t) => {
    const dir = tempDir(t);
    const dbPath = join(dir, 'db.sqlite');
    // Started at the same moment on a fresh file: both apply (or find applied) the migrations.
    const [a, b] = await Promise.all([startProcess(t, dbPath, join(dir, 'uploads')), startProcess(t, dbPath, join(dir, 'uploads'))]);

    let counter = 0;
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const n = counter++;
          const res = await fetch(`${i % 2 === 0 ? a : b}/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), 'x-forwarded-for': `10.9.${n >> 8}.${n & 255}` },
            body: JSON.stringify(distinctRequest(n)),
          });
          return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown };
        }),
      );
      const statuses = answers.map((x) => x.status);
      assert.ok(!statuses.includes(500), `no 500 in round ${round}: ${JSON.stringify(answers.filter((x) => x.status === 500))}`);
      assert.deepEqual(statuses, Array(40).fill(201), 'within the default bound every submission is registered');
      const numbers = answers.map((x) => (x.body as { number: string }).number);
      assert.equal(new Set(numbers).size, 40, 'each its own number');
    }
  });
});
