/** The survey texts in both languages at once: bundler apps, tests and stories (the script tag's panel fetches one). */
import { registerFeatureMessages } from '../../../i18n/localize.js';
import { en } from './en.js';
import { ru } from './ru.js';

registerFeatureMessages('survey', 'ru', ru);
registerFeatureMessages('survey', 'en', en);
