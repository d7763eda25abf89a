import type { OutgoingMessage } from '../notify/notifier.js';
import type { AnswerChannel, RequestType } from '#protocol/request.js';
import { ru } from '#i18n/ru.js';
import { formatMoscow } from '../time.js';

export interface RegisteredRequest {
  number: string;
  type: RequestType;
  answerChannel: AnswerChannel;
  /** Normalized: +7XXXXXXXXXX. */
  phone: string;
  email?: string | undefined;
  answerDueAt: number;
}

/**
 * The confirmation of a registered request, on the channel the citizen chose for the answer:
 * an e-mail for `email`, an SMS for `sms` and `phone` (the call comes later; the SMS carries the
 * number). It never contains the lookup code (the outbox is plain text), СНИЛС, ИНН or the text
 * of the request.
 */
export function registrationMessage(request: RegisteredRequest): OutgoingMessage {
  const due = `${formatMoscow(request.answerDueAt)} (мск)`;
  if (request.answerChannel === 'email' && request.email) {
    return {
      channel: 'email',
      recipient: request.email,
      subject: `Обращение № ${request.number} зарегистрировано`,
      body: [
        'Здравствуйте!',
        '',
        `Ваше обращение «${ru.requestTypes[request.type]}» зарегистрировано под номером ${request.number}.`,
        `Ответ придёт на этот адрес до ${due}.`,
        '',
        'Узнать статус можно в разделе «Статус обращения» по номеру обращения и коду проверки,',
        'который был показан после отправки.',
        '',
        'Это письмо отправлено автоматически, отвечать на него не нужно.',
      ].join('\n'),
    };
  }
  const how = request.answerChannel === 'phone' ? `Оператор позвонит до ${due}.` : `Ответ придёт в SMS до ${due}.`;
  return {
    channel: 'sms',
    recipient: request.phone,
    body: `Обращение № ${request.number} зарегистрировано. ${how}`,
  };
}
