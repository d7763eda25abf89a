import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FieldIssue } from '../protocol/error.js';
import { apiProblem, type ApiProblem } from './api-problem.js';

/** idle: nothing sent yet; submitting: a call is on its way; failed / done: how the last one ended. */
export type SubmitState = 'idle' | 'submitting' | 'failed' | 'done';

export interface SubmitControllerOptions<P> {
  /** The form's own problem for a failed call, from `apiProblem`'s sorting of the error. */
  problem: (found: ApiProblem) => P;
  /** The problem's text, announced to screen readers when it is set (absent: not announced). */
  text?: (problem: P) => string;
  /** Where the server's field errors go (the validation controller); absent: they are a problem like any other. */
  issues?: (issues: readonly FieldIssue[]) => void;
  /** The error summary, focused after field errors. */
  summary?: () => HTMLElement | null | undefined;
  /**
   * The box that shows the problem (`tabindex="-1"`), focused after a failed call: focus goes to
   * what went wrong, never to the page. Then it is not announced as well (focus reads it).
   */
  alert?: () => HTMLElement | null | undefined;
}

/**
 * What every form does around its backend calls: one call at a time (the send button stays
 * focusable meanwhile: `aria-disabled`, its clicks ignored here; `disabled` would drop focus to
 * the page); an idempotency key per submitted body (a retry of the same body keeps it, so a
 * repeat after a network failure is answered with the first result; a changed body gets a new
 * one); a failure sorted into the form's problem, which takes focus or is announced; the
 * server's field errors onto their fields with the error summary focused; the call aborted when
 * the form leaves the page. The form keeps what differs: its problem kinds, their texts, and
 * what success does.
 */
export class SubmitController<P> implements ReactiveController {
  state: SubmitState = 'idle';
  /** What to tell the citizen: the last call's problem, or one the form set (`show`). */
  problem?: P | undefined;
  /** The text of the form's polite live region. */
  announcement = '';
  readonly #host: ReactiveControllerHost;
  readonly #options: SubmitControllerOptions<P>;
  #attempt?: { key: string; body: string };
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost, options: SubmitControllerOptions<P>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get submitting(): boolean {
    return this.state === 'submitting';
  }

  /** The idempotency key for `body`: the same as last time for the same body, a new one for another. */
  key(body: unknown): string {
    const json = JSON.stringify(body);
    if (this.#attempt?.body !== json) this.#attempt = { key: crypto.randomUUID(), body: json };
    return this.#attempt.key;
  }

  /**
   * Runs a call and what its success does (`task`, given the signal that aborts it), unless one
   * is on its way. A success forgets the key; a failure becomes `problem` (announced).
   */
  async run(task: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    if (this.submitting) return;
    const abort = (this.#abort = new AbortController());
    this.#set('submitting');
    try {
      await task(abort.signal);
      this.#attempt = undefined;
      this.#set('done');
    } catch (error) {
      if (abort.signal.aborted) return this.#set('idle');
      this.#failed(apiProblem(error));
    }
  }

  /** Shows a problem of the form's own (nothing sent), or none: `show(undefined)`. */
  show(problem: P | undefined): void {
    this.problem = problem;
    this.#host.requestUpdate();
  }

  /** Says `text` in the live region (again, even when it is the same). */
  announce(text: string): void {
    this.announcement = '';
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => {
      this.announcement = text;
      this.#host.requestUpdate();
    });
  }

  /** Moves focus to the error summary once it is rendered. */
  focusSummary(): Promise<void> {
    return this.#focus(this.#options.summary);
  }

  async #focus(target: (() => HTMLElement | null | undefined) | undefined): Promise<void> {
    await this.#host.updateComplete;
    target?.()?.focus();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  #failed(found: ApiProblem): void {
    const { issues, problem, text } = this.#options;
    if (found.kind === 'validation' && issues) {
      issues(found.issues);
      this.#set('failed');
      void this.focusSummary();
      return;
    }
    const p = problem(found);
    this.#set('failed', p);
    if (this.#options.alert) void this.#focus(this.#options.alert);
    else if (text) this.announce(text(p));
  }

  #set(state: SubmitState, problem?: P): void {
    this.state = state;
    this.show(problem);
  }
}
