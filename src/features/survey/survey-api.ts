import { ApiClient } from '../../api/client.js';
import { surveyEndpoints, type SurveyAnswerBody } from '../../protocol/quality.js';

/** The survey's backend calls, from the contract (protocol/quality.ts). */
export class SurveyApi {
  readonly #client: ApiClient;

  constructor(backend: string) {
    this.#client = new ApiClient(backend);
  }

  /** What the survey is about and whether it was answered (404: a bad token, or not finished yet). */
  view(token: string, signal?: AbortSignal) {
    return this.#client.call(surveyEndpoints.survey, { params: { token }, signal });
  }

  /** Answers the survey, once (a second answer: 409 `conflict`). */
  answer(token: string, body: SurveyAnswerBody, signal?: AbortSignal) {
    return this.#client.call(surveyEndpoints.answerSurvey, { params: { token }, body, signal });
  }
}
