import { loadMessages } from '../../i18n/localize.js';
import type { Locale } from '../../protocol/config.js';

/**
 * The attachments field (the request form's `gs-file-attachments`: same checks, uploads and
 * texts) is fetched when the citizen first asks to attach a file: opening the chat does not pay
 * for it. Resolves once the element is defined and its texts are at hand in `locale`.
 */
export const loadChatAttachments = (locale: Locale): Promise<void> =>
  import('../../shared/attachments/index.js').then(() => loadMessages(locale));
