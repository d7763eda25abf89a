import { z } from 'zod/mini';

/*
 * The status vocabulary the configuration carries (the panel reads it without the lookup's own
 * schemas, which come with the status lookup's file).
 */

/** One status of the vocabulary: the backend's config decides; the widget only has defaults. */
export const StatusDefinition = z.strictObject({
  code: z.string().check(z.regex(/^[a-z][a-z0-9_]{1,39}$/)),
  label: z.strictObject({ ru: z.string().check(z.minLength(1), z.maxLength(80)), en: z.string().check(z.minLength(1), z.maxLength(80)) }),
  /** Plain-language explanation for the citizen. */
  explanation: z.optional(z.strictObject({ ru: z.string().check(z.maxLength(400)), en: z.string().check(z.maxLength(400)) })),
  /** No further change is expected (the request is closed). */
  final: z._default(z.boolean(), false),
  /** Badge colour (#rrggbb), shown with the label, never alone. */
  color: z._default(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)), '#505a66'),
});
export type StatusDefinition = z.infer<typeof StatusDefinition>;

export const DEFAULT_STATUSES: readonly z.input<typeof StatusDefinition>[] = [
  {
    code: 'registered',
    label: { ru: 'Зарегистрировано', en: 'Registered' },
    explanation: { ru: 'Обращение принято и ждёт специалиста.', en: 'The request is received and waits for a specialist.' },
    color: '#0d4cd3',
  },
  {
    code: 'in_progress',
    label: { ru: 'В работе', en: 'In progress' },
    explanation: { ru: 'Специалист разбирается в вашем вопросе.', en: 'A specialist is working on your question.' },
    color: '#b26b00',
  },
  {
    code: 'awaiting_confirmation',
    label: { ru: 'Ожидает подтверждения', en: 'Awaiting confirmation' },
    explanation: {
      ru: 'Нужно ваше подтверждение или недостающие сведения: посмотрите комментарий специалиста.',
      en: 'Your confirmation or missing details are needed: see the specialist’s comment.',
    },
    color: '#6b3fa0',
  },
  {
    code: 'completed',
    label: { ru: 'Завершено', en: 'Completed' },
    explanation: { ru: 'Ответ подготовлен и отправлен выбранным способом.', en: 'The answer is ready and sent the way you chose.' },
    final: true,
    color: '#0b6b2f',
  },
  {
    code: 'rejected',
    label: { ru: 'Отклонено', en: 'Rejected' },
    explanation: { ru: 'Обращение не может быть рассмотрено: причина в комментарии специалиста.', en: 'The request cannot be handled: the reason is in the specialist’s comment.' },
    final: true,
    color: '#b3261e',
  },
];
