/** Texts of the attachments field (the request form and the chat). A missing key is a type error. */
export interface AttachmentMessages {
  label: string;
  hint: (types: string, maxMb: string, maxCount: number) => string;
  choose: string;
  dropHere: string;
  remove: (name: string) => string;
  uploading: (percent: number) => string;
  uploaded: string;
  retry: string;
  tooBig: (maxMb: string) => string;
  wrongType: (types: string) => string;
  tooMany: (maxCount: number) => string;
  empty: string;
  uploadFailed: string;
  rejectedBy: (name: string) => string;
  pastedName: string;
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    attachments: AttachmentMessages;
  }
}
