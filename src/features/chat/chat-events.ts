import type { ChatAttachment, ChatOpening } from '../../protocol/chat.js';

/**
 * What the chat's elements ask of `gs-chat` (which holds the session): small typed events. An
 * action that answers (start, rate, e-mail) carries `result`: the handler sets the promise of its
 * outcome, the element waits for it to show «sent» or the problem.
 */
abstract class GsChatActionEvent extends Event {
  /** Set by the handler: resolves when the action went through, rejects with its problem. */
  result?: Promise<void>;
}

/** The opening form was submitted valid. */
export class GsChatStartEvent extends GsChatActionEvent {
  static readonly eventName = 'gs-chat-start';
  constructor(readonly body: ChatOpening) {
    super(GsChatStartEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The citizen sends a message (the composer, or a suggestion that asks its question). */
export class GsChatSendEvent extends Event {
  static readonly eventName = 'gs-chat-send';
  constructor(
    readonly text: string,
    readonly attachments: readonly string[] = [],
  ) {
    super(GsChatSendEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A file of a message is asked for (its button in the log). */
export class GsChatDownloadEvent extends Event {
  static readonly eventName = 'gs-chat-download';
  constructor(readonly attachment: ChatAttachment) {
    super(GsChatDownloadEvent.eventName, { bubbles: true, composed: true });
  }
}

/** «Повторить» on a message that was not sent. */
export class GsChatRetryEvent extends Event {
  static readonly eventName = 'gs-chat-retry';
  constructor(readonly clientId: string) {
    super(GsChatRetryEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The citizen started or stopped typing. */
export class GsChatTypingEvent extends Event {
  static readonly eventName = 'gs-chat-typing';
  constructor(readonly typing: boolean) {
    super(GsChatTypingEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The rating of an ended chat. */
export class GsChatRateEvent extends GsChatActionEvent {
  static readonly eventName = 'gs-chat-rate';
  constructor(
    readonly score: number,
    readonly comment: string,
  ) {
    super(GsChatRateEvent.eventName, { bubbles: true, composed: true });
  }
}

/** «Отправить на почту»: the transcript to this address. */
export class GsChatTranscriptEmailEvent extends GsChatActionEvent {
  static readonly eventName = 'gs-chat-transcript-email';
  constructor(readonly email: string) {
    super(GsChatTranscriptEmailEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gs-chat-start': GsChatStartEvent;
    'gs-chat-send': GsChatSendEvent;
    'gs-chat-retry': GsChatRetryEvent;
    'gs-chat-download': GsChatDownloadEvent;
    'gs-chat-typing': GsChatTypingEvent;
    'gs-chat-rate': GsChatRateEvent;
    'gs-chat-transcript-email': GsChatTranscriptEmailEvent;
  }
}
