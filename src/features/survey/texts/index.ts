/** Where the survey texts are, per language: fetched with the survey's file (see loadMessages). */
import type { SurveyMessages } from './messages.js';

export type { SurveyMessages };

export const surveyTextFiles = {
  ru: () => import('./ru.js').then((m) => m.ru),
  en: () => import('./en.js').then((m) => m.en),
};
