/** A marker of the office map was chosen (click, Enter or Space): the finder opens that office's card. */
export class GsOfficeSelectEvent extends Event {
  static readonly eventName = 'gs-office-select';
  constructor(readonly officeId: string) {
    super(GsOfficeSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gs-office-select': GsOfficeSelectEvent;
  }
}
