import { expect, html } from '@open-wc/testing';
import '../../../src/features/chat/index.js';
import '../../../src/features/chat/texts/all.js';
import type { GsChatLog } from '../../../src/features/chat/chat-log.js';
import type { GsChatRetryEvent, GsChatSendEvent } from '../../../src/features/chat/chat-events.js';
import type { PendingMessage } from '../../../src/features/chat/chat-session-controller.js';
import { fixture, settle, text } from '../../helpers/fixture.js';
import { message } from './chat-fakes.js';

const log = (el: GsChatLog) => el.shadowRoot!;

describe('gs-chat-log', () => {
  it('shows markup and javascript: links as inert text: no element, no javascript: href', async () => {
    const el = await fixture<GsChatLog>(html`<gs-chat-log
      .messages=${[
        message(1, { author: 'operator', operatorName: 'Анна', text: '<img src=x onerror=alert(1)>' }),
        message(2, { author: 'assistant', text: 'Нажмите javascript:alert(1) или <a href="javascript:alert(2)">сюда</a>' }),
        message(3, { author: 'citizen', text: '<script>alert(3)</script>' }),
      ]}
    ></gs-chat-log>`);
    const root = log(el);
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('script')).to.equal(null);
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([]);
    expect(text(root)).to.contain('<img src=x onerror=alert(1)>');
    expect(text(root)).to.contain('<a href="javascript:alert(2)">сюда</a>');
    await expect(el).to.be.accessible();
  });

  it('makes http(s), mailto and tel addresses clickable, without the sentence punctuation', async () => {
    const el = await fixture<GsChatLog>(html`<gs-chat-log
      .messages=${[message(1, { text: 'Смотрите https://www.gosuslugi.ru/help?q=1, пишите mailto:help@example.ru или звоните tel:+78001007010. А ftp://x.ru и data:text/html,hi — нет.' })]}
    ></gs-chat-log>`);
    const links = [...log(el).querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://www.gosuslugi.ru/help?q=1', 'mailto:help@example.ru', 'tel:+78001007010']);
    expect(links.every((a) => a.rel.includes('noopener'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('names the author (assistant, operator by name, «Вы»), the time in Moscow, the article, system lines by kind, and delivered/read marks', async () => {
    const el = await fixture<GsChatLog>(html`<gs-chat-log
      .messages=${[
        message(1, { author: 'citizen', text: 'Не приходит код' }),
        message(2, { author: 'assistant', text: 'Проверьте папку «Спам».', article: { id: 'a1', title: 'Код подтверждения' } }),
        message(3, { author: 'system', systemKind: 'operator_joined', operatorName: 'Анна', text: 'Оператор Анна подключился к чату.' }),
        message(4, { author: 'operator', operatorName: 'Анна', text: 'Здравствуйте!' }),
        message(5, { author: 'citizen', text: 'Спасибо' }),
      ]}
      .operatorReadSeq=${1}
      .typing=${{ operatorName: 'Анна' }}
    ></gs-chat-log>`);
    const items = [...log(el).querySelectorAll('li.message')].map((li) => text(li));
    expect(items[0]).to.equal('Вы, 12:05 МСК Не приходит код Прочитано');
    expect(items[1]).to.equal('Виртуальный помощник, 12:05 МСК Проверьте папку «Спам». Из статьи «Код подтверждения»');
    expect(items[2]).to.equal('Оператор Анна подключился к чату.');
    expect(items[3]).to.equal('Оператор Анна, 12:05 МСК Здравствуйте!');
    expect(items[4]).to.equal('Вы, 12:05 МСК Спасибо Доставлено');
    expect(text(log(el).querySelector('.typing'))).to.equal('Оператор Анна печатает…');
    const region = log(el).querySelector('[role="log"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.getAttribute('aria-label')).to.equal('Переписка');
    await expect(el).to.be.accessible();
  });

  it('offers the suggested articles as buttons that ask that question', async () => {
    const el = await fixture<GsChatLog>(html`<gs-chat-log
      .messages=${[message(1, { text: 'Я не нашёл точного ответа.', suggestions: [{ id: 'a', title: 'Как восстановить пароль' }] })]}
    ></gs-chat-log>`);
    let asked: GsChatSendEvent | undefined;
    el.addEventListener('gs-chat-send', (e) => (asked = e));
    log(el).querySelector<HTMLButtonElement>('.suggestions button')!.click();
    expect(asked?.text).to.equal('Как восстановить пароль');
    await expect(el).to.be.accessible();
  });

  it('shows «Отправляется…» for a pending message and «Не отправлено» with «Повторить» for a failed one', async () => {
    const pending: PendingMessage[] = [
      { clientId: 'a', text: 'Первое', attachments: [], order: 1, status: 'sending', kept: true },
      { clientId: 'b', text: 'Мой паспорт 4510 123456', attachments: [], order: 2, status: 'failed', kept: false },
    ];
    const el = await fixture<GsChatLog>(html`<gs-chat-log .messages=${[message(1)]} .pending=${pending}></gs-chat-log>`);
    const [first, second] = [...log(el).querySelectorAll('li.pending')];
    expect(text(first)).to.equal('Вы Первое Отправляется…');
    expect(text(second)).to.contain('Не отправлено');
    expect(text(second)).to.contain('пропадёт, если её перезагрузить');
    let retried: GsChatRetryEvent | undefined;
    el.addEventListener('gs-chat-retry', (e) => (retried = e));
    second!.querySelector<HTMLButtonElement>('button.retry')!.click();
    expect(retried?.clientId).to.equal('b');
    await settle(el);
    await expect(el).to.be.accessible();
  });
});
