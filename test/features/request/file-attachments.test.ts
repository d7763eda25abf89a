import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { GsFileAttachments } from '../../../src/shared/attachments/file-attachments.js';
import { pageConfigStore } from '../../../src/config/store.js';
import type { GsAttachmentsChangeEvent } from '../../../src/events/attachment-events.js';
import '../../../src/index.js';
import { apiError, fakeXhr, stored, type FakeRequest } from '../../helpers/fake-xhr.js';
import { deepActiveElement, fixture, settle, text } from '../../helpers/fixture.js';

const MB = 1024 * 1024;
const bytes = (head: string | number[], size = 64) => {
  const data = new Uint8Array(size);
  data.set(typeof head === 'string' ? new TextEncoder().encode(head) : head);
  return data;
};
const pdf = (name = 'заявление.pdf', size = 64) => new File([bytes('%PDF-1.7\n', size)], name, { type: 'application/pdf' });
const png = (name = 'image.png') => new File([bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], name, { type: 'image/png' });
const jpeg = (name = 'фото.jpg') => new File([bytes([0xff, 0xd8, 0xff, 0xe0])], name, { type: 'image/jpeg' });
const exe = () => new File([bytes('MZ\x90\x00\x03')], 'x.pdf', { type: 'application/pdf' });
const transfer = (...files: File[]) => {
  const dt = new DataTransfer();
  for (const file of files) dt.items.add(file);
  return dt;
};

const $ = <T extends Element = HTMLElement>(el: GsFileAttachments, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const rows = (el: GsFileAttachments) => [...el.shadowRoot!.querySelectorAll('.file')];
const row = (el: GsFileAttachments, name: string) => rows(el).find((r) => text(r.querySelector('.file-name')) === name)!;
const live = (el: GsFileAttachments) => text($(el, '[role=status]'));

/** Adds files the way the picker does: the input's files, then its change event. */
async function pick(el: GsFileAttachments, ...files: File[]) {
  const input = $<HTMLInputElement>(el, 'input[type=file]');
  input.files = transfer(...files).files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(el);
}

/** Waits until every file is past its check (and, with an auto-answering backend, its upload). */
async function idle(el: GsFileAttachments) {
  await waitUntil(() => !el.pending, 'files still pending', { timeout: 3000 });
  await settle(el);
}

describe('gs-file-attachments', () => {
  let xhr: ReturnType<typeof fakeXhr>;
  let counter = 0;
  const accept = (request: FakeRequest) => ({ status: 201, body: stored(`up_${++counter}`, decodeURIComponent(request.headers['x-file-name']!)) });
  afterEach(() => xhr?.restore());

  it('is a labelled group with the hint from config, a choose button and a drop zone; accessible when empty', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    expect(text($(el, 'legend'))).to.equal('Файлы');
    expect($(el, 'fieldset').getAttribute('part')).to.equal('form-control');
    expect(text($(el, '[part=hint]'))).to.equal('PDF, JPG, PNG, до 5 МБ каждый, не больше 5');
    const input = $<HTMLInputElement>(el, 'input[type=file]');
    expect(input.multiple).to.equal(true);
    const button = $<HTMLButtonElement>(el, 'button.choose');
    expect(text(button)).to.equal('Выбрать файлы');
    expect(button.getAttribute('aria-describedby')).to.equal('hint');
    expect(button.getBoundingClientRect().height).to.be.at.least(44);
    expect(text($(el, '[part=drop-zone]'))).to.contain('перетащите');
    expect(el.files).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('uploads an accepted file at once with progress, then says «Загружен» and lists its id', async () => {
    xhr = fakeXhr();
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    const events: GsAttachmentsChangeEvent[] = [];
    el.addEventListener('gs-attachments-change', (e) => events.push(e));
    await pick(el, pdf('заявление.pdf'));
    await waitUntil(() => xhr.requests.length === 1, 'no upload');
    const [request] = xhr.requests;
    expect(request!.method).to.equal('POST');
    expect(request!.url).to.equal('/uploads');
    expect(request!.headers['x-file-name']).to.equal(encodeURIComponent('заявление.pdf'));
    expect(el.pending).to.equal(true);

    request!.progress(40, 100);
    await settle(el);
    const progress = row(el, 'заявление.pdf').querySelector('progress')!;
    expect(progress.value).to.equal(40);
    expect(progress.getAttribute('aria-labelledby')).to.equal(row(el, 'заявление.pdf').querySelector('.file-name')!.id);
    expect(text(row(el, 'заявление.pdf'))).to.contain('Загружается: 40%');
    expect(live(el)).to.contain('заявление.pdf: Загружается: 0%');
    await expect(el).to.be.accessible();

    request!.respond(201, stored('up_42', 'заявление.pdf', 64));
    await idle(el);
    expect(text(row(el, 'заявление.pdf'))).to.contain('Загружен');
    expect(row(el, 'заявление.pdf').querySelector('progress')).to.equal(null);
    expect(el.uploadIds).to.deep.equal(['up_42']);
    expect(el.files[0]).to.include({ status: 'uploaded', progress: 100, uploadId: 'up_42' });
    expect(el.pending).to.equal(false);
    expect(live(el)).to.contain('заявление.pdf: Загружен');
    await expect(el).to.be.accessible();

    // The change event: added, uploading, uploaded (progress ticks alone do not fire it).
    expect(events.map((e) => e.files.map((f) => f.status).join())).to.deep.equal(['checking', 'uploading', 'uploaded']);
    const last = events.at(-1)!;
    expect(last.uploadIds).to.deep.equal(['up_42']);
    expect(last.pending).to.equal(false);
    expect(last.bubbles && last.composed).to.equal(true);
    expect(last.drafts).to.have.length(1);
    expect(last.drafts[0]).to.include({ name: 'заявление.pdf', type: 'application/pdf', size: 64, id: 'up_42' });
  });

  it('refuses a file over the size limit before any upload', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    await pick(el, pdf('скан.pdf', 6 * MB));
    await idle(el);
    expect(xhr.requests).to.have.length(0);
    const r = row(el, 'скан.pdf');
    expect(text(r.querySelector('[part=error]'))).to.equal('Файл больше 5 МБ');
    expect(el.files[0]).to.deep.include({ status: 'rejected' });
    expect(el.files[0]!.error).to.include({ code: 'too_big', retry: false });
    expect(live(el)).to.contain('Файл скан.pdf не принят: Файл больше 5 МБ');
    expect(r.querySelector('.retry')).to.equal(null);
    expect(el.uploadIds).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('decides the type by the leading bytes: an .exe named x.pdf is refused, a JPEG named .png is taken', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    await pick(el, exe());
    await idle(el);
    expect(xhr.requests).to.have.length(0);
    expect(text(row(el, 'x.pdf').querySelector('[part=error]'))).to.equal('Это не PDF, JPG, PNG: принимаются только такие файлы');
    await pick(el, jpeg('photo.png'));
    await idle(el);
    expect(xhr.requests).to.have.length(1);
    expect(el.files.map((f) => f.status)).to.deep.equal(['rejected', 'uploaded']);
  });

  it('refuses an empty file', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    await pick(el, new File([], 'пусто.pdf', { type: 'application/pdf' }));
    await idle(el);
    expect(xhr.requests).to.have.length(0);
    expect(text(row(el, 'пусто.pdf').querySelector('[part=error]'))).to.equal('Файл пустой');
  });

  it('refuses the file over the count limit; rejected files do not count', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    await pick(el, exe(), pdf('1.pdf'), pdf('2.pdf'), png('3.png'), jpeg('4.jpg'), pdf('5.pdf'), pdf('6.pdf'));
    await idle(el);
    expect(xhr.requests).to.have.length(5);
    expect(el.files.map((f) => f.status)).to.deep.equal(['rejected', 'uploaded', 'uploaded', 'uploaded', 'uploaded', 'uploaded', 'rejected']);
    expect(text(row(el, '6.pdf').querySelector('[part=error]'))).to.equal('Можно приложить не больше 5 файлов');
    expect(el.uploadIds).to.have.length(5);
    await expect(el).to.be.accessible();
  });

  it('takes limits from its properties over config', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments max-count="1" max-size-bytes="1048576" .types=${['application/pdf']}></gs-file-attachments>`, {
      config: { attachments: { maxCount: 3 } },
    });
    expect(text($(el, '[part=hint]'))).to.equal('PDF, до 1 МБ каждый, не больше 1');
    await pick(el, png('a.png'), pdf('b.pdf', 2 * MB), pdf('c.pdf'), pdf('d.pdf'));
    await idle(el);
    expect(el.files.map((f) => f.error?.code ?? f.status)).to.deep.equal(['wrong_type', 'too_big', 'uploaded', 'too_many']);
    expect(text(row(el, 'b.pdf'))).to.contain('Файл больше 1 МБ');
  });

  it("shows the server's message when it refuses a file; offers «Загрузить снова» after a network failure", async () => {
    xhr = fakeXhr((r) =>
      r.headers['x-file-name'] === 'bad.pdf'
        ? { status: 415, body: apiError('unsupported_media_type', 'Сервер принимает только PDF, JPG и PNG') }
        : r.headers['x-file-name'] === 'huge.pdf'
          ? { status: 413, body: apiError('payload_too_large', 'Файл больше 2 МБ') }
          : undefined,
    );
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    await pick(el, pdf('bad.pdf'));
    await idle(el);
    const refused = row(el, 'bad.pdf');
    expect(text(refused.querySelector('[part=error]'))).to.equal('Сервер принимает только PDF, JPG и PNG');
    expect(refused.querySelector('.retry')).to.equal(null);
    expect(el.files[0]).to.deep.include({ status: 'failed' });
    expect(el.files[0]!.error).to.include({ status: 415, code: 'unsupported_media_type' });
    await expect(el).to.be.accessible();
    await pick(el, pdf('huge.pdf'));
    await idle(el);
    expect(text(row(el, 'huge.pdf').querySelector('[part=error]'))).to.equal('Файл больше 2 МБ');
    expect(live(el)).to.contain('huge.pdf: Файл больше 2 МБ');

    await pick(el, pdf('net.pdf'));
    await waitUntil(() => xhr.requests.length === 3);
    xhr.requests[2]!.failNetwork();
    await idle(el);
    const failed = row(el, 'net.pdf');
    expect(text(failed.querySelector('[part=error]'))).to.equal('Не удалось загрузить');
    const retry = failed.querySelector<HTMLButtonElement>('.retry')!;
    expect(text(retry)).to.equal('Загрузить снова');
    await expect(el).to.be.accessible();
    retry.click();
    await waitUntil(() => xhr.requests.length === 4);
    xhr.requests[3]!.respond(201, stored('up_net'));
    await idle(el);
    expect(text(row(el, 'net.pdf'))).to.contain('Загружен');
    expect(el.uploadIds).to.deep.equal(['up_net']);
  });

  it('removes a file by its button, aborting its upload, and keeps focus in the field', async () => {
    xhr = fakeXhr();
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    await pick(el, pdf('долгий.pdf'));
    await waitUntil(() => xhr.requests.length === 1);
    const events: GsAttachmentsChangeEvent[] = [];
    el.addEventListener('gs-attachments-change', (e) => events.push(e));
    const remove = row(el, 'долгий.pdf').querySelector<HTMLButtonElement>('.remove')!;
    expect(remove.getAttribute('aria-label')).to.equal('Удалить файл долгий.pdf');
    expect(remove.getBoundingClientRect().width).to.be.at.least(44);
    remove.focus();
    remove.click();
    await settle(el);
    expect(xhr.requests[0]!.aborted).to.equal(true);
    expect(rows(el)).to.have.length(0);
    expect(el.files).to.deep.equal([]);
    expect(el.pending).to.equal(false);
    expect(events).to.have.length(1);
    expect(deepActiveElement()).to.equal($(el, 'button.choose'));
  });

  it('takes a pasted screenshot on its drop zone, and pastes the form passes on', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    const paste = new ClipboardEvent('paste', { clipboardData: transfer(png('image.png')), bubbles: true, composed: true, cancelable: true });
    $(el, '[part=drop-zone]').dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await idle(el);
    expect(el.files.map((f) => f.file.name)).to.deep.equal(['снимок-экрана-1.png']);
    expect(el.files[0]!.status).to.equal('uploaded');

    // A paste elsewhere in the form: the form calls handlePaste (once per event, however often).
    const outside = new ClipboardEvent('paste', { clipboardData: transfer(png('image.png')), cancelable: true });
    el.handlePaste(outside);
    el.handlePaste(outside);
    await idle(el);
    expect(el.files.map((f) => f.file.name)).to.deep.equal(['снимок-экрана-1.png', 'снимок-экрана-2.png']);

    // Text only: left to the browser.
    const words = new DataTransfer();
    words.setData('text/plain', 'привет');
    const textPaste = new ClipboardEvent('paste', { clipboardData: words, cancelable: true });
    el.handlePaste(textPaste);
    expect(textPaste.defaultPrevented).to.equal(false);
    expect(el.files).to.have.length(2);
  });

  it('takes dropped files', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    const zone = $(el, '[part=drop-zone]');
    const dragover = new DragEvent('dragover', { dataTransfer: transfer(pdf('a.pdf')), bubbles: true, cancelable: true });
    zone.dispatchEvent(dragover);
    expect(dragover.defaultPrevented).to.equal(true);
    await settle(el);
    expect(zone.classList.contains('is-dragging')).to.equal(true);
    const drop = new DragEvent('drop', { dataTransfer: transfer(pdf('a.pdf'), jpeg('b.jpg')), bubbles: true, cancelable: true });
    zone.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await idle(el);
    expect(zone.classList.contains('is-dragging')).to.equal(false);
    expect(el.files.map((f) => `${f.file.name} ${f.status}`)).to.deep.equal(['a.pdf uploaded', 'b.jpg uploaded']);
  });

  it('restores draft entries: uploaded ones keep their id, the others upload again', async () => {
    xhr = fakeXhr(accept);
    counter = 100;
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    const events: GsAttachmentsChangeEvent[] = [];
    el.addEventListener('gs-attachments-change', (e) => events.push(e));
    const a = pdf('a.pdf');
    const b = png('b.png');
    el.restore([
      { name: 'a.pdf', type: a.type, size: a.size, blob: new Blob([a], { type: a.type }), id: 'up_old' },
      { name: 'b.png', type: b.type, size: b.size, blob: new Blob([b], { type: b.type }) },
    ]);
    await idle(el);
    expect(xhr.requests).to.have.length(1);
    expect(xhr.requests[0]!.headers['x-file-name']).to.equal('b.png');
    expect(el.files.map((f) => `${f.file.name} ${f.status}`)).to.deep.equal(['a.pdf uploaded', 'b.png uploaded']);
    expect(el.uploadIds).to.deep.equal(['up_old', 'up_101']);
    expect(el.files[0]!.file).to.be.instanceOf(File);
    expect(events.length).to.be.greaterThan(0);
    expect(text(rows(el)[0])).to.contain('Загружен');

    el.restore([]);
    await settle(el);
    expect(rows(el)).to.have.length(0);
    expect(el.uploadIds).to.deep.equal([]);
  });

  it('is keyboard operable: the choose button takes focus and opens the picker', async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments></gs-file-attachments>`);
    const input = $<HTMLInputElement>(el, 'input[type=file]');
    let opened = 0;
    input.addEventListener('click', (e) => {
      opened++;
      e.preventDefault(); // no real file dialog in the test
    });
    el.focus();
    expect(deepActiveElement()).to.equal($(el, 'button.choose'));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.equal(2);
  });

  it("shows the form's message about the field", async () => {
    xhr = fakeXhr(accept);
    const el = await fixture<GsFileAttachments>(html`<gs-file-attachments error="Дождитесь, пока файлы загрузятся"></gs-file-attachments>`);
    expect(text($(el, '[part=error]'))).to.equal('Ошибка: Дождитесь, пока файлы загрузятся');
    expect($(el, 'button.choose').getAttribute('aria-describedby')).to.equal('hint error');
    await expect(el).to.be.accessible();
  });

  it('works standalone: page config, its own backend and locale', async () => {
    xhr = fakeXhr(accept);
    pageConfigStore.set('api', { attachments: { types: ['image/png', 'image/jpeg'], maxSizeBytes: 2.5 * MB, maxCount: 2 } });
    try {
      const el = document.createElement('gs-file-attachments');
      el.backend = 'https://api.example.ru/';
      el.locale = 'en';
      document.body.append(el);
      await settle(el);
      expect(text($(el, 'legend'))).to.equal('Files');
      expect(text($(el, '[part=hint]'))).to.equal('PNG, JPG, up to 2.5 MB each, at most 2');
      await pick(el, png('a.png'), pdf('b.pdf'));
      await idle(el);
      expect(xhr.requests.map((r) => r.url)).to.deep.equal(['https://api.example.ru/uploads']);
      expect(text(row(el, 'b.pdf'))).to.contain('This is not PNG, JPG: only these are accepted');
      await expect(el).to.be.accessible();
      el.remove();
    } finally {
      pageConfigStore.set('api', {});
    }
  });
});
