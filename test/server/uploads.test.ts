import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../../server/app.js';
import { openDatabase, openPostgres, type OpenedDatabase } from '../../server/db.js';
import { purgeStaleUploads } from '../../server/uploads/store.js';
import { UploadResponse } from '../../src/protocol/attachments.js';
import { ApiError } from '../../src/protocol/error.js';
import { FILES, FIXED_NOW, RUSSIAN, SITE_DIR, startBackend, tempDir, testClock, testDatabaseUrl, upload, type TestBackend } from './support.js';

const MB = 1024 * 1024;
const uploadsOf = (backend: TestBackend) => join(backend.dir, 'uploads');
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);


const countAttachments = async (backend: TestBackend) =>
  (await backend.database.kysely.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
describe('POST /uploads', () => {
  test('accepts a PDF, a JPG and a PNG: stored under a random name, typed by their bytes, hashed', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    const cases = [
      { bytes: FILES.pdf, name: 'Заявление (скан).pdf', type: 'application/pdf', ext: '.pdf' },
      { bytes: FILES.jpg, name: 'фото квитанции.jpeg', type: 'image/jpeg', ext: '.jpg' },
      { bytes: FILES.png, name: 'screenshot.PNG', type: 'image/png', ext: '.png' },
    ];
    for (const c of cases) {
      const res = await upload(backend.app, c.bytes, c.name);
      assert.equal(res.statusCode, 201, res.body);
      const body = UploadResponse.parse(res.json());
      assert.deepEqual(Object.keys(res.json()).sort(), ['id', 'name', 'size', 'type']);
      assert.equal(body.name, c.name);
      assert.equal(body.size, c.bytes.length);
      assert.equal(body.type, c.type);
      assert.match(body.id, /^[A-Za-z0-9_-]{16,64}$/);

      const row = await backend.database.kysely.selectFrom('attachments').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      assert.equal(row.request_id, null, 'not linked until a request lists it');
      assert.equal(row.original_name, c.name);
      assert.equal(row.type, c.type);
      assert.equal(row.size, c.bytes.length);
      assert.equal(row.sha256, createHash('sha256').update(c.bytes).digest('hex'));
      assert.equal(row.created_at, new Date(FIXED_NOW).toISOString());
      const stored = String(row.stored_name);
      assert.match(stored, new RegExp(`^[0-9a-f]{32}\\${c.ext}$`), 'a random name, nothing of the citizen’s');
      assert.deepEqual(readFileSync(join(uploadsOf(backend), stored)), c.bytes);
    }
    assert.equal(filesIn(uploadsOf(backend)).length, 3);
    assert.ok(!filesIn(uploadsOf(backend)).some((f) => f.endsWith('.part')), 'no partial files left');
  });

  test('bidirectional controls are taken out of the name: «счёт\u202Efdp.exe» cannot show as «счётexe.pdf»', async (t) => {
    const backend = await startBackend(t, { now: () => FIXED_NOW });
    for (const [sent, kept] of [
      ['счёт\u202Efdp.exe', 'счётfdp.exe'],
      ['\u2067скан\u2069\u200F.pdf', 'скан.pdf'],
      ['a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2068g\u061Ch\u200Ei.pdf', 'abcdefghi.pdf'],
    ]) {
      const res = await upload(backend.app, FILES.pdf, sent!);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(UploadResponse.parse(res.json()).name, kept);
      const id = UploadResponse.parse(res.json()).id;
      const row = await backend.database.kysely.selectFrom('attachments').select('original_name').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.original_name, kept);
    }
  });

  test('an .exe named x.pdf is refused 415 by its leading bytes, with nothing kept', async (t) => {
    const backend = await startBackend(t);
    const res = await upload(backend.app, FILES.exe, 'x.pdf');
    assert.equal(res.statusCode, 415);
    const body = ApiError.parse(res.json());
    assert.equal(body.error.code, 'unsupported_media_type');
    assert.match(body.error.message, RUSSIAN);
    assert.match(body.error.message, /PDF, JPG, PNG/);
    assert.deepEqual(filesIn(uploadsOf(backend)), []);
    assert.equal(await countAttachments(backend), 0);

    // A tiny file is judged by what there is; text is no image.
    const short = await upload(backend.app, Buffer.from('hello'), 'note.png');
    assert.equal(short.statusCode, 415);
    assert.deepEqual(filesIn(uploadsOf(backend)), []);
  });

  test('only the types of the widget configuration are accepted', async (t) => {
    const dir = tempDir(t);
    const configPath = join(dir, 'widget.json');
    writeFileSync(configPath, JSON.stringify({ attachments: { types: ['application/pdf'], maxSizeBytes: 1024 * 1024 } }));
    const backend = await startBackend(t, { configPath });
    assert.equal((await upload(backend.app, FILES.pdf, 'a.pdf')).statusCode, 201);
    const png = await upload(backend.app, FILES.png, 'b.png');
    assert.equal(png.statusCode, 415);
    assert.match((png.json() as ApiError).error.message, /только PDF\./);
  });

  test('an empty file is refused 400', async (t) => {
    const backend = await startBackend(t);
    const res = await upload(backend.app, Buffer.alloc(0), 'empty.pdf');
    assert.equal(res.statusCode, 400);
    const body = ApiError.parse(res.json());
    assert.equal(body.error.code, 'validation_failed');
    assert.match(body.error.message, /пуст/);
    assert.deepEqual(filesIn(uploadsOf(backend)), []);
  });

  test('a 6 MB body is refused 413 (5 MB limit from the widget config) and no file remains', async (t) => {
    const backend = await startBackend(t);
    const big = Buffer.concat([FILES.pdf, Buffer.alloc(6 * MB)]);
    const res = await upload(backend.app, big, 'big.pdf');
    assert.equal(res.statusCode, 413);
    const body = ApiError.parse(res.json());
    assert.equal(body.error.code, 'payload_too_large');
    assert.match(body.error.message, /не больше 5 МБ/);
    assert.equal(res.headers.connection, 'close');
    assert.deepEqual(filesIn(uploadsOf(backend)), []);

    // Exactly the limit is fine.
    const exact = Buffer.concat([FILES.pdf, Buffer.alloc(5 * MB - FILES.pdf.length)]);
    assert.equal((await upload(backend.app, exact, 'exact.pdf')).statusCode, 201);
  });

  test('an oversize body is refused while it streams: 413 arrives before the client finished sending', async (t) => {
    const backend = await startBackend(t);
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = backend.app.server.address() as AddressInfo;
    // The server's end of the connection: how much of the request it has read.
    let serverSide: Socket | undefined;
    backend.app.server.once('connection', (accepted: Socket) => (serverSide = accepted));

    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let response = '';
    let writtenWhenAnswered: number | undefined;
    let written = 0;
    let closed = false;
    socket.on('data', (data) => {
      response += data.toString('latin1');
      writtenWhenAnswered ??= written;
    });
    socket.on('error', () => {}); // EPIPE / ECONNRESET once the server hangs up
    socket.on('close', () => {
      closed = true;
    });

    // Chunked: no Content-Length, so the server cannot know the size in advance.
    socket.write(
      'POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n' +
        'X-File-Name: big.pdf\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const total = 6 * MB;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    chunk.write('%PDF-1.7\n', 'latin1');
    const paceUntil = Date.now() + 60_000;
    while (written < total && writtenWhenAnswered === undefined && !closed) {
      const ok = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n');
      written += chunk.length;
      if (!ok) await Promise.race([new Promise((r) => socket.once('drain', r)), new Promise((r) => socket.once('close', r)), sleep(100)]);
      // A client on a real network: the kernel's loopback buffers would otherwise swallow megabytes at once.
      await sleep(2);
      // Nor more than 4 chunks ahead of what the server has read, however slow the machine (the
      // server may pause reading, e.g. for the upload's rate limit, a database transaction).
      while ((serverSide?.bytesRead ?? 0) < written - 4 * chunk.length && writtenWhenAnswered === undefined && !closed && Date.now() < paceUntil) await sleep(2);
    }
    const deadline = Date.now() + 5000;
    while (!closed && Date.now() < deadline) await sleep(10);

    assert.match(response, /^HTTP\/1\.1 413 /, response.slice(0, 200));
    assert.match(response, /\r\nconnection: close\r\n/i);
    assert.match(response, /"code":"payload_too_large"/);
    assert.ok(writtenWhenAnswered !== undefined && writtenWhenAnswered < total, `answered after ${writtenWhenAnswered} of ${total} bytes`);
    // Soon after the limit was passed (a few chunks of slack for a busy machine; the upload's rate
    // limit is a database transaction before the body is read).
    assert.ok(writtenWhenAnswered <= 5 * MB + 8 * chunk.length, 'answered as soon as the limit was passed');
    assert.ok(closed, 'the server closed the connection');
    await sleep(50);
    assert.deepEqual(filesIn(uploadsOf(backend)), [], 'the partial file is gone');
  });

  /** Listens, connects a raw socket and sends the head of a `POST /uploads` of `length` bytes. */
  async function rawUploadHead(backend: Awaited<ReturnType<typeof startBackend>>, name: string, length: number) {
    await backend.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = backend.app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write(
      'POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n' +
        `X-File-Name: ${name}\r\nContent-Length: ${length}\r\n\r\n`,
    );
    return socket;
  }

  test('a Content-Length over the limit is refused before any of the body is sent', async (t) => {
    const backend = await startBackend(t);
    const socket = await rawUploadHead(backend, 'big.pdf', 6 * MB);
    const [data] = (await Promise.race([once(socket, 'data'), sleep(3000, [Buffer.from('timeout')], { ref: false })])) as [Buffer];
    assert.match(data.toString('latin1'), /^HTTP\/1\.1 413 /);
    socket.destroy();
    assert.deepEqual(filesIn(uploadsOf(backend)), []);
  });

  test('a client that gives up mid-file leaves no partial file', async (t) => {
    const backend = await startBackend(t);
    const socket = await rawUploadHead(backend, 'half.pdf', MB);
    socket.write(Buffer.concat([FILES.pdf, Buffer.alloc(100 * 1024)]));
    const deadline = Date.now() + 3000;
    while (!filesIn(uploadsOf(backend)).some((f) => f.endsWith('.part')) && Date.now() < deadline) await sleep(5);
    assert.equal(filesIn(uploadsOf(backend)).length, 1, 'the file was being written');
    socket.destroy();
    while (filesIn(uploadsOf(backend)).length > 0 && Date.now() < deadline) await sleep(10);
    assert.deepEqual(filesIn(uploadsOf(backend)), []);
    assert.equal(await countAttachments(backend), 0);
  });

  test('the file name header is required, URL-decoded, and never a path', async (t) => {
    const backend = await startBackend(t);
    const missing = await backend.app.inject({
      method: 'POST',
      url: '/uploads',
      headers: { 'content-type': 'application/octet-stream' },
      payload: FILES.pdf,
    });
    assert.equal(missing.statusCode, 400);
    assert.match((missing.json() as ApiError).error.message, /X-File-Name/);

    const malformed = await upload(backend.app, FILES.pdf, 'x', { 'x-file-name': '%E0%A4%A.pdf' });
    assert.equal(malformed.statusCode, 400);

    const sneaky = await upload(backend.app, FILES.pdf, '../../etc/passwd\u0000.pdf');
    assert.equal(sneaky.statusCode, 201);
    assert.equal((sneaky.json() as UploadResponse).name, 'passwd.pdf');
    const windows = await upload(backend.app, FILES.pdf, 'C:\\Users\\Мария\\Документы\\скан.pdf');
    assert.equal((windows.json() as UploadResponse).name, 'скан.pdf');
    assert.equal(filesIn(uploadsOf(backend)).length, 2);
    assert.ok(!existsSync(join(backend.dir, 'etc')));
  });

  test('anything but application/octet-stream is refused 415', async (t) => {
    const backend = await startBackend(t);
    const json = await backend.app.inject({
      method: 'POST',
      url: '/uploads',
      headers: { 'x-file-name': 'a.pdf' },
      payload: { file: 'JVBERi0=' },
    });
    assert.equal(json.statusCode, 415);
    assert.equal((json.json() as ApiError).error.code, 'unsupported_media_type');
    const multipart = await backend.app.inject({
      method: 'POST',
      url: '/uploads',
      headers: { 'x-file-name': 'a.pdf', 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\n\r\n%PDF-\r\n--x--',
    });
    assert.equal(multipart.statusCode, 415);
    ApiError.parse(multipart.json());
  });

  test('other routes do not take raw bodies (nothing is written for them)', async (t) => {
    const backend = await startBackend(t);
    const res = await backend.app.inject({
      method: 'POST',
      url: '/requests',
      headers: { 'content-type': 'application/octet-stream', 'idempotency-key': 'abcdefgh12' },
      payload: FILES.pdf,
    });
    assert.equal(res.statusCode, 415);
    assert.equal((res.json() as ApiError).error.code, 'unsupported_media_type');
    assert.deepEqual(filesIn(uploadsOf(backend)), []);
  });

  test('31 uploads in 10 minutes from one IP: the 31st is refused 429 with Retry-After, before its body is read', async (t) => {
    const clock = testClock();
    const backend = await startBackend(t, { now: clock.now });
    for (let i = 0; i < 30; i++) assert.equal((await upload(backend.app, FILES.png, `${i}.png`)).statusCode, 201, `upload ${i}`);
    const limited = await upload(backend.app, FILES.png, '31.png');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['retry-after'], '600');
    assert.equal(limited.headers.connection, 'close', 'the refused file is not read');
    const body = ApiError.parse(limited.json());
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.retryAfterSeconds, 600);
    assert.match(body.error.message, RUSSIAN);
    assert.equal(filesIn(uploadsOf(backend)).length, 30);

    // Another client is not affected.
    const other = await upload(backend.app, FILES.png, 'other.png', { 'x-forwarded-for': '203.0.113.7' });
    assert.equal(other.statusCode, 429, 'X-Forwarded-For is ignored unless trustProxy is set');
    const elsewhere = await backend.app.inject({
      method: 'POST',
      url: '/uploads',
      remoteAddress: '203.0.113.7',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'x.png' },
      payload: FILES.png,
    });
    assert.equal(elsewhere.statusCode, 201);

    clock.advance(5 * 60_000);
    assert.equal((await upload(backend.app, FILES.png, 'later.png')).headers['retry-after'], '300', 'the window slides');
    clock.advance(5 * 60_000 + 1);
    assert.equal((await upload(backend.app, FILES.png, 'later.png')).statusCode, 201);
  });

  test('uploaded files are never served', async (t) => {
    const backend = await startBackend(t);
    const res = await upload(backend.app, FILES.pdf, 'secret.pdf');
    const { id } = res.json() as UploadResponse;
    const { stored_name: stored } = await backend.database.kysely.selectFrom('attachments').select('stored_name').where('id', '=', id).executeTakeFirstOrThrow();
    for (const url of [`/uploads/${id}`, `/uploads/${stored}`, `/${stored}`, `/dist/${stored}`, `/dist/../uploads/${stored}`, `/uploads`]) {
      const get = await backend.app.inject({ method: 'GET', url });
      assert.equal(get.statusCode, 404, url);
      assert.ok(!get.body.includes('%PDF'), url);
    }
  });
});

describe('uploads folder', () => {
  test('defaults to uploads/ next to the database; UPLOAD_DIR (uploadDir) moves it', async (t) => {
    const dir = tempDir(t);
    const backend = await startBackend(t, { uploadDir: join(dir, 'elsewhere', 'files') });
    await upload(backend.app, FILES.pdf, 'a.pdf');
    assert.equal(filesIn(join(dir, 'elsewhere', 'files')).length, 1);
    assert.ok(!existsSync(join(backend.dir, 'uploads')));
  });

  test('a folder inside the served site or dist is refused at start', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'dist'));
    for (const uploadDir of [join(SITE_DIR, 'uploads'), join(dir, 'dist', 'files'), join(dir, 'dist')]) {
      await assert.rejects(
        buildApp({ dbPath: join(dir, 'db.sqlite'), corsOrigins: [], distDir: join(dir, 'dist'), siteDir: SITE_DIR, uploadDir }),
        /inside the served folder/,
        uploadDir,
      );
    }
    assert.ok(!existsSync(join(SITE_DIR, 'uploads')));
  });

  test('unattached uploads older than a day and stale partial files are cleaned up', async (t) => {
    let database: OpenedDatabase | undefined;
    const dir = tempDir(t, () => database?.close());
    const url = await testDatabaseUrl(t);
    database = url ? await openPostgres(url) : await openDatabase(join(dir, 'db.sqlite'));
    const db = database.kysely;
    const uploads = join(dir, 'uploads');
    mkdirSync(uploads);
    const day = 24 * 3_600_000;
    const add = async (id: string, createdAt: number) => {
      writeFileSync(join(uploads, `${id}.pdf`), FILES.pdf);
      await db
        .insertInto('attachments')
        .values({ id, request_id: null, original_name: 'a.pdf', stored_name: `${id}.pdf`, type: 'application/pdf', size: 1, sha256: 'x', created_at: new Date(createdAt).toISOString() })
        .execute();
    };
    await add('old', FIXED_NOW - 2 * day);
    await add('fresh', FIXED_NOW - 3_600_000);
    writeFileSync(join(uploads, 'stale.part'), 'x');
    utimesSync(join(uploads, 'stale.part'), new Date(Date.now() - 2 * day), new Date(Date.now() - 2 * day));
    writeFileSync(join(uploads, 'busy.part'), 'x');

    assert.equal(await purgeStaleUploads(db, uploads, FIXED_NOW, day), 2);
    assert.deepEqual(filesIn(uploads).sort(), ['busy.part', 'fresh.pdf']);
    assert.deepEqual(await db.selectFrom('attachments').select('id').execute(), [{ id: 'fresh' }]);
  });
});
