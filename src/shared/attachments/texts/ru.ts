import type { AttachmentMessages } from './messages.js';

export const ru: AttachmentMessages = {
  label: 'Файлы',
  hint: (types, maxMb, maxCount) => `${types}, до ${maxMb} МБ каждый, не больше ${maxCount}`,
  choose: 'Выбрать файлы',
  dropHere: 'или перетащите их сюда, или вставьте снимок экрана',
  remove: (name) => `Удалить файл ${name}`,
  uploading: (percent) => `Загружается: ${percent}%`,
  uploaded: 'Загружен',
  retry: 'Загрузить снова',
  tooBig: (maxMb) => `Файл больше ${maxMb} МБ`,
  wrongType: (types) => `Это не ${types}: принимаются только такие файлы`,
  tooMany: (maxCount) => `Можно приложить не больше ${maxCount} файлов`,
  empty: 'Файл пустой',
  uploadFailed: 'Не удалось загрузить',
  rejectedBy: (name) => `Файл ${name} не принят`,
  pastedName: 'снимок-экрана',
};
