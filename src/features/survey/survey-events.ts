/**
 * The citizen answered a survey (now, or before: a 409 says so). Carries the token only: the
 * view around the form keeps showing the form's own thank-you, whatever a later update says.
 */
export class GsSurveyAnsweredEvent extends Event {
  static readonly eventName = 'gs-survey-answered';
  constructor(readonly token: string) {
    super(GsSurveyAnsweredEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gs-survey-answered': GsSurveyAnsweredEvent;
  }
}
