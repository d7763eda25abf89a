/**
 * gov-support-widget/chat: «Онлайн-чат», the citizen's chat with the virtual assistant and
 * operators (Socket.IO). The panel loads this file when the citizen opens the chat; Socket.IO's
 * client comes only with it.
 */
import { GsChat } from './chat.js';
import { GsChatComposer } from './chat-composer.js';
import { GsChatLog } from './chat-log.js';
import { GsChatOpening } from './chat-opening.js';
import { GsChatQueue } from './chat-queue.js';
import { defineElement } from '../../util/define.js';
import { GsErrorSummary } from '../../shared/error-summary.js';
import { registerFeatureFiles } from '../../i18n/localize.js';
import { chatTextFiles } from './texts/index.js';

registerFeatureFiles('chat', chatTextFiles);
defineElement('gs-error-summary', GsErrorSummary);
defineElement('gs-chat-log', GsChatLog);
defineElement('gs-chat-opening', GsChatOpening);
defineElement('gs-chat-composer', GsChatComposer);
defineElement('gs-chat-queue', GsChatQueue);
defineElement('gs-chat', GsChat);

export { GsChat, GsChatComposer, GsChatLog, GsChatOpening, GsChatQueue };
export type { ChatMessages } from './texts/index.js';
