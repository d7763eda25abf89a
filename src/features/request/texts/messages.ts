import type { PluralForms } from '../../../i18n/messages.js';

/** Texts of «Написать в поддержку»: the form and the confirmation (the attachments field has its own, src/shared/attachments/texts). A missing key is a type error. */
export interface RequestMessages {
  form: {
    intro: string;
    /** What to do when a field is left empty, by field (GOV.UK: «Select …» for a select or radios, «Enter …» for an input). */
    missing: Record<'type' | 'fullName' | 'phone' | 'answerChannel' | 'description' | 'incidentDate', string>;
    type: string;
    fullName: string;
    fullNameHint: string;
    phone: string;
    phoneHint: string;
    email: string;
    emailHint: string;
    answerChannel: string;
    identifiers: string;
    identifiersHint: string;
    snils: string;
    snilsHint: string;
    inn: string;
    innHint: string;
    serviceNumber: string;
    serviceNumberHint: string;
    description: string;
    descriptionHint: string;
    /** Live count: «Осталось 3 950 символов» / «Превышено на 12 символов». */
    charactersLeft: PluralForms;
    charactersOver: PluralForms;
    incident: string;
    incidentDate: string;
    incidentTime: string;
    links: string;
    linksHint: string;
    consent: string;
    submit: string;
    submitting: string;
    waitForUploads: string;
    draftKept: string;
  };
  confirmation: {
    title: string;
    number: string;
    lookupCode: string;
    lookupCodeHint: string;
    answerBy: (date: string) => string;
    answerChannel: (channel: string) => string;
    track: string;
    copy: string;
    copied: string;
    newRequest: string;
    /** The tracking link's text, before the request number. */
    trackingLink: string;
    trackingLinkHint: string;
    copyLink: string;
  };
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    request: RequestMessages;
  }
}
