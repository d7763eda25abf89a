import type { ChatKind, ChatSystemKind } from '../../../protocol/chat.js';

/**
 * Texts of the online chat (a feature catalogue of its own: it travels with the chat's file,
 * not with the panel). A missing key is a type error.
 */
export interface ChatMessages {
  intro: string;
  /** The structured opening. */
  opening: {
    kind: string;
    kinds: Record<ChatKind, { label: string; hint: string }>;
    summary: string;
    summaryHint: string;
    question: string;
    questionHint: string;
    name: string;
    contact: string;
    contactHint: string;
    anonymous: string;
    /** The site passed its sign-in (identityToken): the chat is linked to the person. */
    signedIn: string;
    start: string;
    starting: string;
    missing: { kind: string; summary: string; question: string };
  };
  /** Why the chat could not start, or an action did not go through. */
  problems: {
    offline: string;
    failed: string;
    rateLimited: (seconds: number) => string;
    /** The server is busy for now (`unavailable`): nothing is wrong with what was sent. */
    busy: string;
    /** The server's own words (its Russian message). */
    server: (message: string) => string;
    lost: string;
    /** A file of the conversation could not be downloaded. */
    download: (name: string) => string;
  };
  connection: { connecting: string; connected: string; reconnecting: string; offline: string };
  log: {
    label: string;
    /** The accessible name of a file's button in the log. */
    downloadFile: (name: string) => string;
    you: string;
    assistant: string;
    operator: string;
    /** A system line's author for screen readers. */
    system: string;
    at: (time: string) => string;
    article: (title: string) => string;
    suggestions: string;
    sending: string;
    failed: string;
    retry: string;
    delivered: string;
    read: string;
    /** «Оператор Анна печатает…» */
    typing: (name: string | undefined) => string;
    notKept: string;
    attachments: string;
    empty: string;
  };
  system: Record<ChatSystemKind, (operatorName: string | undefined) => string>;
  composer: {
    label: string;
    hint: string;
    send: string;
    tooLong: (max: number) => string;
    sensitive: string;
    /** Shows the attachments field (the request form's: same types, size and count). */
    attach: string;
    attachLoading: string;
    attachFailed: string;
    waitForUploads: string;
  };
  handoff: string;
  handoffHint: string;
  handoffWaiting: string;
  endChat: string;
  endConfirm: string;
  endYes: string;
  endNo: string;
  operatorsClosed: (when: string) => string;
  operatorsClosedNoTime: string;
  writeInstead: string;
  queue: {
    title: string;
    position: (position: number) => string;
    next: string;
    wait: (minutes: number) => string;
    callbackOffer: string;
    callbackAccept: string;
    callbackDecline: string;
    callbackDeclined: string;
  };
  end: {
    title: string;
    closedByOperator: string;
    closedByYou: string;
    rate: string;
    scores: readonly [string, string, string, string, string];
    comment: string;
    commentHint: string;
    sendRating: string;
    rated: string;
    missingScore: string;
    transcript: string;
    download: string;
    email: string;
    emailHint: string;
    sendEmail: string;
    emailSent: string;
    missingEmail: string;
    newChat: string;
    /** The downloaded file's header and lines. */
    file: { title: string; name: (date: string) => string };
  };
}

declare module '../../../i18n/messages.js' {
  interface FeatureMessages {
    chat: ChatMessages;
  }
}
