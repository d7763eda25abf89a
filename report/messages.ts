import type { ContactChannel } from '../src/protocol/quality.js';

export type ReportLocale = 'ru' | 'en';

/** Every text of the public report's page, in Russian and English. Dynamic texts are functions. */
export interface ReportMessages {
  title: string;
  intro: string;
  /** The link to the page in the other language. */
  otherLanguage: { label: string; lang: ReportLocale };
  picker: { legend: string; month: string; show: string };
  loading: string;
  /** Announced when a month is shown. */
  shown: (month: string) => string;
  failed: string;
  monthHeading: (month: string) => string;
  computedAt: (date: string) => string;
  table: {
    caption: (month: string) => string;
    /** The name of the scrollable region holding the table (narrow screens). */
    region: string;
    channel: string;
    handled: string;
    reaction: string;
    resolved: string;
    rating: string;
    resolvedShare: string;
    answers: string;
  };
  channels: Record<ContactChannel | 'total', string>;
  /** A suppressed figure: too few contacts or answers to show. */
  fewData: string;
  /** A figure the channel does not have (office visits have no reaction time). */
  notApplicable: string;
  minutes: (value: string) => string;
  percent: (value: string) => string;
  chart: {
    heading: string;
    /** The chart's text alternative: every bar in words. */
    summary: (parts: string) => string;
    bar: (channel: string, value: string) => string;
    note: string;
  };
  download: (month: string) => string;
  explanations: {
    heading: string;
    handled: string;
    reaction: string;
    resolved: string;
    satisfaction: string;
    fewData: (minGroup: number) => string;
    frozen: string;
  };
}

const ru: ReportMessages = {
  title: 'Показатели работы службы поддержки',
  intro:
    'Сколько обращений служба поддержки обработала за месяц, как быстро отвечала и насколько граждане довольны ответом — по каждому каналу связи. Публикуются только завершившиеся месяцы; персональных данных и показателей отдельных сотрудников здесь нет.',
  otherLanguage: { label: 'English', lang: 'en' },
  picker: { legend: 'Выбор месяца', month: 'Месяц', show: 'Показать' },
  loading: 'Загрузка показателей…',
  shown: (month) => `Показаны показатели за ${month}`,
  failed: 'Не удалось загрузить показатели. Обновите страницу немного позже.',
  monthHeading: (month) => `Показатели за ${month}`,
  computedAt: (date) => `Рассчитаны ${date} и больше не меняются.`,
  table: {
    caption: (month) => `Показатели по каналам связи за ${month}`,
    region: 'Таблица показателей (прокручивается по горизонтали)',
    channel: 'Канал',
    handled: 'Обработано обращений',
    reaction: 'Время первой реакции (медиана, рабочие часы)',
    resolved: 'Решено с первого обращения',
    rating: 'Средняя оценка (1–5)',
    resolvedShare: 'Ответили «вопрос решён»',
    answers: 'Ответов на опрос',
  },
  channels: { request: 'Письменные обращения', callback: 'Обратный звонок', visit: 'Визиты в офис', chat: 'Онлайн-чат', total: 'Все каналы' },
  fewData: 'мало данных',
  notApplicable: 'не применяется',
  minutes: (value) => `${value} мин`,
  percent: (value) => `${value} %`,
  chart: {
    heading: 'Обработано обращений по каналам',
    summary: (parts) => `Столбчатая диаграмма «Обработано обращений по каналам»: ${parts}.`,
    bar: (channel, value) => `${channel} — ${value}`,
    note: 'Те же числа приведены в таблице выше.',
  },
  download: (month) => `Скачать данные за ${month} (JSON)`,
  explanations: {
    heading: 'Что означают показатели',
    handled: 'Сколько обращений завершено за месяц: письменное обращение получило итоговый статус, по обратному звонку дозвонились, визит в офис состоялся, чат с оператором закрыт.',
    reaction:
      'Сколько рабочих минут прошло от обращения до первого действия сотрудника (смена статуса, звонок, подключение к чату). Считаются только часы работы канала, без выходных и праздников. Медиана: у половины обращений время было таким или меньше. Для визитов в офис не применяется.',
    resolved:
      'Доля завершённых обращений, решённых без повторного открытия, без передачи другому сотруднику и с первой попытки дозвона.',
    satisfaction:
      'По ответам граждан на короткий опрос после обращения: оценка от 1 до 5 и ответ «да» на вопрос «Решён ли ваш вопрос?». Рядом — число ответов.',
    fewData: (minGroup) =>
      `Показатель рассчитан меньше чем по ${minGroup} обращениям или ответам, поэтому не публикуется: по такой малой группе можно было бы узнать о конкретном человеке. По той же причине иногда скрыт и соседний показатель — чтобы скрытое нельзя было вычислить из итога.`,
    frozen: 'Показатели месяца рассчитываются один раз после его окончания и больше не меняются, даже если позже обращение откроют повторно или придёт запоздалый ответ на опрос.',
  },
};

const en: ReportMessages = {
  title: 'Support service performance figures',
  intro:
    'How many contacts the support service handled in a month, how quickly it reacted and how satisfied citizens were, for each channel. Only finished months are published; there is no personal data here and no figures of individual staff.',
  otherLanguage: { label: 'Русский', lang: 'ru' },
  picker: { legend: 'Choose a month', month: 'Month', show: 'Show' },
  loading: 'Loading the figures…',
  shown: (month) => `Showing the figures for ${month}`,
  failed: 'The figures could not be loaded. Please reload the page a little later.',
  monthHeading: (month) => `Figures for ${month}`,
  computedAt: (date) => `Computed on ${date}; they do not change afterwards.`,
  table: {
    caption: (month) => `Figures by channel for ${month}`,
    region: 'Table of figures (scrolls horizontally)',
    channel: 'Channel',
    handled: 'Contacts handled',
    reaction: 'Time to first reaction (median, working hours)',
    resolved: 'Resolved at first contact',
    rating: 'Mean rating (1–5)',
    resolvedShare: 'Answered «issue resolved»',
    answers: 'Survey answers',
  },
  channels: { request: 'Written requests', callback: 'Callbacks', visit: 'Office visits', chat: 'Online chat', total: 'All channels' },
  fewData: 'too little data',
  notApplicable: 'not applicable',
  minutes: (value) => `${value} min`,
  percent: (value) => `${value}%`,
  chart: {
    heading: 'Contacts handled by channel',
    summary: (parts) => `Bar chart «Contacts handled by channel»: ${parts}.`,
    bar: (channel, value) => `${channel}: ${value}`,
    note: 'The table above gives the same numbers.',
  },
  download: (month) => `Download the data for ${month} (JSON)`,
  explanations: {
    heading: 'What the figures mean',
    handled: 'How many contacts were finished in the month: a written request reached its final status, a callback got through, an office visit took place, a chat with an operator was closed.',
    reaction:
      'The working minutes from the contact to the first action of staff (a status change, a call, joining the chat). Only the channel’s opening hours count, without weekends and public holidays. The median: half of the contacts took this long or less. Not applicable to office visits.',
    resolved: 'The share of finished contacts resolved without being reopened, without a handover to other staff and at the first call attempt.',
    satisfaction:
      'From citizens’ answers to a short survey after the contact: a rating from 1 to 5 and «yes» to «Has your issue been resolved?». The number of answers is given beside them.',
    fewData: (minGroup) =>
      `The figure rests on fewer than ${minGroup} contacts or answers, so it is not published: so small a group could tell something about a particular person. For the same reason a neighbouring figure is sometimes hidden too, so that a hidden one cannot be worked out from the total.`,
    frozen: 'A month’s figures are computed once after it ends and never change, even if a request is reopened later or a late survey answer arrives.',
  },
};

export const catalogue: Record<ReportLocale, ReportMessages> = { ru, en };

/** The page's language: `?lang=en|ru`, else the browser's first language, else Russian. */
export function pickLocale(search: string, languages: readonly string[]): ReportLocale {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'ru') return asked;
  return languages[0]?.toLowerCase().startsWith('en') ? 'en' : 'ru';
}
