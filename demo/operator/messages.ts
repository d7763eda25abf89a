import { ru } from '../../src/i18n/ru.js';
/** Every text of the operator console (Russian). Dynamic texts are functions. */
export interface OperatorMessages {
  appTitle: string;
  skipLink: string;
  navLabel: string;
  nav: { requests: string };
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
  };
  list: {
    title: string;
    searchLabel: string;
    q: string;
    qHint: string;
    status: string;
    anyStatus: string;
    search: string;
    reset: string;
    caption: string;
    columns: { number: string; fullName: string; status: string; createdAt: string; answerDueAt: string };
    found: (total: number) => string;
    empty: string;
    overdue: string;
    open: (number: string) => string;
    pagination: string;
    previous: string;
    next: string;
    page: (page: number, pages: number) => string;
  };
  detail: {
    title: (number: string) => string;
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
    noHistory: string;
    internalNote: string;
    statusChange: string;
    commentForCitizen: string;
    operator: (name: string) => string;
    statusFormTitle: string;
    newStatus: string;
    comment: string;
    commentHint: string;
    changeStatus: string;
    statusChanged: (label: string) => string;
    noteFormTitle: string;
    note: string;
    noteHint: string;
    addNote: string;
    noteAdded: string;
    noteRequired: string;
    saving: string;
  };
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

const kb = (n: number) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }).format(n);

export const messages: OperatorMessages = {
  appTitle: 'Консоль оператора',
  skipLink: 'Перейти к основному содержанию',
  navLabel: 'Разделы консоли',
  nav: { requests: 'Обращения' },
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
  },
  list: {
    title: 'Обращения',
    searchLabel: 'Поиск обращений',
    q: 'Поиск',
    qHint: 'Номер обращения, ФИО, телефон или e-mail',
    status: 'Статус',
    anyStatus: 'Все статусы',
    search: 'Найти',
    reset: 'Сбросить',
    caption: 'Список обращений',
    columns: { number: 'Номер', fullName: 'Заявитель', status: 'Статус', createdAt: 'Создано', answerDueAt: 'Срок ответа' },
    found: (total) => {
      const mod10 = total % 10;
      const mod100 = total % 100;
      const word = mod10 === 1 && mod100 !== 11 ? 'обращение' : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'обращения' : 'обращений';
      return `Найдено: ${total} ${word}`;
    },
    empty: 'Обращений не найдено. Измените условия поиска.',
    overdue: 'просрочено',
    open: (number) => `Открыть обращение ${number}`,
    pagination: 'Страницы списка',
    previous: 'Предыдущая страница',
    next: 'Следующая страница',
    page: (page, pages) => `Страница ${page} из ${pages}`,
  },
  detail: {
    title: (number) => `Обращение ${number}`,
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
    overdue: 'просрочено',
    attachmentsTitle: 'Вложения',
    noAttachments: 'Вложений нет',
    download: (name, size) => `${name} (${size})`,
    historyTitle: 'История',
    noHistory: 'Записей пока нет',
    internalNote: 'Внутренняя заметка',
    statusChange: 'Статус',
    commentForCitizen: 'Комментарий для заявителя',
    operator: (name) => `Оператор: ${name}`,
    statusFormTitle: 'Сменить статус',
    newStatus: 'Новый статус',
    comment: 'Комментарий для заявителя (необязательно)',
    commentHint: 'Заявитель увидит этот комментарий при проверке статуса.',
    changeStatus: 'Сменить статус',
    statusChanged: (label) => `Статус изменён: «${label}»`,
    noteFormTitle: 'Добавить внутреннюю заметку',
    note: 'Текст заметки',
    noteHint: 'Видна только операторам, заявитель её не увидит.',
    addNote: 'Добавить заметку',
    noteAdded: 'Заметка добавлена',
    noteRequired: 'Введите текст заметки',
    saving: 'Сохранение…',
  },
  errors: {
    network: 'Нет связи с сервером. Проверьте подключение и повторите.',
    notFound: 'Обращение не найдено',
    forbidden: 'Действие запрещено',
    rateLimited: (seconds) => (seconds ? `Слишком много запросов. Повторите через ${seconds} с.` : 'Слишком много запросов. Повторите позже.'),
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
