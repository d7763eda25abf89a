/** Back from an office's card or booking to the list. */
export class GsOfficeBackEvent extends Event {
  static readonly eventName = 'gs-office-back';
  constructor() {
    super(GsOfficeBackEvent.eventName, { bubbles: true, composed: true });
  }
}

/** «Записаться на приём» on an office's card; `service` is the one chosen there ('' = none yet). */
export class GsOfficeBookEvent extends Event {
  static readonly eventName = 'gs-office-book';
  constructor(readonly service: string) {
    super(GsOfficeBookEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gs-office-back': GsOfficeBackEvent;
    'gs-office-book': GsOfficeBookEvent;
  }
}
