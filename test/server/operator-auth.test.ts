// Operator sign-in hardening: the token's strength at start, the Secure cookie behind a proxy,
// and wrong-token lockouts per (client IP, presented token) rather than per IP alone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { messages } from '../../operator/messages.js';
import { ApiError } from '../../src/protocol/error.js';
import { FIXED_NOW, ROOT, startBackend, startSecondBackend, submit, tempDir, testClock, validRequest, type TestBackend } from './support.js';

/** A strong token (32 random bytes, base64url), fixed for the tests. */
const TOKEN = 'j5RuwiWH1frBcUZ4onVoqKowfxfdeEM5JCxyzoiKL9A';
const MINUTE = 60_000;
const IP_A = '203.0.113.10';
const IP_B = '203.0.113.20';

function login(backend: TestBackend, token: string, remoteAddress = IP_A, headers: Record<string, string> = {}) {
  return backend.app.inject({
    method: 'POST',
    url: '/operator/api/session',
    remoteAddress,
    headers,
    payload: { token, operatorName: 'Смирнова Анна' },
  });
}

function bearer(backend: TestBackend, token: string, remoteAddress = IP_A) {
  return backend.app.inject({ method: 'GET', url: '/operator/api/statuses', remoteAddress, headers: { authorization: `Bearer ${token}` } });
}

function setCookie(res: { headers: Record<string, unknown> }): string {
  const header = res.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  assert.equal(typeof value, 'string', 'a Set-Cookie header');
  return value as string;
}

const flags = (cookie: string) => cookie.split('; ').slice(1);

describe('operator token strength', () => {
  const WEAK = [
    'op-secret-token',
    'a'.repeat(40),
    'op-secret-token-op-secret-token-op-secret-token',
    'passwordpasswordpasswordpassword',
    'test-operator-token-0123456789',
    '0123456789abcdef0123456789abcdef', // 32 hex digits: 128 bits at most, the estimate says less
  ];

  test('a weak OPERATOR_TOKEN is refused at build with a message naming the variable, the rule and how to generate one', async (t) => {
    for (const token of WEAK) {
      await assert.rejects(startBackend(t, { now: () => FIXED_NOW, operatorToken: token }), (error: Error) => {
        assert.match(error.message, /OPERATOR_TOKEN/, token);
        assert.match(error.message, /32 characters/, token);
        assert.match(error.message, /128 bits/, token);
        assert.match(error.message, /openssl rand -base64 32/, token);
        assert.match(error.message, /OPERATOR_TOKEN_DEMO=1/, token);
        assert.doesNotMatch(error.message, new RegExp(token.slice(0, 12)), 'the token itself is not in the message');
        return true;
      });
    }
  });

  test('a weak token is accepted with allowWeakOperatorToken (a demo), with a warning in the log', async (t) => {
    const lines: string[] = [];
    const backend = await startBackend(t, {
      now: () => FIXED_NOW,
      operatorToken: 'op-secret-token',
      allowWeakOperatorToken: true,
      logger: { stream: { write: (line) => void lines.push(line) }, level: 'warn' },
    });
    assert.equal((await login(backend, 'op-secret-token')).statusCode, 200);
    const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((entry) => /OPERATOR_TOKEN/.test(entry.msg));
    assert.ok(warning, `a warning about the weak token in ${lines.join('')}`);
    assert.equal(warning.level, 40);
    assert.doesNotMatch(warning.msg, /op-secret-token/, 'the token itself is not logged');
  });

  test('strong tokens are accepted; without OPERATOR_TOKEN the generated one passes the same rule', async (t) => {
    for (const token of [TOKEN, randomBytes(32).toString('base64'), randomBytes(32).toString('hex')]) {
      const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: token });
      assert.equal((await login(backend, token)).statusCode, 200);
    }
    const generated = await startBackend(t, { now: () => FIXED_NOW });
    const again = await startBackend(t, { now: () => FIXED_NOW, operatorToken: generated.operatorToken });
    assert.equal(again.operatorToken, generated.operatorToken);
  });

  test('the server refuses to start with a weak OPERATOR_TOKEN (exit code 1, the reason on stderr)', async (t) => {
    const dir = tempDir(t);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: join(dir, 'db.sqlite'), LOG: '0', OPERATOR_TOKEN: 'op-secret-token' };
    delete env.OPERATOR_TOKEN_DEMO;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 20_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
      // Started anyway: stop it at once.
      child.stdout.on('data', () => {
        if (/Operator:/.test(stdout)) child.kill('SIGKILL');
      });
    });
    assert.equal(code, 1, `exit code; stdout: ${stdout}; stderr: ${stderr}`);
    assert.match(stderr, /OPERATOR_TOKEN/);
    assert.match(stderr, /openssl rand/);
    assert.doesNotMatch(stdout, /Operator:/, 'not listening');
  });
});

describe('operator session cookie: Secure', () => {
  test('behind a trusted proxy, X-Forwarded-Proto: https gives a Secure cookie (login and logout)', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN, trustProxy: true });
    for (const proto of ['https', 'HTTPS', 'http, https']) {
      const res = await login(backend, TOKEN, IP_A, { 'x-forwarded-proto': proto });
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(flags(setCookie(res)).includes('Secure'), `${proto}: ${setCookie(res)}`);
      const cookie = setCookie(res).split(';')[0]!;
      const out = await backend.app.inject({
        method: 'DELETE',
        url: '/operator/api/session',
        headers: { cookie, 'x-requested-with': 'gs-operator', 'x-forwarded-proto': proto },
      });
      assert.equal(out.statusCode, 200);
      assert.ok(flags(setCookie(out)).includes('Secure'), `logout, ${proto}`);
    }
    const plain = await login(backend, TOKEN, IP_A, { 'x-forwarded-proto': 'http' });
    assert.ok(!flags(setCookie(plain)).includes('Secure'), 'the proxy says plain HTTP');
    const none = await login(backend, TOKEN);
    assert.ok(!flags(setCookie(none)).includes('Secure'), 'no header: the connection itself is plain HTTP');
  });

  test('without trustProxy a forged X-Forwarded-Proto does not matter', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const res = await login(backend, TOKEN, IP_A, { 'x-forwarded-proto': 'https' });
    assert.equal(res.statusCode, 200);
    assert.ok(!flags(setCookie(res)).includes('Secure'), setCookie(res));
  });
});

describe('operator sessions live in the database: every server process knows them', () => {
  test('a session made through one process works on another sharing the database; logging out on either ends it on both', async (t) => {
    const clock = testClock();
    const a = await startBackend(t, { now: clock.now, operatorToken: TOKEN });
    const b = await startSecondBackend(t, a, { now: clock.now, operatorToken: TOKEN });
    const res = await login(a, TOKEN);
    assert.equal(res.statusCode, 200);
    const cookie = setCookie(res).split(';')[0]!;
    const session = (backend: TestBackend) => backend.app.inject({ method: 'GET', url: '/operator/api/session', headers: { cookie } });
    for (const backend of [a, b]) {
      const answer = await session(backend);
      assert.equal(answer.statusCode, 200);
      assert.equal(answer.json().operatorName, 'Смирнова Анна');
    }
    assert.equal(await b.database.kysely.selectFrom('operator_sessions').select('id_hash').execute().then((rows) => rows.length), 1);
    const row = await a.database.kysely.selectFrom('operator_sessions').selectAll().executeTakeFirstOrThrow();
    assert.ok(!row.id_hash.includes(cookie.split('=')[1]!), 'only the hash of the cookie id is stored');

    const out = await b.app.inject({ method: 'DELETE', url: '/operator/api/session', headers: { cookie, 'x-requested-with': 'gs-operator' } });
    assert.equal(out.statusCode, 200);
    for (const backend of [a, b]) assert.equal((await session(backend)).statusCode, 401);
  });

  test('a session expires on every process at its time; expired ones are swept at the next login', async (t) => {
    const clock = testClock();
    const a = await startBackend(t, { now: clock.now, operatorToken: TOKEN, operatorSessionTtlMs: 60 * MINUTE });
    const b = await startSecondBackend(t, a, { now: clock.now, operatorToken: TOKEN, operatorSessionTtlMs: 60 * MINUTE });
    const cookie = setCookie(await login(a, TOKEN)).split(';')[0]!;
    clock.advance(60 * MINUTE);
    assert.equal((await b.app.inject({ method: 'GET', url: '/operator/api/session', headers: { cookie } })).statusCode, 401);
    assert.equal(await a.database.kysely.selectFrom('operator_sessions').select('id_hash').execute().then((rows) => rows.length), 1);
    await login(b, TOKEN);
    assert.equal(await a.database.kysely.selectFrom('operator_sessions').select('id_hash').execute().then((rows) => rows.length), 1, 'the expired one swept, the new one kept');
  });
});

describe('operator login lockout: per client IP and presented token', () => {
  test('ten wrong tries of one token lock that token from that IP; the right token still logs in from the same IP', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now, operatorToken: TOKEN });
    const wrong = 'an-old-operator-token-that-was-replaced-last-week';
    for (let i = 0; i < 9; i++) assert.equal((await login(backend, wrong)).statusCode, 401, `try ${i + 1}`);
    assert.equal((await bearer(backend, wrong)).statusCode, 401, 'a Bearer try counts for the same token');

    const locked = await login(backend, wrong);
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.headers['retry-after'], '900');
    const body = ApiError.parse(locked.json());
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.retryAfterSeconds, 900);
    assert.match(body.error.message, /с этим токеном/);
    assert.equal((await bearer(backend, wrong)).statusCode, 429, 'as a Bearer token too');

    // A colleague behind the same IP (one office NAT) with the right token.
    const right = await login(backend, TOKEN);
    assert.equal(right.statusCode, 200, right.body);
    assert.equal((await bearer(backend, TOKEN)).statusCode, 200);
    // Another wrong token from the same IP has a count of its own; the same wrong token from another IP too.
    assert.equal((await login(backend, 'another-wrong-token')).statusCode, 401);
    assert.equal((await login(backend, wrong, IP_B)).statusCode, 401);

    clock.advance(5 * MINUTE);
    const later = await login(backend, wrong);
    assert.equal(later.statusCode, 429);
    assert.equal(ApiError.parse(later.json()).error.retryAfterSeconds, 600, 'the wait counts down');
    clock.advance(10 * MINUTE);
    assert.equal((await login(backend, wrong)).statusCode, 401, 'unlocked after 15 minutes');
  });

  test('a flood of distinct wrong tokens from one IP meets a per-IP ceiling; the right token still logs in', async (t) => {
    const backend = await startBackend(t, {
      now: () => FIXED_NOW,
      operatorToken: TOKEN,
      rateLimits: { operatorLoginFailuresPerIp: { limit: 20, windowMs: 15 * MINUTE } },
    });
    for (let i = 0; i < 20; i++) assert.equal((await login(backend, `guess-${i}`)).statusCode, 401, `guess ${i}`);
    const over = await login(backend, 'guess-20');
    assert.equal(over.statusCode, 429);
    assert.equal(ApiError.parse(over.json()).error.retryAfterSeconds, 900);
    assert.equal((await login(backend, TOKEN)).statusCode, 200, 'the right token is never held back');
    assert.equal((await login(backend, 'guess-21', IP_B)).statusCode, 401, 'another IP is not affected');
  });
});

describe('operator console: the wait after too many failed logins', () => {
  test('says how long to wait, in minutes from 60 s up and in seconds below, with Russian plurals', () => {
    const text = messages.login.tooManyAttempts;
    assert.equal(text(900), 'Слишком много неудачных попыток входа с этим токеном. Повторите через 15 минут.');
    assert.match(text(60), /через 1 минуту\.$/);
    assert.match(text(61), /через 2 минуты\.$/, 'rounded up: never too early');
    assert.match(text(21 * 60), /через 21 минуту\.$/);
    assert.match(text(11 * 60), /через 11 минут\.$/);
    assert.match(text(1), /через 1 секунду\.$/);
    assert.match(text(3), /через 3 секунды\.$/);
    assert.match(text(59), /через 59 секунд\.$/);
    assert.match(text(undefined), /Повторите позже\.$/);
  });
});

describe('operator names', () => {
  test('bidirectional controls are taken out of the operator name (login body and X-Operator-Name)', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW, operatorToken: TOKEN });
    const res = await backend.app.inject({
      method: 'POST',
      url: '/operator/api/session',
      remoteAddress: IP_A,
      payload: { token: TOKEN, operatorName: 'Смирнова\u202E анна\u2066' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { operatorName: string }).operatorName, 'Смирнова анна');
    const onlyControls = await backend.app.inject({
      method: 'POST',
      url: '/operator/api/session',
      remoteAddress: IP_A,
      payload: { token: TOKEN, operatorName: '\u202E\u202E\u202E' },
    });
    assert.equal(onlyControls.statusCode, 400, 'nothing left to show: too short');

    const created = await submit(backend.app, validRequest());
    assert.equal(created.statusCode, 201, created.body);
    const number = (created.json() as { number: string }).number;
    const changed = await backend.app.inject({
      method: 'POST',
      url: `/operator/api/requests/${number}/status`,
      remoteAddress: IP_A,
      headers: { authorization: `Bearer ${TOKEN}`, 'x-operator-name': encodeURIComponent('Петров\u202Eвенелоп') },
      payload: { status: 'in_progress', comment: 'Взято в работу' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const last = await backend.database.kysely.selectFrom('request_status_history').select('operator').orderBy('id', 'desc').limit(1).executeTakeFirst();
    assert.equal(last?.operator, 'Петроввенелоп');
  });
});
