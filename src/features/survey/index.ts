/**
 * gov-support-widget/survey: the citizen's survey after a finished contact (issue 17). Its own
 * file: the status lookup, the callback's lookup and the chat's end fetch it (src/shared/load-survey.ts)
 * when they have a survey to show, and the panel when a survey link (`#gs-survey=<token>`) opens it.
 */
import { GsSurveyForm } from './survey-form.js';
import { GsSurveyView } from './survey-view.js';
import { GsErrorSummary } from '../../shared/error-summary.js';
import { defineElement } from '../../util/define.js';
import { registerFeatureFiles } from '../../i18n/localize.js';
import { surveyTextFiles } from './texts/index.js';

registerFeatureFiles('survey', surveyTextFiles);
defineElement('gs-error-summary', GsErrorSummary);
defineElement('gs-survey-form', GsSurveyForm);
defineElement('gs-survey-view', GsSurveyView);

export { GsSurveyForm, GsSurveyView };
export { GsSurveyAnsweredEvent } from './survey-events.js';
export type { SurveyMessages } from './texts/index.js';
