import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { StandaloneAttributes } from '../controllers/config-controller.js';
import type { GsSurveyAnsweredEvent } from '../features/survey/index.js';
import { loadMessages, type LocalizeController } from '../i18n/localize.js';
import type { Locale } from '../protocol/config.js';
import { importAgain } from '../util/import-again.js';

/**
 * The citizen's survey (src/features/survey/) is a file of its own: the status lookup, the
 * callback's lookup, the chat's end and the panel's survey view fetch it through here when they
 * have a survey to show, so its code is in none of their files. The panel imports this module
 * statically: it travels in the panel's file, and the channels find it there.
 */

/** The survey's file (the panel's survey view fetches it through its channel loader). */
export const importSurvey = () => import('../features/survey/index.js');

let attempt: Promise<unknown> | undefined;
let failure: { error: unknown } | undefined;

/**
 * Fetches the survey's file once, then its texts in `locale`; a failed attempt is forgotten, so
 * the next call tries again (under a new URL: see importAgain).
 */
export function loadSurvey(locale: Locale): Promise<unknown> {
  attempt ??= (failure ? importAgain(failure.error, importSurvey) : importSurvey()).then(
    async (module) => {
      await loadMessages(locale);
      failure = undefined;
      return module;
    },
    (error: unknown) => {
      attempt = undefined;
      failure = { error };
      throw error;
    },
  );
  return attempt;
}

/** A finished contact's survey as a view carries it (`survey` of the status, callback and chat views). */
export interface SurveyLink {
  token: string;
  answered: boolean;
}

/**
 * The survey under a finished contact's view: `render(survey)` gives the survey's form (fetching
 * its file first: nothing shows until it has come, and nothing waits for it), or a line «вы уже
 * оценили» for a survey answered before. One answered in the form on screen keeps the form's own
 * thank-you, whatever a later update of the view says; shown anew, it is the line. A file that did not come is asked for again at the next render.
 */
export class SurveySlotController implements ReactiveController {
  #ready = false;
  #loading = false;
  readonly #answeredHere = new Set<string>();

  constructor(
    /** The view the survey is in; its `backend` and `locale` go to the survey when it stands alone. */
    private readonly host: ReactiveControllerHost & HTMLElement & StandaloneAttributes,
    /** The view's language: the survey's texts come in it, and the «answered» line. */
    private readonly l10n: Pick<LocalizeController, 'locale' | 'msg'>,
  ) {
    host.addController(this);
    host.addEventListener('gs-survey-answered', (event: GsSurveyAnsweredEvent) => this.#answeredHere.add(event.token));
  }

  hostConnected(): void {}

  /** The survey of `survey`, if any, its heading at `level` (under the view's h3). */
  render(survey: SurveyLink | undefined, level = 4) {
    if (!survey) return nothing;
    // Answered in the form on screen: it keeps its thank-you (focus is there); else the line.
    const shown = this.host.shadowRoot?.querySelector('gs-survey-form')?.token === survey.token;
    if ((survey.answered || this.#answeredHere.has(survey.token)) && !(shown && this.#answeredHere.has(survey.token))) {
      return html`<p class="survey-answered">${this.l10n.msg.quality.answered}</p>`;
    }
    if (!this.#ready) {
      this.#load();
      return nothing;
    }
    const { backend, locale } = this.host;
    return html`<gs-survey-form .token=${survey.token} .backend=${backend} .locale=${locale} heading-level=${level}></gs-survey-form>`;
  }

  #load(): void {
    if (this.#loading) return;
    this.#loading = true;
    loadSurvey(this.l10n.locale).then(
      () => {
        this.#ready = true;
        this.#loading = false;
        this.host.requestUpdate();
      },
      () => (this.#loading = false),
    );
  }
}
