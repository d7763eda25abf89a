/** An error summary entry was chosen: the form focuses that field. */
export class GsErrorLinkEvent extends Event {
  static readonly eventName = 'gs-error-link';
  constructor(readonly field: string) {
    super(GsErrorLinkEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * A request was registered. Carries the request number only, never personal data, so the site
 * may pass it to its analytics.
 */
export class GsSubmitEvent extends Event {
  static readonly eventName = 'gs-submit';
  constructor(
    readonly form: 'request' | 'callback' | 'booking',
    readonly requestNumber: string,
  ) {
    super(GsSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The citizen wants to write another request after a confirmation. */
export class GsNewRequestEvent extends Event {
  static readonly eventName = 'gs-new-request';
  constructor() {
    super(GsNewRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gs-error-link': GsErrorLinkEvent;
    'gs-submit': GsSubmitEvent;
    'gs-new-request': GsNewRequestEvent;
  }
}
