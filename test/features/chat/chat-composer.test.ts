import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/features/chat/index.js';
import '../../../src/features/chat/texts/all.js';
import type { GsChatComposer } from '../../../src/features/chat/chat-composer.js';
import type { GsChatSendEvent } from '../../../src/features/chat/chat-events.js';
import { GsAttachmentsChangeEvent } from '../../../src/events/attachment-events.js';
import { deepActiveElement, fixture, settle, text } from '../../helpers/fixture.js';

const root = (el: GsChatComposer) => el.shadowRoot!;
const attachButton = (el: GsChatComposer) => [...root(el).querySelectorAll('button')].find((b) => text(b) === 'Прикрепить файлы');

/** The composer with «Прикрепить файлы» pressed: the attachments field fetched and shown. */
async function withField(): Promise<{ el: GsChatComposer; sent: GsChatSendEvent[]; field: HTMLElement }> {
  const el = await fixture<GsChatComposer>(html`<gs-chat-composer></gs-chat-composer>`);
  const sent: GsChatSendEvent[] = [];
  el.addEventListener('gs-chat-send', (e) => sent.push(e));
  attachButton(el)!.click();
  await waitUntil(() => root(el).querySelector('gs-file-attachments')?.shadowRoot?.querySelector('button.choose'), 'the attachments field');
  await settle(el);
  return { el, sent, field: root(el).querySelector<HTMLElement>('gs-file-attachments')! };
}

const change = (field: HTMLElement, uploadIds: string[], pending: boolean) => field.dispatchEvent(new GsAttachmentsChangeEvent([], uploadIds, pending));

describe('gs-chat-composer: attachments', () => {
  it('«Прикрепить файлы» fetches the request form’s field, shows it with focus on «Выбрать файлы», and the button goes', async () => {
    const { el } = await withField();
    expect(text(root(el).querySelector('gs-file-attachments')!.shadowRoot!.querySelector('legend'))).to.equal('Файлы');
    expect((deepActiveElement() as HTMLElement | null)?.classList.contains('choose')).to.equal(true);
    expect(attachButton(el)).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('waits while a file uploads (says so, sends nothing, keeps the text), then sends the text with the uploaded ids', async () => {
    const { el, sent, field } = await withField();
    const textarea = root(el).querySelector('textarea')!;
    textarea.value = 'Скан заявления';
    textarea.dispatchEvent(new Event('input'));
    change(field, ['u1'], true);
    root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(el);
    expect(sent).to.have.length(0);
    expect(textarea.value).to.equal('Скан заявления');
    expect((field as HTMLElement & { error: string }).error).to.equal('Дождитесь, пока файлы загрузятся, и отправьте снова.');
    await expect(el).to.be.accessible();

    change(field, ['u1', 'u2'], false);
    await settle(el);
    expect((field as HTMLElement & { error: string }).error).to.equal('');
    root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(el);
    expect(sent.map((e) => [e.text, e.attachments])).to.deep.equal([['Скан заявления', ['u1', 'u2']]]);
    // The files went with the message: the field goes, the button comes back.
    expect(root(el).querySelector('gs-file-attachments')).to.equal(null);
    expect(attachButton(el)).to.not.equal(undefined);
  });

  it('sends files without text; with neither, nothing is sent', async () => {
    const { el, sent, field } = await withField();
    root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(el);
    expect(sent).to.have.length(0);
    change(field, ['u9'], false);
    await settle(el);
    root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(sent.map((e) => [e.text, e.attachments])).to.deep.equal([['', ['u9']]]);
  });
});
