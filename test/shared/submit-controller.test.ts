import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiRequestError } from '../../src/api/client.js';
import type { ApiProblem } from '../../src/shared/api-problem.js';
import { SubmitController, type SubmitControllerOptions } from '../../src/shared/submit-controller.js';

/** A connected host, like a rendered Lit element, that counts update requests. */
class FakeHost implements ReactiveControllerHost {
  updates = 0;
  controllers: ReactiveController[] = [];
  readonly updateComplete = Promise.resolve(true);
  addController = (controller: ReactiveController) => void this.controllers.push(controller);
  removeController(): void {}
  requestUpdate = () => void this.updates++;
  disconnect = () => this.controllers.forEach((c) => c.hostDisconnected?.());
}

type Problem = { kind: 'offline' | 'failed' | 'not-found' } | { kind: 'rate-limited'; seconds: number } | { kind: 'taken'; next?: unknown };

const problemOf = (found: ApiProblem): Problem =>
  found.kind === 'conflict' ? { kind: 'taken', next: found.next } : found.kind === 'validation' ? { kind: 'failed' } : found;
const textOf = (p: Problem) => (p.kind === 'rate-limited' ? `Подождите ${p.seconds} с` : p.kind);

function setup(options: Partial<SubmitControllerOptions<Problem>> = {}) {
  const host = new FakeHost();
  const submit = new SubmitController<Problem>(host, { problem: problemOf, text: textOf, ...options });
  return { host, submit };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const fail = (error: unknown) => () => Promise.reject(error);

describe('SubmitController', () => {
  it('keeps the idempotency key for a retry of the same body, renews it for another, forgets it after a success', async () => {
    const { submit } = setup();
    const first = submit.key({ phone: '+79123456789', slot: 'a' });
    expect(first).to.match(/^[0-9a-f-]{36}$/);
    await submit.run(fail(new ApiRequestError(0, 'network', 'Failed to fetch')));
    expect(submit.key({ phone: '+79123456789', slot: 'a' }), 'a retry after a network failure').to.equal(first);
    const changed = submit.key({ phone: '+79123456789', slot: 'b' });
    expect(changed, 'a changed body').to.not.equal(first);
    await submit.run(async () => 'ok');
    expect(submit.key({ phone: '+79123456789', slot: 'b' }), 'a new submit after a success').to.not.equal(changed);
  });

  it('goes idle → submitting → done, one call at a time', async () => {
    const { host, submit } = setup();
    expect(submit.state).to.equal('idle');
    let finish!: () => void;
    let calls = 0;
    const running = submit.run(() => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    expect(submit.state).to.equal('submitting');
    expect(submit.submitting).to.equal(true);
    await submit.run(async () => void calls++);
    expect(calls, 'a second submit while the first is on its way').to.equal(1);
    finish();
    await running;
    expect(submit.state).to.equal('done');
    expect(submit.problem).to.equal(undefined);
    expect(host.updates).to.be.greaterThan(1);
  });

  it('sorts a failure into the form’s problem and announces its text', async () => {
    const { submit } = setup();
    await submit.run(fail(new ApiRequestError(429, 'rate_limited', 'Слишком часто', [], 42)));
    expect(submit.state).to.equal('failed');
    expect(submit.problem).to.deep.equal({ kind: 'rate-limited', seconds: 42 });
    await tick();
    expect(submit.announcement).to.equal('Подождите 42 с');
    const next = { start: '2026-03-17T05:00:00.000Z', end: '2026-03-17T05:30:00.000Z', free: 1 };
    await submit.run(fail(new ApiRequestError(409, 'conflict', 'Занято', [], undefined, next)));
    expect(submit.problem).to.deep.equal({ kind: 'taken', next });
    await submit.run(fail(new ApiRequestError(0, 'network', 'Failed to fetch')));
    expect(submit.problem).to.deep.equal({ kind: 'offline' });
    await submit.run(fail(new ApiRequestError(404, 'not_found', 'Не найдено')));
    expect(submit.problem).to.deep.equal({ kind: 'not-found' });
    await submit.run(fail(new ApiRequestError(500, 'internal', 'Ошибка')));
    expect(submit.problem).to.deep.equal({ kind: 'failed' });
    await submit.run(async () => undefined);
    expect(submit.problem, 'a new submit clears it').to.equal(undefined);
  });

  it('puts the server’s field errors on their fields and focuses the error summary instead', async () => {
    const summary = document.createElement('div');
    summary.tabIndex = -1;
    document.body.append(summary);
    const landed: unknown[] = [];
    const { submit } = setup({ issues: (issues) => landed.push(...issues), summary: () => summary });
    const issues = [{ path: ['name'], code: 'name', message: 'Укажите имя буквами' }];
    await submit.run(fail(new ApiRequestError(400, 'validation_failed', 'x', issues)));
    await tick();
    expect(landed).to.deep.equal(issues);
    expect(submit.state).to.equal('failed');
    expect(submit.problem).to.equal(undefined);
    expect(submit.announcement).to.equal('');
    expect(document.activeElement).to.equal(summary);
    summary.remove();
  });

  it('moves focus to the box that shows the problem after a failed call (not announced twice)', async () => {
    const box = document.createElement('div');
    box.tabIndex = -1;
    document.body.append(box);
    const { submit } = setup({ alert: () => box });
    await submit.run(fail(new ApiRequestError(0, 'network', 'Failed to fetch')));
    await tick();
    expect(submit.problem).to.deep.equal({ kind: 'offline' });
    expect(document.activeElement === box, 'focus on the box').to.equal(true);
    expect(submit.announcement, 'focus reads it').to.equal('');
    box.remove();
  });

  it('without an issues handler, field errors are a problem like any other', async () => {
    const { submit } = setup({ text: undefined });
    await submit.run(fail(new ApiRequestError(400, 'validation_failed', 'x', [{ path: ['phone'], code: 'phone', message: 'x' }])));
    expect(submit.problem).to.deep.equal({ kind: 'failed' });
    await tick();
    expect(submit.announcement, 'not announced without a text').to.equal('');
  });

  it('aborts the call when the form leaves the page, and shows nothing', async () => {
    const { host, submit } = setup();
    let signal!: AbortSignal;
    const running = submit.run(
      (s) =>
        new Promise((_resolve, reject) => {
          signal = s;
          s.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        }),
    );
    host.disconnect();
    await running;
    expect(signal.aborted).to.equal(true);
    expect(submit.state).to.equal('idle');
    expect(submit.problem).to.equal(undefined);
  });

  it('shows a problem of the form’s own, and clears it', () => {
    const { host, submit } = setup();
    submit.show({ kind: 'not-found' });
    expect(submit.problem).to.deep.equal({ kind: 'not-found' });
    submit.show(undefined);
    expect(submit.problem).to.equal(undefined);
    expect(host.updates).to.equal(2);
  });
});
