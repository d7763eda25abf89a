import { expect, fixture as standalone, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/features/chat/index.js';
import '../../../src/features/chat/texts/all.js';
import type { GsChat } from '../../../src/features/chat/chat.js';
import { ChatRequestError, type ChatConnectionHandlers } from '../../../src/features/chat/chat-connection.js';
import { mergeMessages } from '../../../src/features/chat/chat-session-controller.js';
import { deepActiveElement, fixture, settle, text } from '../../helpers/fixture.js';
import { fakeFetch, json } from '../../helpers/fake-fetch.js';
import { AT as AT_END, chatState, CONVERSATION, FakeLink, MemoryStore, message, sendResponder } from './chat-fakes.js';

const resumeWith = (messages = [message(1, { author: 'citizen', text: 'Не приходит код' }), message(2)], state = chatState({ lastSeq: 2 })) => () => ({
  ok: true,
  state,
  messages,
  hasMore: false,
});

/** gs-chat with a saved conversation, a memory store and a fake connection. */
async function chatWith(responders: Record<string, (p: unknown) => unknown>, store = new MemoryStore(), saved = true) {
  if (saved) await store.saveConversation(CONVERSATION, 'token-1');
  let link!: FakeLink;
  const el = await fixture<GsChat>(html`<gs-chat
    .sessionOptions=${{
      store: store.asStore(),
      sendRetries: 0,
      connect: (_backend: string, handlers: ChatConnectionHandlers) => (link = new FakeLink(handlers, { 'chat:read': () => ({ ok: true }), ...responders })),
    }}
  ></gs-chat>`);
  await waitUntil(() => el.session.phase !== 'loading', 'the session looked for a saved conversation');
  await settle(el);
  return { el, link: () => link, store };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Fills in the opening form validly and submits it. */
async function submitOpening(el: GsChat): Promise<void> {
  const root = el.shadowRoot!.querySelector('gs-chat-opening')!.shadowRoot!;
  root.querySelector<HTMLInputElement>('#kind')!.click();
  for (const [id, value] of [['summary', 'Не приходит код'], ['question', 'Код подтверждения не приходит на телефон']]) {
    const field = root.querySelector<HTMLInputElement>(`#${id}`)!;
    if (field.value === value) continue;
    field.value = value!;
    field.dispatchEvent(new Event('input'));
  }
  await settle(el);
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

const logOf = (el: GsChat) => el.shadowRoot!.querySelector('gs-chat-log')!.shadowRoot!;

describe('chat session', () => {
  it('merges messages by seq, in order, each once', () => {
    const a = [message(1), message(2)];
    const merged = mergeMessages(a, [message(3), message(2, { text: 'снова' }), message(1)]);
    expect(merged.map((m) => m.seq)).to.deep.equal([1, 2, 3]);
    expect(merged[1]!.text).to.equal('снова');
  });

  it('resumes a saved conversation with its token and last seq, and shows a message once however often it arrives', async () => {
    const { el, link } = await chatWith({ 'chat:resume': resumeWith() });
    await waitUntil(() => el.session.messages.length === 2, 'resumed');
    expect(link().sent[0]).to.deep.equal({ event: 'chat:resume', payload: { conversationId: CONVERSATION, token: 'token-1', lastSeenSeq: 0 } });
    link().handlers.message(message(3, { author: 'operator', operatorName: 'Анна', text: 'Здравствуйте' }));
    link().handlers.message(message(3, { author: 'operator', operatorName: 'Анна', text: 'Здравствуйте' }));
    link().handlers.message(message(2));
    await settle(el);
    expect(el.session.messages.map((m) => m.seq)).to.deep.equal([1, 2, 3]);
    expect(logOf(el).querySelectorAll('li.message').length).to.equal(3);
    // A reconnect resumes from the last seq shown.
    link().drop('reconnecting');
    await link().connect();
    expect(link().sent.filter((s) => s.event === 'chat:resume').at(-1)!.payload).to.deep.include({ lastSeenSeq: 3 });
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('keeps messages typed offline in the outbox, «Отправляется…», and sends them in order once the connection is back', async () => {
    const { el, link, store } = await chatWith({ 'chat:resume': resumeWith(), 'chat:send': sendResponder(3) });
    await waitUntil(() => el.session.connection === 'connected');
    link().drop('offline');
    await settle(el);
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.contain('Нет подключения к интернету');
    for (const t of ['один', 'два', 'три']) el.session.send(t);
    await settle(el);
    expect([...logOf(el).querySelectorAll('li.pending')].map((li) => text(li))).to.deep.equal(['Вы один Отправляется…', 'Вы два Отправляется…', 'Вы три Отправляется…']);
    await waitUntil(() => store.entries.size === 3, 'kept in the outbox');
    await expect(el).to.be.accessible();

    await link().connect();
    await waitUntil(() => el.session.pending.length === 0, 'the outbox flushed');
    expect(link().sent.filter((s) => s.event === 'chat:send').map((s) => (s.payload as { text: string }).text)).to.deep.equal(['один', 'два', 'три']);
    expect(el.session.messages.map((m) => m.text).slice(2)).to.deep.equal(['один', 'два', 'три']);
    await waitUntil(() => store.entries.size === 0, 'the outbox is empty');
    await settle(el);
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('Чат подключён.');
  });

  it('never stores a message with a passport, СНИЛС or ИНН number; the composer says it will not survive a reload', async () => {
    const { el, link, store } = await chatWith({ 'chat:resume': resumeWith() });
    await waitUntil(() => el.session.connection === 'connected');
    link().drop('offline');
    const composer = el.shadowRoot!.querySelector('gs-chat-composer')!;
    const area = composer.shadowRoot!.querySelector('textarea')!;
    area.value = 'Мой СНИЛС 112-233-445 95';
    area.dispatchEvent(new Event('input'));
    await settle(el);
    expect(text(composer.shadowRoot!.querySelector('#composer-sensitive'))).to.contain('не сохранится при перезагрузке');
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await settle(el);
    expect(el.session.pending.map((p) => [p.text, p.kept])).to.deep.equal([['Мой СНИЛС 112-233-445 95', false]]);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.writes).to.deep.equal([]);
    expect(text(logOf(el).querySelector('li.pending'))).to.contain('пропадёт, если её перезагрузить');
    await expect(el).to.be.accessible();
  });

  it('shows «Не отправлено — Повторить» when the retries run out, and sends it again on «Повторить»', async () => {
    let fail = true;
    const ok = sendResponder(3);
    const { el } = await chatWith({ 'chat:resume': resumeWith(), 'chat:send': (p) => (fail ? new ChatRequestError('timeout', 'no answer') : ok(p)) });
    await waitUntil(() => el.session.connection === 'connected');
    el.session.send('Алло');
    await waitUntil(() => el.session.pending[0]?.status === 'failed', 'failed');
    await settle(el);
    const item = logOf(el).querySelector('li.pending')!;
    expect(text(item)).to.contain('Не отправлено');
    await expect(el).to.be.accessible();
    fail = false;
    item.querySelector<HTMLButtonElement>('button.retry')!.click();
    await waitUntil(() => el.session.pending.length === 0, 'sent on retry');
    expect(el.session.messages.at(-1)!.text).to.equal('Алло');
  });

  it('sends a start whose ack was lost again with the same startId; a new submission after a failure gets a new one', async () => {
    const store = new MemoryStore();
    // The server made the conversation, the ack never came: the first attempt times out.
    let lost = 1;
    const started = (body: unknown) => ({
      ok: true,
      conversationId: CONVERSATION,
      token: 'token-after-retry',
      state: chatState(),
      messages: [message(1, { author: 'citizen', text: (body as { question: string }).question })],
    });
    const { el, link } = await chatWith({ 'chat:start': (body) => (lost-- > 0 ? new ChatRequestError('timeout', 'no answer') : started(body)) }, store, false);
    await submitOpening(el);
    await waitUntil(() => el.session.phase === 'conversation', 'started on the retry');
    const ids = link()
      .sent.filter((s) => s.event === 'chat:start')
      .map((s) => (s.payload as { startId: string }).startId);
    expect(ids).to.have.length(2);
    expect(ids[0]).to.match(UUID);
    expect(ids[1]).to.equal(ids[0]);
    expect(store.saved).to.include({ conversationId: CONVERSATION, token: 'token-after-retry' });
    expect(el.session.messages.map((m) => m.seq)).to.deep.equal([1]);
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('when every attempt of a start fails, the form keeps what was typed and the next submission has a new startId', async () => {
    let fail = true;
    const ok = (body: unknown) => ({ ok: true, conversationId: CONVERSATION, token: 't', state: chatState(), messages: [message(1, { author: 'citizen', text: (body as { question: string }).question })] });
    const { el, link } = await chatWith({ 'chat:start': (body) => (fail ? new ChatRequestError('timeout', 'no answer') : ok(body)) }, new MemoryStore(), false);
    await submitOpening(el);
    await waitUntil(() => !el.session.busy && el.session.problem !== undefined, 'the start failed');
    await settle(el);
    const starts = () => link().sent.filter((s) => s.event === 'chat:start').map((s) => (s.payload as { startId: string }).startId);
    expect(starts()).to.have.length(3, 'the first attempt and two retries');
    expect(new Set(starts()).size).to.equal(1);
    const root = el.shadowRoot!.querySelector('gs-chat-opening')!.shadowRoot!;
    expect(root.querySelector<HTMLTextAreaElement>('#question')!.value).to.equal('Код подтверждения не приходит на телефон');
    await expect(el).to.be.accessible();
    fail = false;
    await submitOpening(el);
    await waitUntil(() => el.session.phase === 'conversation', 'started');
    expect(starts()).to.have.length(4);
    expect(starts()[3]).to.match(UUID).and.not.equal(starts()[0]);
  });

  it('standalone (no widget around it) with locale="en": the chat\'s parts speak English', async () => {
    // @open-wc's fixture: no config provider around it, as on a page that uses <gs-chat> alone.
    const el = await standalone<GsChat>(html`<gs-chat locale="en" .sessionOptions=${{ store: new MemoryStore().asStore(), connect: (_b: string, h: ChatConnectionHandlers) => new FakeLink(h, {}) }}></gs-chat>`);
    await waitUntil(() => el.session.phase === 'opening', 'the opening form');
    await settle(el);
    const opening = el.shadowRoot!.querySelector('gs-chat-opening')!;
    expect(text(opening.shadowRoot!.querySelector('button[type=submit]'))).to.equal('Start the chat');
  });

  it('starts with the structured opening; after the start the conversation is saved and the assistant answers', async () => {
    const store = new MemoryStore();
    const { el, link } = await chatWith(
      {
        'chat:start': (body) => ({
          ok: true,
          conversationId: CONVERSATION,
          token: 'token-2',
          state: chatState(),
          messages: [message(1, { author: 'citizen', text: (body as { question: string }).question })],
        }),
        'chat:resume': resumeWith(),
        'chat:handoff': () => ({ ok: true, state: chatState({ status: 'waiting', queue: { position: 2, estimatedWaitMinutes: 25, callbackOffered: true } }) }),
      },
      store,
      false,
    );
    expect(el.session.phase).to.equal('opening');
    await expect(el).to.be.accessible();
    const opening = el.shadowRoot!.querySelector('gs-chat-opening')!;
    const root = opening.shadowRoot!;
    root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(el);
    const summary = root.querySelector('gs-error-summary')!;
    expect([...summary.shadowRoot!.querySelectorAll('li')].map((li) => text(li))).to.deep.equal([
      'Выберите, что вам нужно',
      'Напишите коротко, о чём вопрос',
      'Напишите ваш вопрос',
    ]);
    await expect(el).to.be.accessible();

    root.querySelector<HTMLInputElement>('#kind')!.click();
    for (const [id, value] of [['summary', 'Не приходит код'], ['question', 'Код подтверждения не приходит на телефон']]) {
      const field = root.querySelector<HTMLInputElement>(`#${id}`)!;
      field.value = value!;
      field.dispatchEvent(new Event('input'));
    }
    await settle(el);
    root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => el.session.phase === 'conversation', 'started');
    const { startId, ...sent } = link().sent.find((s) => s.event === 'chat:start')!.payload as Record<string, unknown>;
    expect(startId).to.match(UUID);
    expect(sent).to.deep.equal({
      kind: 'technical',
      summary: 'Не приходит код',
      question: 'Код подтверждения не приходит на телефон',
      locale: 'ru',
    });
    expect(store.saved).to.include({ conversationId: CONVERSATION, token: 'token-2' });
    link().handlers.message(message(2, { author: 'assistant', text: 'Проверьте номер телефона.', article: { id: 'x', title: 'Код' } }));
    await settle(el);
    expect(text(logOf(el))).to.contain('Проверьте номер телефона.');
    await expect(el).to.be.accessible();

    // «Позвать оператора»: in the queue, with the long-wait offer of a callback.
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.handoff')!.click();
    await waitUntil(() => el.session.state?.status === 'waiting');
    await settle(el);
    const queue = el.shadowRoot!.querySelector('gs-chat-queue')!.shadowRoot!;
    expect(text(queue)).to.contain('Вы 2-й в очереди. Примерное ожидание: 25 мин.');
    expect(el.shadowRoot!.querySelector('button.handoff')).to.equal(null);
    let navigated: { view: string; prefill?: Record<string, unknown> } | undefined;
    el.addEventListener('gs-navigate', (e) => (navigated = e));
    queue.querySelector<HTMLButtonElement>('.button-primary')!.click();
    expect(navigated?.view).to.equal('callback');
    expect(navigated?.prefill).to.deep.include({ topic: 'technical', conversationRef: CONVERSATION });
    await expect(el).to.be.accessible();
  });

  it('after the end: rating 1–5, transcript download and by e-mail; outside hours says when operators return', async () => {
    const { el, link } = await chatWith({
      'chat:resume': resumeWith(undefined, chatState({ operators: { open: false, returnsAt: '2026-03-17T05:00:00.000Z' } })),
      'chat:end': () => ({ ok: true, state: chatState({ status: 'closed' }) }),
      'chat:rate': () => ({ ok: true }),
      'transcript:email': () => ({ ok: true }),
    });
    await waitUntil(() => el.session.connection === 'connected');
    await settle(el);
    expect(text(el.shadowRoot!)).to.contain('Операторы сейчас не работают и вернутся завтра в 08:00 МСК');
    await expect(el).to.be.accessible();

    el.shadowRoot!.querySelector<HTMLButtonElement>('button.end')!.click();
    await settle(el);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.confirm .button-primary')!.click();
    await waitUntil(() => el.session.phase === 'ended');
    // The rating and transcript are a file of their own, fetched now; focus goes to their heading.
    await waitUntil(() => deepActiveElement()?.id === 'end-title', 'focus on «Чат завершён»');
    const end = el.shadowRoot!.querySelector('gs-chat-end')!;
    const root = end.shadowRoot!;
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await settle(el);
    expect(text(root.querySelector('#score-error'))).to.contain('Выберите оценку');
    await expect(el).to.be.accessible();
    root.querySelector<HTMLInputElement>('#score-5')!.click();
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await waitUntil(() => text(root).includes('Спасибо за оценку!'));
    expect(link().sent.find((s) => s.event === 'chat:rate')!.payload).to.deep.equal({ score: 5 });

    const email = root.querySelector<HTMLInputElement>('#email')!;
    email.value = 'ivanova@example.ru';
    email.dispatchEvent(new Event('input'));
    [...root.querySelectorAll<HTMLButtonElement>('button[type=submit]')].at(-1)!.click();
    await waitUntil(() => text(root).includes('Переписка отправлена на почту.'));
    expect(link().sent.find((s) => s.event === 'transcript:email')!.payload).to.deep.equal({ email: 'ivanova@example.ru' });
    await settle(el);
    await expect(el).to.be.accessible();
  });
});

describe('chat session: the survey at the end (issue 17)', () => {
  it('a closed state with a survey: the chat\'s end shows the survey instead of the rating; the answer goes to /surveys/:token, not chat:rate', async () => {
    const token = `chat.${btoa(CONVERSATION).replace(/=+$/, '')}.AbCdEfGhIjKlMnOpQrStUv`;
    const network = fakeFetch(() => json({ resolved: 'yes', rating: 4, shareWithOperator: false, answeredAt: AT_END }, 201));
    try {
      const { el, link } = await chatWith({
        'chat:resume': resumeWith(undefined, chatState()),
        'chat:end': () => ({ ok: true, state: chatState({ status: 'closed', survey: { token, answered: false } }) }),
        'chat:rate': () => ({ ok: true }),
      });
      await waitUntil(() => el.session.connection === 'connected');
      await settle(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('button.end')!.click();
      await settle(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('.confirm .button-primary')!.click();
      await waitUntil(() => el.session.phase === 'ended');
      const end = el.shadowRoot!.querySelector('gs-chat-end')!;
      await waitUntil(() => end.shadowRoot!.querySelector('gs-survey-form'), 'the survey arrives');
      const form = end.shadowRoot!.querySelector('gs-survey-form')!;
      await settle(el);
      expect(end.shadowRoot!.querySelector('#score'), 'no rating').to.equal(null);
      expect(text(end.shadowRoot!.querySelector('#transcript-title'))).to.equal('Переписка');
      await expect(el).to.be.accessible();
      const root = form.shadowRoot!;
      root.querySelector<HTMLInputElement>('#resolved')!.click();
      root.querySelector<HTMLInputElement>('#rating-4')!.click();
      await settle(el);
      root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await waitUntil(() => root.querySelector('#done'), 'the thank-you');
      expect(network.calls.map((c) => c.url.endsWith(`/surveys/${token}`))).to.deep.equal([true]);
      expect(link().sent.some((s) => s.event === 'chat:rate'), 'not the chat\'s rating').to.equal(false);
    } finally {
      network.restore();
    }
  });

  it('answered before: the line, no form and no rating', async () => {
    const { el } = await chatWith({
      'chat:resume': resumeWith(undefined, chatState({ status: 'closed', survey: { token: 'chat.x.AbCdEfGhIjKlMnOpQrStUv', answered: true } })),
    });
    await waitUntil(() => el.session.phase === 'ended');
    await waitUntil(() => el.shadowRoot!.querySelector('gs-chat-end')?.shadowRoot?.querySelector('.survey-answered'));
    const end = el.shadowRoot!.querySelector('gs-chat-end')!.shadowRoot!;
    expect(text(end.querySelector('.survey-answered'))).to.equal('Спасибо, вы уже оценили, как мы помогли.');
    expect(end.querySelector('#score, gs-survey-form')).to.equal(null);
  });
});

describe('chat session: two tabs on one conversation', () => {
  it('sends the shared outbox from one tab at a time; both tabs show every message once', async () => {
    const store = new MemoryStore();
    await store.saveConversation(CONVERSATION, 'token-1');
    const server = sendResponder(3);
    const links: FakeLink[] = [];
    const tab = () =>
      fixture<GsChat>(html`<gs-chat
        .sessionOptions=${{
          store: store.asStore(),
          connect: (_b: string, handlers: ChatConnectionHandlers) => {
            const link = new FakeLink(handlers, { 'chat:resume': resumeWith(), 'chat:read': () => ({ ok: true }), 'chat:send': server });
            links.push(link);
            return link;
          },
        }}
      ></gs-chat>`);
    const [a, b] = [await tab(), await tab()];
    await waitUntil(() => a.session.connection === 'connected' && b.session.connection === 'connected');
    links.forEach((l) => l.drop('offline'));
    a.session.send('из первой вкладки');
    b.session.send('из второй вкладки');
    await waitUntil(() => store.entries.size === 2, 'both in the shared outbox');
    // Back online together: each tab would send the whole outbox; the lock lets one at a time.
    await Promise.all(links.map((l) => l.connect()));
    // The server's room: every message reaches both tabs.
    await waitUntil(() => a.session.pending.length === 0 && b.session.pending.length === 0, 'both outboxes flushed');
    for (const link of links) for (const s of link.sent.filter((x) => x.event === 'chat:send')) {
      const answer = server(s.payload) as { message: Parameters<typeof mergeMessages>[1][number] };
      links.forEach((l) => l.handlers.message(answer.message));
    }
    await settle(a);
    await settle(b);
    for (const el of [a, b]) expect(el.session.messages.map((m) => m.text).slice(2)).to.deep.equal(['из первой вкладки', 'из второй вкладки']);
    const sends = links.flatMap((l) => l.sent.filter((x) => x.event === 'chat:send').map((x) => (x.payload as { text: string }).text));
    // A repeat (the other tab already sent it) is answered as a duplicate; never two stored messages.
    expect(new Set(sends)).to.deep.equal(new Set(['из первой вкладки', 'из второй вкладки']));
  });
});

describe('chat at 320 px and 200 % text', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('fits the width: no horizontal scrolling, long words and links wrap', async () => {
    await setViewport({ width: 320, height: 640 });
    const long = 'https://www.gosuslugi.ru/help/faq/personal_account/very/long/path/that/does/not/break/anywhere?with=parameters&and=more';
    const { el } = await chatWith({
      'chat:resume': resumeWith([
        message(1, { author: 'citizen', text: 'Оченьдлинноесловобезпробеловкотороедолжнопереноситьсянаузкомэкране' }),
        message(2, { text: long, suggestions: [{ id: 'a', title: 'Как восстановить пароль или логин, если не приходит код подтверждения?' }] }),
      ], chatState({ status: 'waiting', queue: { position: 3, estimatedWaitMinutes: 40, callbackOffered: true } })),
    });
    el.style.fontSize = '200%';
    el.style.display = 'block';
    el.style.width = '320px';
    await waitUntil(() => el.session.messages.length === 2);
    await settle(el);
    const overflowing: string[] = [];
    const visit = (root: ShadowRoot) => {
      for (const node of root.querySelectorAll<HTMLElement>('*')) {
        if (node.getBoundingClientRect().right > 321 && node.getClientRects().length) overflowing.push(node.localName + '.' + node.className);
        if (node.shadowRoot) visit(node.shadowRoot);
      }
    };
    visit(el.shadowRoot!);
    expect(overflowing).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
