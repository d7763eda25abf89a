import type { AttachmentMessages } from './messages.js';

export const en: AttachmentMessages = {
  label: 'Files',
  hint: (types, maxMb, maxCount) => `${types}, up to ${maxMb} MB each, at most ${maxCount}`,
  choose: 'Choose files',
  dropHere: 'or drop them here, or paste a screenshot',
  remove: (name) => `Remove file ${name}`,
  uploading: (percent) => `Uploading: ${percent}%`,
  uploaded: 'Uploaded',
  retry: 'Upload again',
  tooBig: (maxMb) => `The file is larger than ${maxMb} MB`,
  wrongType: (types) => `This is not ${types}: only these are accepted`,
  tooMany: (maxCount) => `You can attach at most ${maxCount} files`,
  empty: 'The file is empty',
  uploadFailed: 'Upload failed',
  rejectedBy: (name) => `File ${name} was not accepted`,
  pastedName: 'screenshot',
};
