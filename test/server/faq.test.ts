import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../src/protocol/error.js';
import { FAQ_QUERY_MAX, FaqResults, type FaqLocale } from '../../src/protocol/faq.js';
import {
  ANSWER_THRESHOLD,
  SUGGESTION_COUNT,
  answerQuestion,
  createFaqAssistant,
  defaultFaqAssistant,
  defaultFaqIndex,
  suggestedQuestions,
} from '../../server/knowledge-base/assistant.js';
import { loadFaqArticles, parseFaqArticles } from '../../server/knowledge-base/articles.js';
import { createFaqIndex, processTerm, searchTerms } from '../../server/knowledge-base/search.js';
import { RUSSIAN, startBackend } from './support.js';

const articles = loadFaqArticles();
const ids = new Set(articles.map((article) => article.id));

/** Questions as citizens type them, and the article that answers each. */
const QUESTIONS: [question: string, locale: FaqLocale, article: string][] = [
  ['не могу восстановить пароль', 'ru', 'password-recovery'],
  ['Забыла пароль от госуслуг, что делать?', 'ru', 'password-recovery'],
  ['как восстановить логин', 'ru', 'password-recovery'],
  ['как сбросить пороль', 'ru', 'password-recovery'],
  ['восстановление доступа', 'ru', 'password-recovery'],
  ['как узнать статус заявления', 'ru', 'request-status'],
  ['где посмотреть статус моего обращения', 'ru', 'request-status'],
  ['на каком этапе моя заявка', 'ru', 'request-status'],
  ['Добрый день! Подал заявление 15 марта, статус не меняется уже две недели, что делать?', 'ru', 'request-status'],
  ['мошенники звонят', 'ru', 'fraud-report'],
  ['мне звонят мошенники и просят код из смс', 'ru', 'fraud-report'],
  ['мне позвонили якобы из службы поддержки и попросили назвать код из смс, это мошенники?', 'ru', 'fraud-report'],
  ['какие документы нужны', 'ru', 'required-documents'],
  ['что взять с собой в мфц', 'ru', 'required-documents'],
  ['как отменить заявление', 'ru', 'cancel-or-change'],
  ['хочу изменить данные в заявлении', 'ru', 'cancel-or-change'],
  ['подал заявление на выплату, но ошибся в адресе, можно ли его исправить', 'ru', 'cancel-or-change'],
  ['как заполнить форму', 'ru', 'filling-forms'],
  ['телефон поддержки', 'ru', 'contacts-and-hours'],
  ['часы работы поддержки', 'ru', 'contacts-and-hours'],
  ['когда работает горячая линия', 'ru', 'contacts-and-hours'],
  ['как с вами связаться', 'ru', 'contacts-and-hours'],
  ['как правильно написать в чат', 'ru', 'chat-how-to-ask'],
  ['как сформулировать запрос', 'ru', 'chat-how-to-ask'],
  ['сколько ждать ответа оператора', 'ru', 'operator-response-time'],
  ['оператор долго не отвечает', 'ru', 'operator-response-time'],
  ['что умеет чат', 'ru', 'chat-what-to-expect'],
  ['не приходит смс с кодом', 'ru', 'sign-in-problems'],
  ['учётная запись заблокирована', 'ru', 'sign-in-problems'],
  ['не могу войти в личный кабинет', 'ru', 'sign-in-problems'],
  ['перезвоните мне', 'ru', 'callback'],
  ['где ближайший МФЦ', 'ru', 'offices'],
  ['записаться на приём', 'ru', 'offices'],
  ['как подтвердить личность', 'ru', 'identity-confirmation'],
  ['не загружается файл', 'ru', 'attachments'],
  ['ошибка при подаче заявления', 'ru', 'application-errors'],
  ['когда ответят на обращение', 'ru', 'answer-time'],
  ['сколько времени рассматривается обращение', 'ru', 'answer-time'],
  ['I forgot my password', 'en', 'password-recovery'],
  ['I lost my password and cannot sign in, what should I do now please help', 'en', 'password-recovery'],
  ['how to check application status', 'en', 'request-status'],
  ['scammers are calling me', 'en', 'fraud-report'],
  ['someone called pretending to be support and asked for the sms code', 'en', 'fraud-report'],
  ['what documents do I need', 'en', 'required-documents'],
  ['how do I cancel my application', 'en', 'cancel-or-change'],
  ['support phone number', 'en', 'contacts-and-hours'],
  ['when are you open', 'en', 'contacts-and-hours'],
  ['how long will the operator take to answer', 'en', 'operator-response-time'],
  ['how to word my question in the chat', 'en', 'chat-how-to-ask'],
  ['what can the chat do', 'en', 'chat-what-to-expect'],
];

/** Questions the knowledge base has no answer to. */
const OFF_TOPIC: [question: string, locale: FaqLocale][] = [
  ['какая погода на Марсе', 'ru'],
  ['рецепт борща', 'ru'],
  ['сколько стоит биткоин', 'ru'],
  ['кто выиграл чемпионат мира по футболу', 'ru'],
  ['как оформить загранпаспорт', 'ru'],
  ['как получить кредит в банке', 'ru'],
  ['напиши стихотворение про осень', 'ru'],
  ['где купить билеты на поезд', 'ru'],
  ['здравствуйте', 'ru'],
  ['спасибо', 'ru'],
  ['как дела', 'ru'],
  ['asdfgh qwerty', 'ru'],
  ['what is the weather on Mars', 'en'],
  ['who won the football world cup', 'en'],
  ['how do I fix my car engine', 'en'],
  ['best pizza in town', 'en'],
];

describe('faq: the articles', () => {
  test('cover the topics of the chat, in Russian and English', () => {
    for (const id of [
      'password-recovery',
      'request-status',
      'required-documents',
      'cancel-or-change',
      'filling-forms',
      'contacts-and-hours',
      'fraud-report',
      'chat-how-to-ask',
      'operator-response-time',
      'chat-what-to-expect',
    ]) {
      assert.ok(ids.has(id), id);
    }
    assert.equal(ids.size, articles.length, 'ids are unique');
    for (const article of articles) {
      assert.match(article.ru.title + article.ru.body, RUSSIAN, `${article.id}: Russian text`);
      assert.doesNotMatch(article.en.title + article.en.body, /[А-Яа-яЁё]/, `${article.id}: English text`);
    }
  });

  test('are plain text with no phone numbers, e-mail addresses, hours or links (those are configuration)', () => {
    for (const article of articles) {
      for (const locale of ['ru', 'en'] as const) {
        const { title, body } = article[locale];
        const where = `${article.id} (${locale})`;
        assert.doesNotMatch(body, /<[a-z/]/i, `${where}: no HTML`);
        assert.doesNotMatch(title + body, /\d[\d\s()‑-]{6,}\d/, `${where}: no phone number`);
        assert.doesNotMatch(title + body, /@/, `${where}: no e-mail address`);
        assert.doesNotMatch(title + body, /\b\d{1,2}[:.]\d{2}\b/, `${where}: no hours`);
        assert.doesNotMatch(title + body, /https?:|www\./i, `${where}: no links`);
        assert.doesNotMatch(body, /\n{3,}/, `${where}: paragraphs separated by one empty line`);
      }
    }
  });

  test('a bad file is refused, naming each problem', () => {
    const good = { id: 'x', ru: { title: 'Т', body: 'Текст' }, en: { title: 'T', body: 'Text' } };
    assert.equal(parseFaqArticles({ articles: [good] })[0]!.suggested, false);
    assert.throws(
      () =>
        parseFaqArticles({
          articles: [good, { ...good }, { id: 'Bad Id', ru: good.ru }, { ...good, id: 'html', en: { title: 'T', body: '<b>bold</b>' } }],
        }),
      (error: Error) => {
        assert.match(error.message, /articles\[2\]\.id/);
        assert.match(error.message, /articles\[2\]\.en/);
        assert.match(error.message, /articles\[3\]\.en\.body: Expected plain text/);
        return true;
      },
    );
    assert.throws(() => parseFaqArticles({ articles: [good, good] }), /articles\[1\]\.id: "x" is listed twice/);
    assert.throws(() => parseFaqArticles({ articles: [] }), /Invalid FAQ articles/);
  });
});

describe('faq: search', () => {
  test('stems Russian and English words, ё = е, drops stop words and numbers', () => {
    assert.deepEqual(searchTerms('Не могу восстановить пароль'), ['восстанов', 'парол']);
    assert.equal(processTerm('пароля'), processTerm('паролем'));
    assert.equal(processTerm('заявления'), processTerm('заявление'));
    assert.equal(processTerm('учётная'), processTerm('учетная'));
    assert.equal(processTerm('documents'), processTerm('document'));
    for (const word of ['как', 'мне', 'госуслуги', 'the', '2026', 'я']) assert.equal(processTerm(word), null, word);
  });

  test('ranks by score, finds inflected forms, typos and prefixes, per language', () => {
    const index = defaultFaqIndex();
    const hits = index.search('восстановления паролей', 'ru');
    assert.equal(hits[0]!.id, 'password-recovery');
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score, 'best first');
    assert.equal(index.search('пороль', 'ru')[0]!.id, 'password-recovery', 'a typo');
    assert.equal(index.search('мошенн', 'ru')[0]!.id, 'fraud-report', 'a prefix');
    assert.equal(index.search('мошенники', 'en').length, 0, 'the English index has no Russian words');
    assert.equal(index.search('password', 'en')[0]!.title, 'How do I recover my password or login?');
    assert.deepEqual(index.search('как', 'ru'), [], 'only stop words');
    assert.deepEqual(index.search('', 'ru'), []);
  });

  test('an index of other articles finds in them', () => {
    const index = createFaqIndex(
      parseFaqArticles({
        articles: [
          { id: 'parking', ru: { title: 'Где оставить машину?', body: 'Парковка у входа.' }, en: { title: 'Where to park?', body: 'Parking at the door.' } },
          { id: 'lunch', suggested: true, ru: { title: 'Когда обед?', body: 'С полудня.' }, en: { title: 'When is lunch?', body: 'From noon.' } },
        ],
      }),
    );
    assert.equal(index.search('парковки', 'ru')[0]!.id, 'parking');
    assert.deepEqual(index.suggested('en').map((a) => a.title), ['When is lunch?']);
    assert.deepEqual(index.ids, ['parking', 'lunch']);
  });
});

describe('faq: the assistant', () => {
  for (const [question, locale, expected] of QUESTIONS) {
    test(`answers «${question}» (${locale}) with ${expected}`, () => {
      const reply = answerQuestion(question, locale);
      assert.equal(reply.kind, 'answer', JSON.stringify(reply));
      if (reply.kind !== 'answer') return;
      assert.equal(reply.article.id, expected, `score ${reply.score}`);
      assert.ok(reply.score >= ANSWER_THRESHOLD);
      const article = articles.find((a) => a.id === expected)![locale];
      assert.deepEqual(reply.article, { id: expected, title: article.title, body: article.body });
    });
  }

  for (const [question, locale] of OFF_TOPIC) {
    test(`does not know «${question}» (${locale}), and suggests articles`, () => {
      const reply = answerQuestion(question, locale);
      assert.equal(reply.kind, 'unknown', JSON.stringify(reply));
      if (reply.kind !== 'unknown') return;
      assert.equal(reply.suggestions.length, SUGGESTION_COUNT);
      assert.equal(new Set(reply.suggestions.map((s) => s.id)).size, SUGGESTION_COUNT, 'no repeats');
      for (const suggestion of reply.suggestions) {
        assert.ok(ids.has(suggestion.id));
        assert.equal(suggestion.title, articles.find((a) => a.id === suggestion.id)![locale].title);
      }
    });
  }

  test('the threshold lies between the questions it answers and those it does not, with room', () => {
    const index = defaultFaqIndex();
    const best = (question: string, locale: FaqLocale) => index.search(question, locale, 1)[0]?.score ?? 0;
    const lowestAnswered = Math.min(...QUESTIONS.map(([q, l]) => best(q, l)));
    const highestUnknown = Math.max(...OFF_TOPIC.map(([q, l]) => best(q, l)));
    assert.ok(lowestAnswered >= ANSWER_THRESHOLD * 1.25, `lowest answered ${lowestAnswered}`);
    assert.ok(highestUnknown <= ANSWER_THRESHOLD * 0.85, `highest unknown ${highestUnknown}`);
  });

  test('an unknown question suggests its near misses first', () => {
    const reply = createFaqAssistant(defaultFaqIndex(), { threshold: 1000 }).answer('не могу восстановить пароль', 'ru');
    assert.equal(reply.kind, 'unknown');
    if (reply.kind === 'unknown') assert.equal(reply.suggestions[0]!.id, 'password-recovery');
  });

  test('empty, blank, huge or odd input is an unknown question, never an error', () => {
    for (const question of ['', '   ', '?!', '😀😀', 'а'.repeat(100_000), 'пароль '.repeat(10_000), '__proto__ constructor']) {
      const reply = answerQuestion(question, 'ru');
      assert.ok(reply.kind === 'unknown' || reply.kind === 'answer');
    }
    assert.equal(answerQuestion('', 'en').kind, 'unknown');
    assert.equal(answerQuestion(undefined as unknown as string, 'ru').kind, 'unknown');
  });

  test('is deterministic', () => {
    for (const [question, locale] of [...QUESTIONS.slice(0, 5), ...OFF_TOPIC.slice(0, 3)]) {
      assert.deepEqual(answerQuestion(question, locale), createFaqAssistant(createFaqIndex(loadFaqArticles())).answer(question, locale));
    }
  });

  test('suggests the same questions in both languages', () => {
    const ru = suggestedQuestions('ru');
    const en = suggestedQuestions('en');
    assert.ok(ru.length >= 4);
    assert.deepEqual(ru.map((s) => s.id), en.map((s) => s.id));
    assert.ok(ru.every((s) => RUSSIAN.test(s.title) && s.title.endsWith('?')));
    assert.ok(ru.some((s) => s.id === 'password-recovery'));
    assert.equal(defaultFaqAssistant().article('fraud-report', 'en')!.title, 'How do I report fraud?');
    assert.equal(defaultFaqAssistant().article('nope', 'ru'), undefined);
  });
});

describe('GET /faq', () => {
  test('searches in a language, best first, and lists the suggested articles without q', async (t) => {
    const backend = await startBackend(t);
    const get = async (url: string) => {
      const res = await backend.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, res.body);
      const parsed = FaqResults.safeParse(res.json());
      assert.ok(parsed.success, res.body);
      return parsed.data;
    };

    const found = await get(`/faq?q=${encodeURIComponent('  как узнать статус заявления ')}`);
    assert.equal(found.lang, 'ru');
    assert.equal(found.query, 'как узнать статус заявления');
    assert.equal(found.suggested, false);
    assert.equal(found.items[0]!.id, 'request-status');
    assert.ok(found.items.length <= 5);
    assert.ok(found.items.every((item, i) => i === 0 || found.items[i - 1]!.score! >= item.score!));

    const english = await get(`/faq?lang=en&q=${encodeURIComponent('scammers are calling me')}`);
    assert.equal(english.items[0]!.id, 'fraud-report');
    assert.equal(english.items[0]!.title, 'How do I report fraud?');

    const nothing = await get(`/faq?q=${encodeURIComponent('какая погода на Марсе')}`);
    assert.deepEqual(nothing.items, []);

    for (const url of ['/faq', '/faq?q=', '/faq?q=%20%20', '/faq?lang=en']) {
      const list = await get(url);
      assert.equal(list.suggested, true, url);
      assert.equal(list.query, undefined);
      assert.deepEqual(list.items.map((a) => a.id), suggestedQuestions(list.lang).map((s) => s.id));
      assert.ok(list.items.every((item) => item.score === undefined && item.body.length > 0));
    }
  });

  test('refuses a long query, an unknown language and repeated parameters with a 400 in Russian', async (t) => {
    const backend = await startBackend(t);
    const cases: [url: string, path: string, code: string][] = [
      [`/faq?q=${'а'.repeat(FAQ_QUERY_MAX + 1)}`, 'q', 'too_long'],
      ['/faq?lang=de&q=x', 'lang', 'invalid_choice'],
      ['/faq?q=a&q=b', 'q', 'invalid'],
    ];
    for (const [url, path, code] of cases) {
      const res = await backend.app.inject({ method: 'GET', url: encodeURI(url) });
      assert.equal(res.statusCode, 400, url);
      const body = ApiError.parse(res.json());
      assert.equal(body.error.code, 'validation_failed');
      assert.match(body.error.message, RUSSIAN);
      const issue = body.error.issues?.find((i) => i.path[0] === path);
      assert.ok(issue, `${url}: ${res.body}`);
      assert.equal(issue.code, code, res.body);
      assert.match(issue.message, RUSSIAN);
    }
    const long = ApiError.parse((await backend.app.inject({ method: 'GET', url: encodeURI(`/faq?q=${'а'.repeat(FAQ_QUERY_MAX + 1)}`) })).json());
    assert.equal(long.error.issues![0]!.message, `Слишком длинно: не больше ${FAQ_QUERY_MAX} символов`);
    const ok = await backend.app.inject({ method: 'GET', url: encodeURI(`/faq?q=${'а'.repeat(FAQ_QUERY_MAX)}`) });
    assert.equal(ok.statusCode, 200);
  });
});
