import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor as waitForOnce } from 'storybook/test';
// Defines gs-chat and its parts: a separate entry (gov-support-widget/chat), not in src/index.ts.
import '../src/features/chat/index.js';
import '../src/features/chat/texts/all.js';
import { ChatRequestError } from '../src/features/chat/chat-connection.js';
import type { GsChat } from '../src/features/chat/chat.js';
import { en } from '../src/features/chat/texts/en.js';
import type { ChatMessages } from '../src/features/chat/texts/messages.js';
import { ru } from '../src/features/chat/texts/ru.js';
import type { ChatMessage, ChatState } from '../src/protocol/chat.js';
import {
  chatBackend,
  chatMessage,
  chatServer,
  chatState,
  EXAMPLE_OPERATOR,
  sendResponder,
  startResponder,
  systemLine,
  type ChatScenario,
} from './support/chat.js';
import { usePageConfig } from './support/fixtures.js';
import { $, click, rendered, text, typeInto } from './support/forms.js';
import { darkVariant, highContrastVariant, renderStandalone, standaloneArgTypes, themeArgs, themedPage, type StandaloneArgs } from './support/standalone.js';

/** Waits as long as a loaded CI machine may need (storybook's default is one second). */
const waitFor = <T>(check: () => T | Promise<T>) => waitForOnce(check, { timeout: 5000 });

interface Args extends StandaloneArgs {
  onGsNavigate?: (event: Event) => void;
}

// ---------------------------------------------------------------------------------------------
// The example conversation (example data: no real person, number or article)

/** What the example citizen, the assistant and the operator write, per language. */
const EXAMPLE = {
  ru: {
    summary: 'Не приходит код подтверждения',
    question: 'Не приходит SMS с кодом при входе в личный кабинет.',
    answer: 'Проверьте, что в профиле указан верный номер телефона, и запросите код ещё раз через 2 минуты. Подробнее: https://www.example.gov.ru/help/sms-code',
    article: 'Не приходит код подтверждения по SMS',
    unknownQuestion: 'Можно ли подать заявление за пожилого родственника?',
    unknownAnswer: 'Я не нашёл точного ответа. Возможно, поможет одна из этих статей — или позовите оператора.',
    suggestions: ['Как подать заявление за другого человека', 'Доверенность: какая нужна и как её оформить'],
    greeting: 'Здравствуйте! Подскажите последние четыре цифры номера, на который должен приходить код.',
    digits: 'Заканчивается на 67-89.',
    fix: 'Спасибо. В профиле номер указан с ошибкой: исправьте его в разделе «Настройки» и запросите код снова.',
    fixed: 'Исправила, сейчас попробую войти.',
    offline: ['Код так и не пришёл.', 'Если нужно, паспорт 4510 123456.'],
    unsent: 'Спасибо, всё получилось!',
    comment: 'Оператор быстро помог.',
  },
  en: {
    summary: 'The confirmation code does not arrive',
    question: 'I do not get the SMS with the code when I sign in to my account.',
    answer: 'Check that the phone number in your profile is right and ask for the code again in 2 minutes. More: https://www.example.gov.ru/help/sms-code',
    article: 'The SMS confirmation code does not arrive',
    unknownQuestion: 'Can I apply on behalf of an elderly relative?',
    unknownAnswer: 'I found no exact answer. One of these articles may help — or ask for an operator.',
    suggestions: ['How to apply for another person', 'Power of attorney: which one and how to get it'],
    greeting: 'Hello! What are the last four digits of the number the code should come to?',
    digits: 'It ends in 67-89.',
    fix: 'Thank you. The number in your profile has a typo: correct it under «Settings» and ask for the code again.',
    fixed: 'Done, I will try to sign in now.',
    offline: ['The code still has not arrived.', 'My passport is 4510 123456 if you need it.'],
    unsent: 'Thank you, it worked!',
    comment: 'The operator helped quickly.',
  },
} as const;

type Locale = keyof typeof EXAMPLE;
const TEXTS: Record<Locale, ChatMessages> = { ru, en };

/** The question (seq 1) and the assistant's answer from its article (seq 2). */
const answered = (locale: Locale): ChatMessage[] => [
  chatMessage(1, { author: 'citizen', text: EXAMPLE[locale].question }),
  chatMessage(2, { text: EXAMPLE[locale].answer, article: { id: 'example-article-sms-code', title: EXAMPLE[locale].article } }),
];

/** Then the queue, the operator joining and the talk with them (seq 3–8). */
const withOperator = (locale: Locale): ChatMessage[] => {
  const x = EXAMPLE[locale];
  return [
    ...answered(locale),
    systemLine(3, 'queued', TEXTS[locale]),
    systemLine(4, 'operator_joined', TEXTS[locale], EXAMPLE_OPERATOR),
    chatMessage(5, { author: 'operator', operatorName: EXAMPLE_OPERATOR, text: x.greeting }),
    chatMessage(6, { author: 'citizen', text: x.digits }),
    chatMessage(7, { author: 'operator', operatorName: EXAMPLE_OPERATOR, text: x.fix }),
    chatMessage(8, { author: 'citizen', text: x.fixed }),
  ];
};

/** The operator has the conversation; they have read up to `operatorReadSeq`. */
const activeState = (locale: Locale, lastSeq: number, operatorReadSeq: number): ChatState =>
  chatState({ status: 'active', summary: EXAMPLE[locale].summary, operatorName: EXAMPLE_OPERATOR, lastSeq, citizenReadSeq: lastSeq, operatorReadSeq });

/** The conversation with the operator so far, kept on this device and resumed. */
const operatorScenario = (locale: Locale, responders: ChatScenario['responders'] = {}): ChatScenario => ({
  resume: { state: activeState(locale, 8, 6), messages: withOperator(locale) },
  responders,
});

/** The operator closed the conversation (seq 9). */
const endedScenario = (locale: Locale): ChatScenario => ({
  resume: {
    state: chatState({ status: 'closed', summary: EXAMPLE[locale].summary, operatorName: EXAMPLE_OPERATOR, lastSeq: 9, citizenReadSeq: 9, operatorReadSeq: 8 }),
    messages: [...withOperator(locale), systemLine(9, 'closed', TEXTS[locale], EXAMPLE_OPERATOR)],
  },
  responders: { 'chat:rate': () => ({ ok: true }), 'transcript:email': () => ({ ok: true }) },
});

// ---------------------------------------------------------------------------------------------

/**
 * «Онлайн-чат» standalone, as a site may place it on its own page: config from the page's store
 * (the demo config, in the story's language), "now" from a clock provider around it (Monday
 * 12:00 Moscow), and the theme as the element's `scheme` / `contrast` attributes over a page of
 * the theme's background. There is no network: the element gets a fake connection through its
 * `sessionOptions` (as the component tests do), whose answers are the story's; what the server
 * would push (the assistant's answer, the queue, «печатает…») the story's `play` sends through
 * it. The conversation is kept in memory, not in IndexedDB, and any HTTP request fails the story.
 * Names, numbers, links and articles are example data.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-chat',
  component: 'gs-chat',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  // The page's config carries the language: gs-chat's parts (log, queue, end…) read it from there.
  beforeEach: ({ args }) => usePageConfig({ locale: args.locale }),
  args: { locale: 'ru', time: 'Mon 12:00 MSK', ...themeArgs },
  argTypes: standaloneArgTypes('The fixed "now" of the clock provider around the element (when operators return, outside their hours).'),
  render: (args) => {
    const page = renderStandalone('gs-chat', args, { 'gs-navigate': args.onGsNavigate });
    page.querySelector('gs-chat')!.sessionOptions = chatServer().sessionOptions;
    return page;
  },
};
export default meta;

type Story = StoryObj<Args>;

const dark = darkVariant<Story>;
const highContrast = highContrastVariant<Story>;
const english = <S extends { args?: object }>(story: S): S => ({ ...story, args: { ...story.args, locale: 'en' } });

/** gs-chat once the session knows its phase. */
async function chatIn(canvasElement: HTMLElement, phase: GsChat['session']['phase']): Promise<GsChat> {
  const el = await rendered<GsChat>(canvasElement, 'gs-chat');
  await waitFor(() => expect(el.session.phase).toBe(phase));
  await el.updateComplete;
  return el;
}

/** The shadow root of the part `tag` of the chat. */
const partOf = (el: GsChat, tag: string): ShadowRoot => $(el.shadowRoot!, tag).shadowRoot!;

/** gs-chat-end's shadow root once it has come (it is a file of its own, fetched when the chat ends) and rendered. */
async function endOf(el: GsChat): Promise<ShadowRoot> {
  await waitFor(() => expect($(el.shadowRoot!, 'gs-chat-end').shadowRoot).not.toBeNull());
  await ($(el.shadowRoot!, 'gs-chat-end') as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  return partOf(el, 'gs-chat-end');
}

/** The log's text as read. */
const logText = (el: GsChat) => text(partOf(el, 'gs-chat-log'));

/** Writes `message` in the composer and presses «Отправить», as the citizen does. */
async function write(el: GsChat, message: string): Promise<void> {
  const composer = partOf(el, 'gs-chat-composer');
  typeInto(composer, 'composer', message);
  await el.updateComplete;
  click(composer, 'button[part="send"]');
  await el.updateComplete;
}

/** The conversation resumed and the connection ready. */
async function resumed(canvasElement: HTMLElement, phase: GsChat['session']['phase'] = 'conversation'): Promise<GsChat> {
  const el = await chatIn(canvasElement, phase);
  await waitFor(() => expect(el.session.connection).toBe('connected'));
  await waitFor(() => expect(el.session.state).toBeTruthy());
  await el.updateComplete;
  return el;
}

// ---------------------------------------------------------------------------------------------
// The start

/** No conversation on this device: the intro and the structured opening (anonymous unless named). */
export const Opening: Story = {
  beforeEach: () => chatBackend(),
  play: async ({ canvasElement }) => {
    const el = await chatIn(canvasElement, 'opening');
    await expect(text(el.shadowRoot!)).toContain(ru.intro);
    const form = partOf(el, 'gs-chat-opening');
    await expect(text($(form, 'legend'))).toBe(ru.opening.kind);
    await expect(text(form)).toContain(ru.opening.anonymous);
    await expect(text($(form, 'button[type=submit]'))).toBe(ru.opening.start);
  },
};
export const OpeningDark: Story = dark(Opening);
export const OpeningHighContrast: Story = highContrast(Opening);

/** «Начать чат» with nothing filled in: the error summary takes focus, each field says what is missing, nothing is sent. */
export const OpeningErrors: Story = {
  beforeEach: () => chatBackend(),
  play: async ({ canvasElement }) => {
    const el = await chatIn(canvasElement, 'opening');
    const form = partOf(el, 'gs-chat-opening');
    click(form, 'button[type=submit]');
    await waitFor(() => expect(text($(form, '#kind-error'))).toContain(ru.opening.missing.kind));
    await expect(text($(form, '#summary-error'))).toContain(ru.opening.missing.summary);
    await expect(text($(form, '#question-error'))).toContain(ru.opening.missing.question);
    await expect(form.querySelector('gs-error-summary')).toBeTruthy();
    await expect(chatServer().link).toBeUndefined();
  },
};
export const OpeningErrorsDark: Story = dark(OpeningErrors);
export const OpeningErrorsHighContrast: Story = highContrast(OpeningErrors);

// ---------------------------------------------------------------------------------------------
// The virtual assistant

/**
 * The citizen fills in the opening and starts the chat; the assistant answers from a
 * knowledge-base article, named under the answer. «Позвать оператора» stays offered.
 */
export const AssistantAnswer: Story = {
  beforeEach: () => chatBackend({ responders: { 'chat:start': startResponder(chatState({ summary: EXAMPLE.ru.summary })) } }),
  play: async ({ canvasElement }) => {
    const el = await chatIn(canvasElement, 'opening');
    const form = partOf(el, 'gs-chat-opening');
    click(form, '#kind');
    typeInto(form, 'summary', EXAMPLE.ru.summary);
    typeInto(form, 'question', EXAMPLE.ru.question);
    click(form, 'button[type=submit]');
    await waitFor(() => expect(el.session.phase).toBe('conversation'));
    await expect(chatServer().link!.sent[0]).toEqual({
      event: 'chat:start',
      payload: { startId: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'technical', summary: EXAMPLE.ru.summary, question: EXAMPLE.ru.question, locale: 'ru' },
    });
    // The server pushes the assistant's answer.
    chatServer().link!.handlers.message(answered('ru')[1]!);
    await waitFor(() => expect(logText(el)).toContain(ru.log.article(EXAMPLE.ru.article)));
    await expect(logText(el)).toContain(`${ru.log.assistant}, 12:02`);
    await expect(text($(el.shadowRoot!, 'button.handoff'))).toBe(ru.handoff);
  },
};
export const AssistantAnswerDark: Story = dark(AssistantAnswer);
export const AssistantAnswerHighContrast: Story = highContrast(AssistantAnswer);

/** The assistant found no answer: the articles that may help are buttons that ask their question. */
export const AssistantDoesNotKnow: Story = {
  beforeEach: () =>
    chatBackend({
      resume: {
        state: chatState({ summary: 'Заявление за родственника', lastSeq: 2 }),
        messages: [
          chatMessage(1, { author: 'citizen', text: EXAMPLE.ru.unknownQuestion }),
          chatMessage(2, {
            text: EXAMPLE.ru.unknownAnswer,
            suggestions: EXAMPLE.ru.suggestions.map((title, i) => ({ id: `example-article-${i + 1}`, title })),
          }),
        ],
      },
    }),
  play: async ({ canvasElement }) => {
    const el = await resumed(canvasElement);
    await expect(logText(el)).toContain(ru.log.suggestions);
    const buttons = [...partOf(el, 'gs-chat-log').querySelectorAll('.suggestions button')].map((b) => text(b));
    await expect(buttons).toEqual([...EXAMPLE.ru.suggestions]);
    await expect(text($(el.shadowRoot!, 'button.handoff'))).toBe(ru.handoff);
  },
};
export const AssistantDoesNotKnowDark: Story = dark(AssistantDoesNotKnow);
export const AssistantDoesNotKnowHighContrast: Story = highContrast(AssistantDoesNotKnow);

// ---------------------------------------------------------------------------------------------
// The operators' queue

/** After «Позвать оператора»: third in the queue, about 25 minutes, so a callback is offered instead. */
export const QueueWithCallbackOffer: Story = {
  beforeEach: () =>
    chatBackend({
      resume: { state: chatState({ summary: EXAMPLE.ru.summary, lastSeq: 2 }), messages: answered('ru') },
      responders: {
        'chat:handoff': () => ({
          ok: true,
          state: chatState({ status: 'waiting', summary: EXAMPLE.ru.summary, lastSeq: 3, queue: { position: 3, estimatedWaitMinutes: 25, callbackOffered: true } }),
        }),
      },
    }),
  play: async ({ canvasElement }) => {
    const el = await resumed(canvasElement);
    click(el.shadowRoot!, 'button.handoff');
    await waitFor(() => expect(el.session.state?.status).toBe('waiting'));
    // The server adds the system line.
    chatServer().link!.handlers.message(systemLine(3, 'queued', ru));
    await el.updateComplete;
    const queue = partOf(el, 'gs-chat-queue');
    await waitFor(() => expect(text(queue)).toContain(`${ru.queue.position(3)} ${ru.queue.wait(25)}`));
    await expect(text(queue)).toContain(ru.queue.callbackOffer);
    await expect([...queue.querySelectorAll('button')].map((b) => text(b))).toEqual([ru.queue.callbackAccept, ru.queue.callbackDecline]);
    await waitFor(() => expect(logText(el)).toContain(ru.system.queued(undefined)));
    await expect(el.shadowRoot!.querySelector('button.handoff')).toBeNull();
  },
};
export const QueueWithCallbackOfferDark: Story = dark(QueueWithCallbackOffer);
export const QueueWithCallbackOfferHighContrast: Story = highContrast(QueueWithCallbackOffer);

// ---------------------------------------------------------------------------------------------
// With an operator

/**
 * The operator Анна took the chat: the system lines (queued, joined), her messages by name, the
 * citizen's with «Прочитано» (what she has read) and «Доставлено» (the last one), and
 * «Оператор Анна печатает…» (it goes away after 8 s without news, as in the real chat).
 */
export const WithOperator: Story = {
  beforeEach: ({ args }) => chatBackend(operatorScenario(args.locale)),
  play: async ({ canvasElement, args }) => {
    const t = TEXTS[args.locale];
    const el = await resumed(canvasElement);
    chatServer().link!.handlers.typing({ conversationId: el.session.conversationId!, author: 'operator', operatorName: EXAMPLE_OPERATOR, typing: true });
    await el.updateComplete;
    const log = partOf(el, 'gs-chat-log');
    await waitFor(() => expect(text($(log, '.typing'))).toBe(t.log.typing(EXAMPLE_OPERATOR)));
    await expect(text(log)).toContain(t.system.operator_joined(EXAMPLE_OPERATOR));
    await expect(text(log)).toContain(`${t.log.operator} ${EXAMPLE_OPERATOR}`);
    const own = [...log.querySelectorAll('li.own .state')].map((s) => text(s));
    await expect(own).toEqual([t.log.read, t.log.read, t.log.delivered]);
    await expect(text($(el.shadowRoot!, 'button.end'))).toBe(t.endChat);
  },
};
export const WithOperatorDark: Story = dark(WithOperator);
export const WithOperatorHighContrast: Story = highContrast(WithOperator);
/** The same in English: the page's config says `locale: 'en'` (example messages in English). */
export const WithOperatorEnglish: Story = english(WithOperator);

// ---------------------------------------------------------------------------------------------
// Offline and failed messages

/**
 * The connection is lost (the browser went offline): the status line says so, and what the
 * citizen writes waits in the outbox as «Отправляется…»; the one with a passport number is kept
 * only on this page.
 */
export const OfflinePending: Story = {
  beforeEach: ({ args }) => chatBackend(operatorScenario(args.locale)),
  play: async ({ canvasElement }) => {
    const el = await resumed(canvasElement);
    chatServer().link!.drop('offline');
    await el.updateComplete;
    await waitFor(() => expect(text($(el.shadowRoot!, '.connection'))).toBe(ru.connection.offline));
    for (const message of EXAMPLE.ru.offline) await write(el, message);
    const log = partOf(el, 'gs-chat-log');
    await waitFor(() => expect(log.querySelectorAll('li.pending')).toHaveLength(2));
    await expect([...log.querySelectorAll('li.pending')].map((li) => text(li.querySelector('.state:last-child')))).toEqual([ru.log.sending, ru.log.sending]);
    await expect(text(log)).toContain(ru.log.notKept);
    await expect(chatServer().link!.sent.filter((s) => s.event === 'chat:send')).toEqual([]);
  },
};
export const OfflinePendingDark: Story = dark(OfflinePending);
export const OfflinePendingHighContrast: Story = highContrast(OfflinePending);

/** The server did not acknowledge a message: «Не отправлено» with «Повторить». */
export const SendFailed: Story = {
  beforeEach: ({ args }) => chatBackend(operatorScenario(args.locale, { 'chat:send': () => new ChatRequestError('timeout', 'no answer') })),
  play: async ({ canvasElement }) => {
    const el = await resumed(canvasElement);
    await write(el, EXAMPLE.ru.unsent);
    await waitFor(() => expect(el.session.pending[0]?.status).toBe('failed'));
    await el.updateComplete;
    const log = partOf(el, 'gs-chat-log');
    const item = $(log, 'li.pending');
    await waitFor(() => expect(text($(item, '.failed'))).toBe(ru.log.failed));
    await expect(text($(item, 'button.retry'))).toContain(ru.log.retry);
  },
};
export const SendFailedDark: Story = dark(SendFailed);
export const SendFailedHighContrast: Story = highContrast(SendFailed);

/** After «Повторить» the message goes through: «Доставлено». */
export const SendRetried: Story = {
  beforeEach: ({ args }) => {
    let fail = true;
    const ok = sendResponder(8);
    return chatBackend(operatorScenario(args.locale, { 'chat:send': (p) => (fail ? ((fail = false), new ChatRequestError('timeout', 'no answer')) : ok(p)) }));
  },
  play: async ({ canvasElement }) => {
    const el = await resumed(canvasElement);
    await write(el, EXAMPLE.ru.unsent);
    await waitFor(() => expect(el.session.pending[0]?.status).toBe('failed'));
    await el.updateComplete;
    click(partOf(el, 'gs-chat-log'), 'button.retry');
    await waitFor(() => expect(el.session.pending).toHaveLength(0));
    await el.updateComplete;
    const log = partOf(el, 'gs-chat-log');
    await expect(text([...log.querySelectorAll('li.own')].at(-1))).toContain(`${EXAMPLE.ru.unsent} ${ru.log.delivered}`);
  },
};

// ---------------------------------------------------------------------------------------------
// The end

/** The operator closed the chat: the rating form and the transcript (download or e-mail), «Начать новый чат». */
export const Ended: Story = {
  beforeEach: ({ args }) => chatBackend(endedScenario(args.locale)),
  play: async ({ canvasElement }) => {
    const el = await resumed(canvasElement, 'ended');
    const end = await endOf(el);
    await expect(text(end)).toContain(ru.end.closedByOperator);
    await expect(text($(end, 'legend'))).toBe(ru.end.rate);
    await expect([...end.querySelectorAll('input[type=radio]')]).toHaveLength(5);
    await expect(text($(el.shadowRoot!, 'button.new-chat'))).toBe(ru.end.newChat);
  },
};
export const EndedDark: Story = dark(Ended);
export const EndedHighContrast: Story = highContrast(Ended);

/** The citizen gives 5 with a comment and sends it: «Спасибо за оценку!». */
export const Rated: Story = {
  beforeEach: ({ args }) => chatBackend(endedScenario(args.locale)),
  play: async ({ canvasElement }) => {
    const el = await resumed(canvasElement, 'ended');
    const end = await endOf(el);
    click(end, '#score-5');
    typeInto(end, 'comment', EXAMPLE.ru.comment);
    click(end, 'form button[type=submit]');
    await waitFor(() => expect(text(end)).toContain(ru.end.rated));
    await expect(chatServer().link!.sent.find((s) => s.event === 'chat:rate')?.payload).toEqual({ score: 5, comment: EXAMPLE.ru.comment });
    await expect(end.querySelector('input[type=radio]')).toBeNull();
  },
};
export const RatedDark: Story = dark(Rated);
export const RatedHighContrast: Story = highContrast(Rated);
