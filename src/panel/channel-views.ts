import { html, type TemplateResult } from 'lit';
import { loadMessages } from '../i18n/localize.js';
import type { ViewName } from '../config/store.js';
import type { Locale } from '../protocol/config.js';
import { importAgain } from '../util/import-again.js';
import { importSurvey } from '../shared/load-survey.js';

/** A view other than home: a channel, or the survey of a survey link. */
export type PanelView = Exclude<ViewName, 'home'>;

/** A channel the panel can show: its file, fetched when its view first opens, and its element. */
export interface ChannelView {
  /** Fetches and runs the channel's file (defining its elements). */
  load(): Promise<unknown>;
  render(prefill: Record<string, unknown> | undefined): TemplateResult;
}

/**
 * The channels that exist, each a file of its own (see the size table in the README). A channel
 * not listed here is shown as «скоро». Shared code (Lit, the protocol) lives in shared chunks.
 */
export const channelViews: Partial<Record<PanelView, ChannelView>> = {
  chat: {
    load: () => import('../features/chat/index.js'),
    render: (prefill) => html`<gs-chat .prefill=${prefill}></gs-chat>`,
  },
  request: {
    load: () => import('../features/request/index.js'),
    render: (prefill) => html`<gs-request-form .prefill=${prefill}></gs-request-form>`,
  },
  status: {
    load: () => import('../features/status/index.js'),
    render: (prefill) => html`<gs-status-lookup .prefill=${prefill}></gs-status-lookup>`,
  },
  callback: {
    load: () => import('../features/callback/index.js'),
    render: (prefill) => html`<gs-callback-request .prefill=${prefill}></gs-callback-request>`,
  },
  offices: {
    load: () => import('../features/offices/index.js'),
    render: (prefill) => html`<gs-office-finder .prefill=${prefill}></gs-office-finder>`,
  },
  // Not a channel of the home view: a survey link (`#gs-survey=<token>`) opens it.
  survey: {
    load: importSurvey,
    render: (prefill) => html`<gs-survey-view .prefill=${prefill}></gs-survey-view>`,
  },
};

let helpSearch: Promise<unknown> | undefined;

/**
 * Fetches the home view's help search (its file and its texts in `locale`) once; the home view
 * shows it when it has arrived, and works without it (a failure is tried again next time).
 */
export function loadHelpSearch(locale: Locale): Promise<unknown> {
  helpSearch ??= import('../features/help/index.js')
    .then(() => loadMessages(locale))
    .catch((error: unknown) => {
      helpSearch = undefined;
      throw error;
    });
  return helpSearch;
}

export type ChannelLoadState = 'loading' | 'ready' | 'failed';

const attempts = new Map<PanelView, Promise<unknown>>();
const failures = new Map<PanelView, unknown>();

/**
 * Fetches a channel's file once, then its texts in `locale` (the file tells where they are); a
 * failed attempt is forgotten, so the next call tries again (under a new URL: see importAgain).
 */
export function loadChannel(id: PanelView, locale: Locale): Promise<unknown> {
  const view = channelViews[id];
  if (!view) return Promise.resolve();
  let attempt = attempts.get(id);
  if (!attempt) {
    const failed = failures.get(id);
    attempt = (failures.has(id) ? importAgain(failed, () => view.load()) : view.load()).then(
      async (module) => {
        await loadMessages(locale);
        failures.delete(id);
        return module;
      },
      (error: unknown) => {
        attempts.delete(id);
        failures.set(id, error);
        throw error;
      },
    );
    attempts.set(id, attempt);
  }
  return attempt;
}
