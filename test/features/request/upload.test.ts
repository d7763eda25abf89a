import { expect } from '@open-wc/testing';
import { ApiRequestError } from '../../../src/api/client.js';
import { uploadFile } from '../../../src/shared/attachments/upload.js';
import { apiError, fakeXhr, stored } from '../../helpers/fake-xhr.js';

const pdf = (name = 'Заявление №1.pdf') => new File([new TextEncoder().encode('%PDF-1.7\n%…')], name, { type: 'application/pdf' });

describe('uploadFile', () => {
  let xhr: ReturnType<typeof fakeXhr>;
  afterEach(() => xhr?.restore());

  it('POSTs the raw file with its URL-encoded name, reports progress and parses the 201 answer', async () => {
    xhr = fakeXhr();
    const progress: number[] = [];
    const file = pdf();
    const done = uploadFile('https://api.example.ru/', file, { onProgress: (p) => progress.push(p) });
    const [request] = xhr.requests;
    expect(request!.method).to.equal('POST');
    expect(request!.url).to.equal('https://api.example.ru/uploads');
    expect(request!.headers['content-type']).to.equal('application/octet-stream');
    expect(request!.headers['x-file-name']).to.equal(encodeURIComponent('Заявление №1.pdf'));
    expect(request!.body).to.equal(file);
    request!.progress(0, 200);
    request!.progress(101, 200);
    request!.progress(200, 200);
    request!.respond(201, stored('up_1', 'Заявление №1.pdf', file.size));
    expect(await done).to.deep.equal({ id: 'up_1', name: 'Заявление №1.pdf', size: file.size, type: 'application/pdf' });
    expect(progress).to.deep.equal([0, 50, 100]);
  });

  it('rejects with ApiRequestError carrying the status, code and message of an error answer', async () => {
    xhr = fakeXhr(() => ({ status: 415, body: apiError('unsupported_media_type', 'Принимаются только PDF, JPG и PNG') }));
    const error = await uploadFile('', pdf()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiRequestError);
    expect(error).to.include({ status: 415, code: 'unsupported_media_type', message: 'Принимаются только PDF, JPG и PNG' });
    expect(xhr.requests[0]!.url).to.equal('/uploads');
  });

  it('rejects with bad_response for an answer outside the contract', async () => {
    xhr = fakeXhr(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    expect(await uploadFile('', pdf()).catch((e: unknown) => e)).to.include({ status: 502, code: 'bad_response' });
    xhr.restore();
    xhr = fakeXhr(() => ({ status: 201, body: { ok: true } }));
    expect(await uploadFile('', pdf()).catch((e: unknown) => e)).to.include({ status: 201, code: 'bad_response' });
  });

  it('rejects with status 0, code network when the request gets no answer', async () => {
    xhr = fakeXhr();
    const done = uploadFile('', pdf());
    xhr.requests[0]!.failNetwork();
    expect(await done.catch((e: unknown) => e)).to.include({ status: 0, code: 'network' });
  });

  it('fails as network with the real XMLHttpRequest when nothing listens', async () => {
    const error = await uploadFile('http://127.0.0.1:9', pdf()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiRequestError);
    expect(error).to.include({ status: 0, code: 'network' });
  });

  it('aborts through its signal, before or during the upload', async () => {
    xhr = fakeXhr();
    const controller = new AbortController();
    const done = uploadFile('', pdf(), { signal: controller.signal });
    controller.abort();
    const error = await done.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(xhr.requests[0]!.aborted).to.equal(true);

    const early = await uploadFile('', pdf(), { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((early as DOMException).name).to.equal('AbortError');
    expect(xhr.requests).to.have.length(1);
  });
});
