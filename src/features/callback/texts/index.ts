import type { Locale } from '../../../protocol/config.js';
import { en } from './en.js';
import type { CallbackMessages } from './messages.js';
import { ru } from './ru.js';

export type { CallbackMessages };

const catalogues: Record<Locale, CallbackMessages> = { ru, en };

export const callbackMessagesFor = (locale: Locale): CallbackMessages => catalogues[locale];
