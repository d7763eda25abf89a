import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
// Defines gs-chat-log (with the rest of the chat): a separate entry, not in src/index.ts.
import '../src/features/chat/index.js';
import '../src/features/chat/texts/all.js';
import type { GsChatLog } from '../src/features/chat/chat-log.js';
import type { PendingMessage } from '../src/features/chat/chat-model.js';
import { en } from '../src/features/chat/texts/en.js';
import { ru } from '../src/features/chat/texts/ru.js';
import type { ChatMessage } from '../src/protocol/chat.js';
import { chatMessage, EXAMPLE_OPERATOR, systemLine } from './support/chat.js';
import { usePageConfig } from './support/fixtures.js';
import { $, rendered, text } from './support/forms.js';
import { darkVariant, highContrastVariant, renderStandalone, standaloneArgTypes, themeArgs, themedPage, type StandaloneArgs } from './support/standalone.js';

interface Args extends StandaloneArgs {
  messages: ChatMessage[];
  pending: PendingMessage[];
  operatorReadSeq: number;
  /** The operator is typing. */
  typing: boolean;
}

/** An example conversation: the question, the assistant's answer from an article, the queue, the operator. */
const CONVERSATION: ChatMessage[] = [
  chatMessage(1, { author: 'citizen', text: 'Не приходит SMS с кодом при входе в личный кабинет.' }),
  chatMessage(2, {
    text: 'Проверьте, что в профиле указан верный номер телефона, и запросите код ещё раз через 2 минуты. Подробнее: https://www.example.gov.ru/help/sms-code',
    article: { id: 'example-article-sms-code', title: 'Не приходит код подтверждения по SMS' },
  }),
  systemLine(3, 'queued', ru),
  systemLine(4, 'operator_joined', ru, EXAMPLE_OPERATOR),
  chatMessage(5, {
    author: 'operator',
    operatorName: EXAMPLE_OPERATOR,
    text: 'Здравствуйте! Подскажите последние четыре цифры номера. Или позвоните: tel:+78001007010',
  }),
  chatMessage(6, { author: 'citizen', text: 'Заканчивается на 67-89.' }),
];

/** The same conversation in English (example data). */
const CONVERSATION_EN: ChatMessage[] = [
  chatMessage(1, { author: 'citizen', text: 'I do not get the SMS with the code when I sign in to my account.' }),
  chatMessage(2, {
    text: 'Check that the phone number in your profile is right and ask for the code again in 2 minutes. More: https://www.example.gov.ru/help/sms-code',
    article: { id: 'example-article-sms-code', title: 'The SMS confirmation code does not arrive' },
  }),
  systemLine(3, 'queued', en),
  systemLine(4, 'operator_joined', en, EXAMPLE_OPERATOR),
  chatMessage(5, { author: 'operator', operatorName: EXAMPLE_OPERATOR, text: 'Hello! What are the last four digits of the number? Or call us: tel:+78001007010' }),
  chatMessage(6, { author: 'citizen', text: 'It ends in 67-89.' }),
];

/**
 * The chat's messages standalone (inside gs-chat they come from the session): a `role="log"`
 * region, announced politely as messages arrive. Who wrote each message and when (Moscow time),
 * the assistant's article, system lines in the citizen's language, «Доставлено» / «Прочитано»,
 * and the outbox («Отправляется…», «Не отправлено — Повторить»). Text is always plain text:
 * links only for http(s), mailto and tel. Theme as the element's `scheme` / `contrast`
 * attributes over a page of the theme's background. All messages are example data.
 */
const meta: Meta<Args> = {
  title: 'Elements/gs-chat-log',
  component: 'gs-chat-log',
  decorators: [themedPage],
  parameters: { layout: 'fullscreen' },
  beforeEach: () => usePageConfig(),
  args: { locale: 'ru', time: 'Mon 12:00 MSK', ...themeArgs, messages: CONVERSATION, pending: [], operatorReadSeq: 1, typing: false },
  argTypes: {
    ...standaloneArgTypes('Not used by the log (times are written in Moscow time).'),
    messages: { control: 'object' },
    pending: { control: 'object' },
    operatorReadSeq: { control: 'number' },
    typing: { control: 'boolean', table: { category: 'story' } },
  },
  render: (args) => {
    const page = renderStandalone('gs-chat-log', args);
    const log = page.querySelector('gs-chat-log')!;
    log.messages = args.messages;
    log.pending = args.pending;
    log.operatorReadSeq = args.operatorReadSeq;
    log.typing = args.typing ? { operatorName: EXAMPLE_OPERATOR } : undefined;
    return page;
  },
};
export default meta;

type Story = StoryObj<Args>;

const dark = darkVariant<Story>;
const highContrast = highContrastVariant<Story>;

const logOf = (canvasElement: HTMLElement) => rendered<GsChatLog>(canvasElement, 'gs-chat-log');

/** The conversation with the operator typing: the first question «Прочитано», the last «Доставлено». */
export const Conversation: Story = {
  args: { typing: true },
  play: async ({ canvasElement }) => {
    const root = (await logOf(canvasElement)).shadowRoot!;
    await expect($(root, '[role="log"]').getAttribute('aria-label')).toBe(ru.log.label);
    await expect(text(root)).toContain(ru.log.article('Не приходит код подтверждения по SMS'));
    await expect(text(root)).toContain(ru.system.operator_joined(EXAMPLE_OPERATOR));
    await expect([...root.querySelectorAll('li.own .state')].map((s) => text(s))).toEqual([ru.log.read, ru.log.delivered]);
    await expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://www.example.gov.ru/help/sms-code', 'tel:+78001007010']);
    await expect(text($(root, '.typing'))).toBe(ru.log.typing(EXAMPLE_OPERATOR));
  },
};
export const ConversationDark: Story = dark(Conversation);
export const ConversationHighContrast: Story = highContrast(Conversation);

/** The assistant found no answer: the articles that may help, each a button that asks its question. */
export const Suggestions: Story = {
  args: {
    operatorReadSeq: 0,
    messages: [
      chatMessage(1, { author: 'citizen', text: 'Можно ли подать заявление за пожилого родственника?' }),
      chatMessage(2, {
        text: 'Я не нашёл точного ответа. Возможно, поможет одна из этих статей — или позовите оператора.',
        suggestions: [
          { id: 'example-article-1', title: 'Как подать заявление за другого человека' },
          { id: 'example-article-2', title: 'Доверенность: какая нужна и как её оформить' },
        ],
      }),
    ],
  },
  play: async ({ canvasElement }) => {
    const root = (await logOf(canvasElement)).shadowRoot!;
    await expect(text(root)).toContain(ru.log.suggestions);
    await expect(root.querySelectorAll('.suggestions button')).toHaveLength(2);
  },
};
export const SuggestionsDark: Story = dark(Suggestions);
export const SuggestionsHighContrast: Story = highContrast(Suggestions);

/** Messages in the outbox: «Отправляется…» (one kept only on this page: it has a passport number), and one the retries gave up on, with «Повторить». */
export const PendingAndFailed: Story = {
  args: {
    operatorReadSeq: 6,
    pending: [
      { clientId: 'example-pending-1', text: 'Код так и не пришёл.', attachments: [], order: 1, status: 'sending', kept: true },
      { clientId: 'example-pending-2', text: 'Если нужно, паспорт 4510 123456.', attachments: [], order: 2, status: 'sending', kept: false },
      { clientId: 'example-pending-3', text: 'Спасибо, всё получилось!', attachments: [], order: 3, status: 'failed', kept: true },
    ],
  },
  play: async ({ canvasElement }) => {
    const root = (await logOf(canvasElement)).shadowRoot!;
    const items = [...root.querySelectorAll('li.pending')];
    await expect(items.map((li) => text(li.querySelector('.state:last-of-type')))).toEqual([ru.log.sending, ru.log.sending, ru.log.failed]);
    await expect(text(items[1])).toContain(ru.log.notKept);
    await expect(text($(items[2]!, 'button.retry'))).toContain(ru.log.retry);
  },
};
export const PendingAndFailedDark: Story = dark(PendingAndFailed);
export const PendingAndFailedHighContrast: Story = highContrast(PendingAndFailed);

/** Markup in a message is shown as text: no image, no script, no javascript: link. */
export const InertMarkup: Story = {
  args: {
    messages: [chatMessage(1, { author: 'operator', operatorName: EXAMPLE_OPERATOR, text: '<img src=x onerror=alert(1)> javascript:alert(1) <b>жирный?</b>' })],
  },
  play: async ({ canvasElement }) => {
    const root = (await logOf(canvasElement)).shadowRoot!;
    await expect(root.querySelector('img')).toBeNull();
    await expect(root.querySelector('b')).toBeNull();
    await expect(root.querySelector('a')).toBeNull();
    await expect(text(root)).toContain('<img src=x onerror=alert(1)>');
  },
};

/** The conversation in English: the element's `locale`, system lines and marks from the English catalogue. */
export const English: Story = {
  args: { locale: 'en', messages: CONVERSATION_EN, typing: true },
  play: async ({ canvasElement }) => {
    const root = (await logOf(canvasElement)).shadowRoot!;
    await expect(text(root)).toContain(en.system.operator_joined(EXAMPLE_OPERATOR));
    await expect(text($(root, '.typing'))).toBe(en.log.typing(EXAMPLE_OPERATOR));
    await expect([...root.querySelectorAll('li.own .state')].map((s) => text(s))).toEqual([en.log.read, en.log.delivered]);
  },
};
