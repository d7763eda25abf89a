import { ru } from '../src/i18n/ru.js';
/** Every text of the operator console (Russian). Dynamic texts are functions. */
export interface OperatorMessages {
  appTitle: string;
  skipLink: string;
  navLabel: string;
  nav: { requests: string; callbacks: string; bookings: string; chat: string; figures: string };
  signedInAs: (name: string) => string;
  logout: string;
  loading: string;
  login: {
    title: string;
    intro: string;
    token: string;
    tokenHint: string;
    operatorName: string;
    operatorNameHint: string;
    submit: string;
    submitting: string;
    tokenRequired: string;
    nameRequired: string;
    nameTooShort: string;
    nameTooLong: string;
    sessionExpired: string;
    loggedOut: string;
    wrongToken: string;
    /** 429 at login (the token presented was refused too often): how long the wait is. */
    tooManyAttempts: (retryAfterSeconds?: number) => string;
  };
  list: {
    title: string;
    searchLabel: string;
    q: string;
    qHint: string;
    status: string;
    anyStatus: string;
    sort: string;
    sorts: { created: string; due: string };
    search: string;
    reset: string;
    caption: string;
    columns: { number: string; subject: string; fullName: string; status: string; createdAt: string; answerDueAt: string };
    found: (total: number) => string;
    empty: string;
    /** The tag of a request past its answer due date (beside the date, with an icon). */
    overdue: string;
    open: (number: string) => string;
    pagination: string;
    previous: string;
    next: string;
    page: (page: number, pages: number) => string;
  };
  detail: {
    /** The heading, before the request number. */
    title: string;
    back: string;
    fieldsTitle: string;
    fields: {
      number: string;
      type: string;
      status: string;
      fullName: string;
      phone: string;
      email: string;
      answerChannel: string;
      serviceNumber: string;
      description: string;
      incident: string;
      links: string;
      createdAt: string;
      answerDueAt: string;
    };
    notGiven: string;
    overdue: string;
    attachmentsTitle: string;
    noAttachments: string;
    download: (name: string, size: string) => string;
    historyTitle: string;
    historyOrder: string;
    noHistory: string;
    internalNote: string;
    statusChange: string;
    commentForCitizen: string;
    operator: (name: string) => string;
    statusFormTitle: string;
    /** Who sees what the status form sends: the citizen. */
    statusAudience: string;
    newStatus: string;
    comment: string;
    commentHint: string;
    changeStatus: string;
    statusChanged: (label: string) => string;
    /** The status the request already has, and no comment: nothing would change for the citizen. */
    sameStatus: (label: string) => string;
    noteFormTitle: string;
    /** Who sees a note: operators only. */
    noteAudience: string;
    note: string;
    noteHint: string;
    addNote: string;
    noteAdded: string;
    noteRequired: string;
    saving: string;
  };
  callbacks: CallbackMessages;
  alerts: AlertMessages;
  bookings: BookingMessages;
  chat: ChatMessages;
  figures: FiguresMessages;
  errors: {
    network: string;
    notFound: string;
    forbidden: string;
    rateLimited: (seconds?: number) => string;
    badResponse: string;
    generic: string;
    prefix: string;
  };
  timeZone: string;
  bytes: (size: number) => string;
  requestTypes: Record<string, string>;
  answerChannels: Record<string, string>;
}

/** «Обратные звонки»: the callback queue of a day and the outcome of each call. */
export interface CallbackMessages {
  title: string;
  filtersLabel: string;
  date: string;
  status: string;
  anyStatus: string;
  show: string;
  refresh: string;
  queueLabel: (date: string) => string;
  count: (total: number) => string;
  updated: (time: string) => string;
  changed: (added: number, changed: number, removed: number) => string;
  empty: string;
  emptyFiltered: string;
  statuses: Record<string, string>;
  asap: string;
  asapSince: string;
  fields: {
    number: string;
    phone: string;
    topic: string;
    requestNumber: string;
    comment: string;
    attempts: string;
    retryAt: string;
    status: string;
    conversation: string;
    createdAt: string;
  };
  notGiven: string;
  historyTitle: string;
  noHistory: string;
  operator: (name: string) => string;
  citizen: string;
  actionsTitle: string;
  note: string;
  noteHint: string;
  outcomes: { called: string; no_answer: string; cancelled: string };
  saving: string;
  done: { called: string; no_answer: (retry?: string) => string; cancelled: string };
  closed: string;
  notFound: string;
  conflict: string;
}

/** «Чат»: the operator's side of the online chat. */
export interface ChatMessages {
  title: string;
  link: { connecting: string; connected: string; reconnecting: string; refused: (reason: string) => string; retry: string };
  statusLegend: string;
  statuses: { available: string; away: string };
  statusSaved: (status: string) => string;
  senior: string;
  seniorHint: string;
  availableOperators: (n: number) => string;
  queueTitle: string;
  queueEmpty: string;
  queueChanged: (n: number) => string;
  kinds: Record<string, string>;
  fields: { kind: string; question: string; name: string; contact: string; verified: string; startedAt: string; escalationNote: string };
  /** The person the host site vouched for with its signed identity token. */
  verifiedBySite: (name: string | undefined, subject: string) => string;
  notVerified: string;
  anonymous: string;
  waiting: (duration: string) => string;
  escalated: string;
  seniorOnlyHint: string;
  take: string;
  taking: string;
  takeLabel: (summary: string) => string;
  taken: (summary: string) => string;
  takenByOther: string;
  mineTitle: string;
  recentTitle: string;
  recentEmpty: string;
  recentRefresh: string;
  /** «Оценка: 4 из 5» (the old chat rating, `chat:rate`). */
  rating: (score: number) => string;
  /** «Опрос: решён — да, оценка 5 из 5»: the survey answer the citizen agreed to share. */
  survey: (answer: { resolved: 'yes' | 'partly' | 'no'; rating: number }) => string;
  noRating: string;
  /** Where the answers not shared are: the anonymous list of «Показатели». */
  surveyNote: string;
  closedBy: Record<'citizen' | 'operator' | 'system', string>;
  mineEmpty: string;
  unread: (n: number) => string;
  assignedToMe: (summary: string) => string;
  noneOpen: string;
  conversationLabel: string;
  openingTitle: string;
  transcriptTitle: string;
  authors: { citizen: string; assistant: string; operator: (name: string) => string; system: string };
  /** System lines as operators read them (the server's own are worded for the citizen). */
  system: {
    queued: string;
    joined: (name: string) => string;
    escalated: (name: string) => string;
    returned: (name: string) => string;
    closedByOperator: (name: string) => string;
    closedOtherwise: string;
  };
  article: (title: string) => string;
  suggestions: string;
  attachments: string;
  attachment: (name: string, size: string) => string;
  read: string;
  delivered: string;
  citizenTyping: string;
  newMessage: (text: string) => string;
  statusesOfChat: Record<string, string>;
  closedNotice: string;
  notMineNotice: string;
  reply: string;
  replyHint: string;
  send: string;
  sending: string;
  replyRequired: string;
  /** The reply's files: label, hint, and a file refused or not uploaded. */
  replyFiles: string;
  replyFilesHint: string;
  fileFailed: (name: string, why: string) => string;
  savedReplies: string;
  savedRepliesHint: string;
  templates: (operatorName: string) => { title: string; text: string }[];
  inserted: (title: string) => string;
  actionsTitle: string;
  transferTitle: string;
  transferTo: string;
  transferHint: string;
  transfer: string;
  transferRequired: string;
  transferred: (name: string) => string;
  escalateTitle: string;
  escalateNote: string;
  escalateHint: string;
  escalate: string;
  escalatedDone: string;
  returnToQueue: string;
  returnedDone: string;
  close: string;
  closedDone: string;
  working: string;
}

/** «Записи на приём»: the visits booked at one office on one day. */
export interface BookingMessages {
  title: string;
  filtersLabel: string;
  office: string;
  date: string;
  show: string;
  caption: (office: string, date: string) => string;
  columns: { time: string; service: string; name: string; phone: string; email: string; number: string; status: string };
  count: (total: number) => string;
  empty: string;
  notGiven: string;
  statuses: Record<string, string>;
}

const plural = (n: number, one: string, few: string, many: string) => {
  const mod10 = n % 10;
  const mod100 = n % 100;
  return mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
};

const ruPlural = new Intl.PluralRules('ru');

/** «15 минут», «1 минуту», «3 секунды»: minutes (rounded up) from 60 s up, seconds below. */
export function waitDuration(seconds: number): string {
  const forms = (n: number, one: string, few: string, many: string) => {
    const category = ruPlural.select(n);
    return `${n} ${category === 'one' ? one : category === 'few' ? few : many}`;
  };
  const whole = Math.max(1, Math.ceil(seconds));
  return whole >= 60 ? forms(Math.ceil(whole / 60), 'минуту', 'минуты', 'минут') : forms(whole, 'секунду', 'секунды', 'секунд');
}

const callbacks: CallbackMessages = {
  title: 'Обратные звонки',
  filtersLabel: 'Отбор звонков',
  date: 'Дата',
  status: 'Статус',
  anyStatus: 'Все статусы',
  show: 'Показать',
  refresh: 'Обновить',
  queueLabel: (date) => `Звонки на ${date}`,
  count: (total) => `На этот день: ${total} ${plural(total, 'звонок', 'звонка', 'звонков')}`,
  updated: (time) => `Обновлено в ${time}`,
  changed: (added, changed, removed) => {
    const parts = [added ? `новых: ${added}` : '', changed ? `изменилось: ${changed}` : '', removed ? `убрано: ${removed}` : ''].filter(Boolean);
    return parts.length ? `Очередь обновилась: ${parts.join(', ')}` : 'Очередь обновилась';
  },
  empty: 'На этот день звонков нет',
  emptyFiltered: 'На этот день звонков с таким статусом нет',
  statuses: {
    scheduled: 'Ожидает звонка',
    no_answer: 'Нет ответа — перезвонить',
    called: 'Дозвонились',
    cancelled: 'Отменён',
  },
  asap: 'Как можно скорее',
  asapSince: 'заявка в',
  fields: {
    number: 'Номер',
    phone: 'Телефон',
    topic: 'Тема',
    requestNumber: 'Номер обращения',
    comment: 'Комментарий заявителя',
    attempts: 'Безответных попыток',
    retryAt: 'Перезвонить не раньше',
    status: 'Статус',
    conversation: 'Разговор в чате',
    createdAt: 'Заявка создана',
  },
  notGiven: 'не указано',
  historyTitle: 'История',
  noHistory: 'Записей пока нет',
  operator: (name) => `Оператор: ${name}`,
  citizen: 'Заявитель',
  actionsTitle: 'Итог звонка',
  note: 'Заметка (необязательно)',
  noteHint: 'Видна только операторам, заявитель её не увидит.',
  outcomes: { called: 'Дозвонились', no_answer: 'Нет ответа', cancelled: 'Отменить' },
  saving: 'Сохранение…',
  done: {
    called: 'Отмечено: дозвонились',
    no_answer: (retry) => (retry ? `Отмечено: нет ответа. Перезвонить не раньше ${retry}` : 'Отмечено: нет ответа'),
    cancelled: 'Звонок отменён',
  },
  closed: 'Звонок закрыт: действий не требуется',
  notFound: 'Звонок не найден: возможно, его удалили. Обновите список.',
  conflict: 'Звонок уже закрыт другим оператором или заявителем. Обновите список.',
};

const bookings: BookingMessages = {
  title: 'Записи на приём',
  filtersLabel: 'Выбор офиса и дня',
  office: 'Офис',
  date: 'Дата',
  show: 'Показать',
  caption: (office, date) => `Записи на приём: ${office}, ${date}`,
  columns: { time: 'Время', service: 'Услуга', name: 'Заявитель', phone: 'Телефон', email: 'Электронная почта', number: 'Номер записи', status: 'Статус' },
  count: (total) => `На этот день: ${total} ${plural(total, 'запись', 'записи', 'записей')}`,
  empty: 'На этот день записей нет',
  notGiven: 'не указано',
  statuses: { booked: 'Записан', cancelled: 'Отменена', visited: 'Пришёл', no_show: 'Не пришёл' },
};

const chat: ChatMessages = {
  title: 'Чат',
  link: {
    connecting: 'Подключение к чату…',
    connected: 'Чат подключён: новые обращения появляются сами',
    reconnecting: 'Связь с чатом потеряна. Переподключаемся…',
    refused: (reason) => `Чат не подключён: ${reason}`,
    retry: 'Повторить подключение',
  },
  statusLegend: 'Мой статус в чате',
  statuses: { available: 'На месте', away: 'Отошёл' },
  statusSaved: (status) => `Статус: ${status}`,
  senior: 'Я старший специалист',
  seniorHint: 'Старший специалист может брать чаты, переданные ему другими операторами.',
  availableOperators: (n) => `Свободных операторов на месте: ${n}`,
  queueTitle: 'Ожидают оператора',
  queueEmpty: 'Очередь пуста: никто не ждёт оператора.',
  queueChanged: (n) => `Очередь обновилась. В очереди: ${n} ${plural(n, 'чат', 'чата', 'чатов')}`,
  kinds: { technical: 'Техническая проблема', application: 'Вопрос по заявлению', status: 'Статус обращения' },
  fields: { kind: 'Тема', question: 'Вопрос', name: 'Имя', contact: 'Контакт', verified: 'Личность подтверждена', startedAt: 'Начат', escalationNote: 'Заметка для старшего специалиста' },
  verifiedBySite: (name, subject) => `${name ? `${name}, ` : ''}вход на сайте (идентификатор ${subject})`,
  notVerified: 'нет: заявитель не входил на сайт',
  anonymous: 'не указано',
  waiting: (duration) => `Ждёт ${duration}`,
  escalated: 'Старшему специалисту',
  seniorOnlyHint: 'Взять может только старший специалист',
  take: 'Взять',
  taking: 'Берём…',
  takeLabel: (summary) => `Взять чат «${summary}»`,
  taken: (summary) => `Вы взяли чат «${summary}»`,
  takenByOther: 'Этот чат уже взял другой оператор.',
  mineTitle: 'Мои чаты',
  mineEmpty: 'У вас нет открытых чатов. Возьмите чат из очереди.',
  recentTitle: 'Завершённые за сутки',
  recentEmpty: 'За последние сутки вы не завершили ни одного чата.',
  recentRefresh: 'Обновить оценки',
  rating: (score) => `Оценка: ${score} из 5`,
  survey: ({ resolved, rating }) => `Опрос: решён — ${{ yes: 'да', partly: 'частично', no: 'нет' }[resolved]}, оценка ${rating} из 5`,
  noRating: 'Без оценки',
  surveyNote:
    'Ответ на опрос виден здесь, только если гражданин разрешил показать его оператору. Остальные ответы — без указания чата в разделе «Показатели» → «Отзывы граждан».',
  closedBy: { citizen: 'завершил заявитель', operator: 'завершили вы', system: 'закрыт автоматически' },
  unread: (n) => `новых: ${n}`,
  assignedToMe: (summary) => `Вам передан чат «${summary}»`,
  noneOpen: 'Выберите чат из списка «Мои чаты» или возьмите чат из очереди.',
  conversationLabel: 'Открытый чат',
  openingTitle: 'С чем обратился заявитель',
  transcriptTitle: 'Переписка',
  authors: { citizen: 'Заявитель', assistant: 'Виртуальный помощник', operator: (name) => `Оператор ${name}`, system: 'Служебное сообщение' },
  system: {
    queued: 'Чат поставлен в очередь к оператору',
    joined: (name) => `Оператор ${name} взял чат`,
    escalated: (name) => `Оператор ${name} передал чат старшему специалисту`,
    returned: (name) => `Оператор ${name} вернул чат в очередь`,
    closedByOperator: (name) => `Оператор ${name} завершил чат`,
    closedOtherwise: 'Чат завершён заявителем или автоматически (давно не было сообщений)',
  },
  article: (title) => `Ответ по статье «${title}»`,
  suggestions: 'Помощник предложил статьи:',
  attachments: 'Вложения',
  attachment: (name, size) => `${name} (${size})`,
  read: 'Прочитано',
  delivered: 'Доставлено',
  citizenTyping: 'Заявитель печатает…',
  newMessage: (text) => `Новое сообщение заявителя: ${text}`,
  statusesOfChat: { assistant: 'С помощником', waiting: 'В очереди', active: 'В работе', closed: 'Завершён' },
  closedNotice: 'Чат завершён: отвечать в нём больше нельзя.',
  notMineNotice: 'Этот чат больше не у вас: отвечать в нём нельзя.',
  reply: 'Ответ заявителю',
  replyHint: 'Enter — отправить, Shift+Enter — новая строка. Заявитель видит ваше имя.',
  send: 'Отправить',
  sending: 'Отправка…',
  replyRequired: 'Напишите ответ или приложите файл',
  replyFiles: 'Файлы для заявителя',
  replyFilesHint: 'PDF, JPG или PNG. Уходят вместе с ответом; заявитель скачает их из чата.',
  fileFailed: (name, why) => `Файл «${name}» не загружен: ${why}`,
  savedReplies: 'Шаблоны ответов',
  savedRepliesHint: 'Шаблон вставляется в поле ответа: его можно дополнить перед отправкой.',
  templates: (name) => [
    { title: 'Приветствие', text: `Здравствуйте! Меня зовут ${name}, я оператор службы поддержки. Чем могу помочь?` },
    { title: 'Уточняю', text: 'Минуту, пожалуйста: уточняю информацию.' },
    { title: 'Номер обращения', text: 'Пожалуйста, напишите номер обращения или заявления — так я быстрее найду его.' },
    { title: 'Передаю специалисту', text: 'Ваш вопрос требует проверки специалистом. Я передаю его и вернусь с ответом.' },
    { title: 'Что-то ещё?', text: 'Могу ли я ещё чем-нибудь помочь?' },
    { title: 'Прощание', text: 'Спасибо за обращение! Хорошего дня.' },
  ],
  inserted: (title) => `Шаблон «${title}» вставлен в поле ответа`,
  actionsTitle: 'Действия с чатом',
  transferTitle: 'Передать другому оператору',
  transferTo: 'Имя оператора',
  transferHint: 'Как оператор вошёл в консоль, например «Сидорова Е. В.». Он должен быть в сети.',
  transfer: 'Передать',
  transferRequired: 'Укажите имя оператора',
  transferred: (name) => `Чат передан оператору ${name}`,
  escalateTitle: 'Передать старшему специалисту',
  escalateNote: 'Заметка для старшего специалиста (необязательно)',
  escalateHint: 'Видна только операторам. Чат вернётся в очередь с отметкой «Старшему специалисту».',
  escalate: 'Передать старшему',
  escalatedDone: 'Чат передан старшему специалисту',
  returnToQueue: 'Вернуть в очередь',
  returnedDone: 'Чат возвращён в очередь',
  close: 'Завершить чат',
  closedDone: 'Чат завершён',
  working: 'Выполняется…',
};

/** «Показатели»: the supervisor's figures of a period, the queue's wait, the survey answers. */
export interface FiguresMessages {
  title: string;
  filtersLabel: string;
  from: string;
  to: string;
  periodHint: string;
  groupBy: string;
  groupings: { channel: string; topic: string; operator: string };
  quickLabel: string;
  quick: { thisMonth: string; lastMonth: string; lastWeek: string };
  show: string;
  loaded: (period: string, groups: number) => string;
  empty: string;
  emptyOwn: string;
  invalid: string;
  supervisorNote: string;
  operatorNote: string;
  period: (from: string, to: string) => string;
  tableTitle: string;
  caption: (grouping: string, period: string) => string;
  columns: {
    group: string;
    handled: string;
    reactionMedian: string;
    reactionP90: string;
    resolutionMedian: string;
    resolutionP90: string;
    firstContact: string;
    overdue: string;
    rating: string;
    resolvedAnswer: string;
    answers: string;
  };
  totals: string;
  channels: Record<string, string>;
  noOperator: string;
  noValue: string;
  lessThanMinute: string;
  hours: string;
  minutes: string;
  share: (percent: string, matching: number, count: number) => string;
  csv: string;
  csvNote: string;
  chartTable: string;
  barsTitle: (grouping: string) => string;
  barsLabel: (grouping: string, items: string) => string;
  barsEmpty: string;
  queueTitle: string;
  queueIntro: string;
  queueLines: { chat: string; callback: string };
  queueTableTitle: string;
  queueCaption: (line: string, period: string) => string;
  queueLabel: (line: string, summary: string) => string;
  queuePeak: (day: string, hours: string, minutes: string, waits: number) => string;
  queueNone: string;
  queueNoneText: string;
  upTo: (minutes: number) => string;
  queueCell: (minutes: string, waits: number) => string;
  legend: string;
  legendNone: string;
  weekday: string;
  weekdays: readonly string[];
  weekdaysShort: readonly string[];
  weekdaysIn: readonly string[];
  hourRange: (hour: number) => string;
  surveys: SurveyAnswerMessages;
}

/** The citizens' survey answers (in «Показатели»). */
export interface SurveyAnswerMessages {
  title: string;
  intro: string;
  filtersLabel: string;
  channel: string;
  anyChannel: string;
  show: string;
  count: (total: number) => string;
  empty: string;
  listLabel: string;
  resolved: Record<'yes' | 'partly' | 'no', string>;
  question: string;
  rating: (rating: number) => string;
  ratingLabel: string;
  comment: string;
  noComment: string;
  topic: string;
  operator: string;
  noOperator: string;
  reference: string;
  notShared: string;
  answeredAt: string;
  pagination: string;
  previous: string;
  next: string;
  page: (page: number, pages: number) => string;
  csv: string;
  csvPreparing: string;
  csvReady: (count: number) => string;
  csvTruncated: (count: number, total: number) => string;
}

const surveyAnswers: SurveyAnswerMessages = {
  title: 'Отзывы граждан',
  intro: 'Ответы на опрос после обращения, звонка, визита и чата. Кто оставил отзыв, видно, только если гражданин разрешил.',
  filtersLabel: 'Отбор отзывов',
  channel: 'Канал',
  anyChannel: 'Все каналы',
  show: 'Показать отзывы',
  count: (total) => `Найдено: ${total} ${plural(total, 'отзыв', 'отзыва', 'отзывов')}`,
  empty: 'За этот период отзывов нет.',
  listLabel: 'Отзывы',
  resolved: { yes: 'Да', partly: 'Частично', no: 'Нет' },
  question: 'Решён ли вопрос',
  rating: (rating) => `${rating} из 5`,
  ratingLabel: 'Оценка',
  comment: 'Комментарий',
  noComment: 'без комментария',
  topic: 'Тема',
  operator: 'Оператор',
  noOperator: 'не было',
  reference: 'Чей отзыв',
  notShared: 'Гражданин не разрешил показывать, чей это отзыв',
  answeredAt: 'Ответ получен',
  pagination: 'Страницы отзывов',
  previous: 'Предыдущая страница',
  next: 'Следующая страница',
  page: (page, pages) => `Страница ${page} из ${pages}`,
  csv: 'Скачать CSV',
  csvPreparing: 'Готовим CSV со всеми отзывами отбора…',
  csvReady: (count) => `CSV готов: ${count} ${plural(count, 'отзыв', 'отзыва', 'отзывов')}`,
  csvTruncated: (count, total) => `CSV готов: первые ${count} из ${total} отзывов. Сузьте период, чтобы получить остальные.`,
};

const figures: FiguresMessages = {
  title: 'Показатели',
  filtersLabel: 'Период и группировка',
  from: 'Начало периода',
  to: 'Конец периода',
  periodHint: 'Дни по московскому времени, включительно; не больше 366 дней.',
  groupBy: 'Группировка',
  groupings: { channel: 'По каналам', topic: 'По темам', operator: 'По операторам' },
  quickLabel: 'Быстрый выбор периода',
  quick: { thisMonth: 'Этот месяц', lastMonth: 'Прошлый месяц', lastWeek: '7 дней' },
  show: 'Показать',
  loaded: (period, groups) => `Показатели ${period}: ${groups} ${plural(groups, 'строка', 'строки', 'строк')}`,
  empty: 'За этот период контактов нет.',
  emptyOwn: 'За этот период у вас нет своих контактов.',
  invalid: 'Исправьте период: ошибки указаны у полей.',
  supervisorNote: 'Вы вошли как руководитель: видны строки всех операторов.',
  operatorNote:
    'Вы вошли как оператор. Итоги, каналы и темы считаются по всем контактам, а при группировке по операторам видна только ваша строка (если администратор не открыл операторам все строки). Строки всех операторов видит руководитель.',
  period: (from, to) => (from === to ? `за ${from}` : `с ${from} по ${to}`),
  tableTitle: 'Таблица показателей',
  caption: (grouping, period) => `Показатели ${period}, ${grouping.toLowerCase()}. Время — в рабочих часах линии`,
  columns: {
    group: 'Группа',
    handled: 'Обработано',
    reactionMedian: 'Первая реакция: медиана',
    reactionP90: 'Первая реакция: 90-й процентиль',
    resolutionMedian: 'Решение: медиана',
    resolutionP90: 'Решение: 90-й процентиль',
    firstContact: 'Решено с первого обращения',
    overdue: 'Просрочено',
    rating: 'Средняя оценка (1–5)',
    resolvedAnswer: 'Ответили «вопрос решён»',
    answers: 'Ответов на опрос',
  },
  totals: 'Итого',
  channels: { request: 'Обращения', callback: 'Обратные звонки', visit: 'Визиты в офис', chat: 'Чат' },
  noOperator: 'Без оператора',
  noValue: '—',
  lessThanMinute: 'меньше 1 мин',
  hours: 'ч',
  minutes: 'мин',
  share: (percent, matching, count) => `${percent} (${matching} из ${count})`,
  csv: 'Скачать CSV',
  csvNote: 'CSV в кодировке UTF-8, поля через точку с запятой: открывается в Excel.',
  chartTable: 'Те же числа таблицей',
  barsTitle: (grouping) => `Обработано контактов, ${grouping.toLowerCase()}`,
  barsLabel: (grouping, items) => `Столбчатая диаграмма: обработано контактов, ${grouping.toLowerCase()}. ${items}`,
  barsEmpty: 'Нечего показать на диаграмме.',
  queueTitle: 'Ожидание в очереди по часам недели',
  queueIntro:
    'Медиана ожидания в минутах (календарное время): чат — от постановки в очередь до ответа оператора, обратный звонок «как можно скорее» — от заявки до звонка. Час — когда ожидание началось. Чем темнее клетка, тем дольше ждали.',
  queueLines: { chat: 'Чат', callback: 'Обратный звонок «как можно скорее»' },
  queueTableTitle: 'Ожидание в очереди',
  queueCaption: (line, period) => `Ожидание в очереди, ${line.toLowerCase()}, ${period}: медиана в минутах (число ожиданий)`,
  queueLabel: (line, summary) => `Тепловая карта ожидания по часам недели, ${line.toLowerCase()}: ${summary}`,
  queuePeak: (day, hours, minutes, waits) =>
    `дольше всего ждали ${day} ${hours}, медиана ${minutes}; всего ожиданий: ${waits}. Числа каждого часа — в таблице под картой`,
  queueNone: 'за период ожиданий не было',
  queueNoneText: 'За этот период в этой очереди никто не ждал: рисовать нечего.',
  upTo: (minutes) => `до ${minutes}`,
  queueCell: (minutes, waits) => `${minutes} (${waits})`,
  legend: 'Медиана ожидания, мин',
  legendNone: 'нет ожиданий',
  weekday: 'День недели',
  weekdays: ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'],
  weekdaysShort: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
  weekdaysIn: ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу', 'в воскресенье'],
  hourRange: (hour) => `${String(hour).padStart(2, '0')}:00–${String(hour + 1).padStart(2, '0')}:00`,
  surveys: surveyAnswers,
};

const kb = (n: number) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }).format(n);

/** «Оповещения»: the supervisor's alerts, their rules, and the banner every operator sees (issue 17). */
export interface AlertMessages {
  nav: string;
  title: string;
  intro: string;
  openTitle: string;
  noOpen: string;
  recentTitle: string;
  noRecent: string;
  count: (open: number) => string;
  kinds: Record<'chat_wait' | 'overdue_share' | 'low_ratings', string>;
  /** The alert's numbers in one sentence (as in its e-mail). */
  sentence: (alert: { kind: 'chat_wait' | 'overdue_share' | 'low_ratings'; value: number; threshold: number; sample: number; channel?: string | undefined; topic?: string | undefined }) => string;
  raisedAt: string;
  clearedAt: string;
  acknowledgedBy: (name: string) => string;
  acknowledge: string;
  acknowledged: string;
  acknowledging: string;
  rulesTitle: string;
  rulesIntro: string;
  enabled: string;
  rules: {
    chatWait: { legend: string; hint: string; thresholdMinutes: string; forMinutes: string };
    overdueShare: { legend: string; hint: string; percent: string; minRequests: string };
    lowRatings: { legend: string; hint: string; count: string; maxRating: string };
  };
  recipients: string;
  recipientsHint: string;
  save: string;
  saving: string;
  saved: string;
  updated: (at: string, by: string | null) => string;
  neverSaved: string;
  numberRange: (min: number, max: number) => string;
  badEmail: (address: string) => string;
  tooManyRecipients: (max: number) => string;
  fixErrors: (n: number) => string;
  /** The header's banner. */
  bannerLabel: string;
  banner: (kinds: string[]) => string;
  bannerOpen: string;
  channels: Record<string, string>;
}

const decimal = (n: number) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }).format(n);

const alerts: AlertMessages = {
  nav: 'Оповещения',
  title: 'Оповещения',
  intro: 'Оповещение поднимается один раз, когда условие правила выполнилось, и снимается само, когда перестаёт выполняться.',
  openTitle: 'Открытые',
  noOpen: 'Открытых оповещений нет.',
  recentTitle: 'Снятые за 30 дней',
  noRecent: 'За 30 дней оповещений не было.',
  count: (open) => (open === 0 ? 'Открытых оповещений нет' : `${open} ${plural(open, 'открытое оповещение', 'открытых оповещения', 'открытых оповещений')}`),
  kinds: {
    chat_wait: 'Долгое ожидание в очереди чата',
    overdue_share: 'Много просроченных обращений',
    low_ratings: 'Низкие оценки подряд по одной теме',
  },
  sentence: (a) => {
    switch (a.kind) {
      case 'chat_wait':
        return `Самое долгое ожидание в очереди чата — ${decimal(a.value)} мин: дольше порога ${decimal(a.threshold)} мин не меньше ${a.sample} мин подряд.`;
      case 'overdue_share':
        return `Доля просроченных обращений — ${decimal(a.value)} % из ${a.sample} (открытые и завершённые за 7 дней): выше порога ${decimal(a.threshold)} %.`;
      case 'low_ratings': {
        const topic = (ru.requestTypes as Record<string, string | undefined>)[a.topic ?? ''] ?? a.topic ?? '';
        const channel = alerts.channels[a.channel ?? ''] ?? a.channel ?? '';
        return `${a.sample} ${plural(a.sample, 'ответ', 'ответа', 'ответов')} подряд с оценкой не выше ${decimal(a.threshold)} по теме «${topic}» (${channel}): средняя оценка ${decimal(a.value)}.`;
      }
    }
  },
  raisedAt: 'Поднято',
  clearedAt: 'Снято',
  acknowledgedBy: (name) => `Принято: ${name}`,
  acknowledge: 'Отметить принятым',
  acknowledged: 'Оповещение отмечено принятым',
  acknowledging: 'Сохранение…',
  rulesTitle: 'Правила',
  rulesIntro: 'Все правила выключены, пока их не включит руководитель. Письма уходят на указанные адреса один раз при подъёме оповещения.',
  enabled: 'Включено',
  rules: {
    chatWait: {
      legend: 'Ожидание в очереди чата',
      hint: 'Самое долгое текущее ожидание дольше порога столько минут подряд.',
      thresholdMinutes: 'Порог ожидания, минут',
      forMinutes: 'Сколько минут подряд',
    },
    overdueShare: {
      legend: 'Доля просроченных обращений',
      hint: 'Среди открытых обращений и завершённых за последние 7 дней.',
      percent: 'Порог доли, %',
      minRequests: 'Не меньше обращений в расчёте',
    },
    lowRatings: {
      legend: 'Низкие оценки подряд',
      hint: 'Последние ответы на опрос по одной теме одного канала (за 30 дней).',
      count: 'Сколько ответов подряд',
      maxRating: 'Оценка не выше',
    },
  },
  recipients: 'Адреса электронной почты',
  recipientsHint: 'По одному в строке или через запятую; пусто — только в консоли.',
  save: 'Сохранить правила',
  saving: 'Сохранение…',
  saved: 'Правила сохранены',
  updated: (at, by) => (by ? `Изменены ${at}, ${by}` : `Изменены ${at}`),
  neverSaved: 'Правила ещё не сохранялись: действуют значения по умолчанию.',
  numberRange: (min, max) => `Введите целое число от ${min} до ${max}`,
  badEmail: (address) => `«${address}» — не адрес электронной почты: нужен вид name@example.ru`,
  tooManyRecipients: (max) => `Не больше ${max} адресов`,
  fixErrors: (n) => `Правила не сохранены: ${n} ${plural(n, 'ошибка', 'ошибки', 'ошибок')}. Исправьте отмеченные поля.`,
  bannerLabel: 'Оповещения',
  banner: (kinds) => `Открытые оповещения (${kinds.length}): ${kinds.join('; ')}.`,
  bannerOpen: 'Перейти к оповещениям',
  channels: { request: 'Обращения', callback: 'Обратные звонки', visit: 'Записи на приём', chat: 'Чат' },
};

export const messages: OperatorMessages = {
  appTitle: 'Консоль оператора',
  skipLink: 'Перейти к основному содержанию',
  navLabel: 'Разделы консоли',
  nav: { requests: 'Обращения', callbacks: 'Обратные звонки', bookings: 'Записи на приём', chat: 'Чат', figures: 'Показатели' },
  signedInAs: (name) => `Оператор: ${name}`,
  logout: 'Выйти',
  loading: 'Загрузка…',
  login: {
    title: 'Вход в консоль оператора',
    intro: 'Введите токен оператора и ваше имя: имя увидят в истории обращения.',
    token: 'Токен оператора',
    tokenHint: 'Выдаётся администратором. Не сообщайте его никому.',
    operatorName: 'Ваше имя',
    operatorNameHint: 'Например, «Петров А. С.»',
    submit: 'Войти',
    submitting: 'Вход…',
    tokenRequired: 'Введите токен оператора',
    nameRequired: 'Укажите ваше имя',
    nameTooShort: 'Имя должно быть не короче 2 символов',
    nameTooLong: 'Имя должно быть не длиннее 80 символов',
    sessionExpired: 'Сеанс истёк, войдите снова',
    loggedOut: 'Вы вышли из консоли',
    wrongToken: 'Неверный токен оператора',
    tooManyAttempts: (seconds) =>
      `Слишком много неудачных попыток входа с этим токеном. ${seconds ? `Повторите через ${waitDuration(seconds)}.` : 'Повторите позже.'}`,
  },
  list: {
    title: 'Обращения',
    searchLabel: 'Поиск обращений',
    q: 'Поиск',
    qHint: 'Номер обращения, ФИО, телефон или e-mail',
    status: 'Статус',
    anyStatus: 'Все статусы',
    sort: 'Порядок',
    sorts: { created: 'Сначала новые', due: 'По сроку ответа' },
    search: 'Найти',
    reset: 'Сбросить',
    caption: 'Список обращений',
    columns: { number: 'Номер', subject: 'Тема и описание', fullName: 'Заявитель', status: 'Статус', createdAt: 'Создано', answerDueAt: 'Срок ответа' },
    found: (total) => `Найдено: ${total} ${plural(total, 'обращение', 'обращения', 'обращений')}`,
    empty: 'Обращений не найдено. Измените условия поиска.',
    overdue: 'Просрочено',
    open: (number) => `Открыть обращение ${number}`,
    pagination: 'Страницы списка',
    previous: 'Предыдущая страница',
    next: 'Следующая страница',
    page: (page, pages) => `Страница ${page} из ${pages}`,
  },
  detail: {
    title: 'Обращение',
    back: 'К списку обращений',
    fieldsTitle: 'Сведения',
    fields: {
      number: 'Номер',
      type: 'Тема',
      status: 'Статус',
      fullName: 'ФИО',
      phone: 'Телефон',
      email: 'Электронная почта',
      answerChannel: 'Способ ответа',
      serviceNumber: 'Номер заявления',
      description: 'Описание',
      incident: 'Дата и время происшествия',
      links: 'Ссылки',
      createdAt: 'Создано',
      answerDueAt: 'Срок ответа',
    },
    notGiven: 'не указано',
    overdue: 'Просрочено',
    attachmentsTitle: 'Вложения',
    noAttachments: 'Вложений нет',
    download: (name, size) => `${name} (${size})`,
    historyTitle: 'История',
    historyOrder: 'Сначала новые записи, как у заявителя.',
    noHistory: 'Записей пока нет',
    internalNote: 'Внутренняя заметка',
    statusChange: 'Статус',
    commentForCitizen: 'Комментарий для заявителя',
    operator: (name) => `Оператор: ${name}`,
    statusFormTitle: 'Сменить статус: ответ заявителю',
    statusAudience: 'Отправляется заявителю: он увидит новый статус и комментарий при проверке статуса обращения.',
    newStatus: 'Новый статус',
    comment: 'Комментарий для заявителя (необязательно)',
    commentHint: 'Отправляется заявителю вместе со статусом. Чтобы только написать заявителю, оставьте прежний статус и напишите комментарий.',
    changeStatus: 'Сменить статус',
    statusChanged: (label) => `Статус изменён: «${label}»`,
    sameStatus: (label) => `Обращение уже в статусе «${label}». Выберите другой статус или напишите комментарий для заявителя.`,
    noteFormTitle: 'Добавить внутреннюю заметку',
    noteAudience: 'Видна только операторам: заявителю не отправляется.',
    note: 'Текст заметки',
    noteHint: 'Для коллег: что сделано, кому звонили, что проверить.',
    addNote: 'Добавить заметку',
    noteAdded: 'Заметка добавлена',
    noteRequired: 'Введите текст заметки',
    saving: 'Сохранение…',
  },
  callbacks,
  alerts,
  bookings,
  chat,
  figures,
  errors: {
    network: 'Нет связи с сервером. Проверьте подключение и повторите.',
    notFound: 'Обращение не найдено',
    forbidden: 'Действие запрещено',
    rateLimited: (seconds) => (seconds ? `Слишком много запросов. Повторите через ${waitDuration(seconds)}.` : 'Слишком много запросов. Повторите позже.'),
    badResponse: 'Сервер ответил неожиданно. Повторите позже.',
    generic: 'Не удалось выполнить действие. Повторите позже.',
    prefix: 'Ошибка:',
  },
  timeZone: 'МСК',
  bytes: (size) => (size < 1024 ? `${size} Б` : size < 1024 * 1024 ? `${kb(size / 1024)} КБ` : `${kb(size / 1024 / 1024)} МБ`),
  // The same names the citizen sees in the widget.
  requestTypes: ru.requestTypes,
  answerChannels: ru.answerChannels,
};

/** «Контроль качества» on a request: the three stages of the service's rules and the reopening. */
export interface StageMessages {
  title: string;
  intro: string;
  /** The stages' names, as the service's rules call them. */
  registered: string;
  review: string;
  analysis: string;
  /** A stage's state, said in words (never the colour alone). */
  stateDone: string;
  stateCurrent: string;
  stateAhead: string;
  round: (round: number) => string;
  registeredAt: string;
  waitingAnswer: string;
  waitingReview: string;
  waitingAnalysis: string;
  reviewFormTitle: string;
  outcome: string;
  outcomePlaceholder: string;
  outcomeRequired: string;
  reviewNote: string;
  reviewNoteHint: string;
  saveReview: string;
  reviewSaved: string;
  analysisFormTitle: string;
  remark: string;
  remarkHint: string;
  remarkRequired: string;
  saveAnalysis: string;
  analysisSaved: string;
  reopenTitle: string;
  reopenAction: string;
  reopenExplain: string;
  reason: string;
  reasonHint: string;
  reasonRequired: string;
  confirmReopen: string;
  cancel: string;
  reopened: (label: string) => string;
  reopeningsTitle: string;
  reopening: (status: string) => string;
  noReason: string;
  earlierTitle: string;
  earlierRound: (round: number) => string;
  saving: string;
}

export const stageMessages: StageMessages = {
  title: 'Контроль качества',
  intro: 'Этапы по регламенту: регистрация обращения, экспертиза ответа, обратная связь по итогам анализа.',
  registered: 'Регистрация обращения',
  review: 'Экспертиза',
  analysis: 'Обратная связь: анализ руководителя',
  stateDone: 'выполнено',
  stateCurrent: 'текущий этап',
  stateAhead: 'впереди',
  round: (round) => `Ответ № ${round + 1} (после ${round} ${plural(round, 'возврата', 'возвратов', 'возвратов')} в работу)`,
  registeredAt: 'Зарегистрировано',
  waitingAnswer: 'Экспертиза — после ответа заявителю (итогового статуса).',
  waitingReview: 'Ответ дан: ждёт экспертизы.',
  waitingAnalysis: 'Ждёт заключения руководителя.',
  reviewFormTitle: 'Провести экспертизу ответа',
  outcome: 'Итог экспертизы',
  outcomePlaceholder: 'Выберите итог',
  outcomeRequired: 'Выберите итог экспертизы',
  reviewNote: 'Замечания (необязательно)',
  reviewNoteHint: 'Для операторов и руководителя; заявитель их не видит. До 1000 знаков.',
  saveReview: 'Сохранить экспертизу',
  reviewSaved: 'Экспертиза сохранена',
  analysisFormTitle: 'Заключение руководителя',
  remark: 'Заключение по итогам анализа',
  remarkHint: 'Выводы и корректирующие действия. До 2000 знаков.',
  remarkRequired: 'Напишите заключение',
  saveAnalysis: 'Сохранить заключение',
  analysisSaved: 'Заключение сохранено',
  reopenTitle: 'Вернуть в работу',
  reopenAction: 'Вернуть в работу…',
  reopenExplain: 'Обращение получит статус «В работе»: заявитель увидит смену статуса, но не причину. До нового ответа оно не считается решённым.',
  reason: 'Причина возврата',
  reasonHint: 'Видна только операторам. До 1000 знаков.',
  reasonRequired: 'Укажите причину возврата',
  confirmReopen: 'Подтвердить возврат в работу',
  cancel: 'Отмена',
  reopened: (label) => `Обращение возвращено в работу: статус «${label}»`,
  reopeningsTitle: 'Возвраты в работу',
  reopening: (status) => `Возвращено в статус «${status}»`,
  noReason: 'Причина не указана: статус сменён вручную.',
  earlierTitle: 'Экспертиза прежних ответов',
  earlierRound: (round) => `Ответ № ${round + 1}`,
  saving: 'Сохранение…',
};
