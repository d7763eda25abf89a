import type { Locale } from '../../../protocol/config.js';
import { en } from './en.js';
import type { OfficeMessages } from './messages.js';
import { ru } from './ru.js';

export type { OfficeMessages };

const catalogues: Record<Locale, OfficeMessages> = { ru, en };

export const officeMessagesFor = (locale: Locale): OfficeMessages => catalogues[locale];
