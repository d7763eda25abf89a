// Shared by the launcher tests: a fake panel module, a loader the test resolves or rejects, and
// a clean page between tests. These tests never load the Lit widget (src/index.ts, the fixture):
// here `gs-support-widget` is the launcher.
import type { LauncherBridge, PanelHandle, PanelModule } from '../../src/launcher/bridge.js';
import type { LauncherApi } from '../../src/launcher/page-api.js';
import { startLauncher } from '../../src/launcher/start.js';

const STARTED = Symbol.for('gov-support-widget.loaded');

/** A stand-in for src/panel: appends a dialog to the launcher's shadow root and records every call. */
export class FakePanel {
  readonly calls: unknown[][] = [];
  bridge?: LauncherBridge;
  dialog?: HTMLElement;
  /** Make the handle's methods throw (a broken panel). */
  throws = false;
  /** Put the dialog in a shadow root of its own, as the Lit panel does (its id then does not resolve in the launcher's). */
  nested = false;

  readonly module: PanelModule = {
    attachPanel: (bridge) => {
      this.bridge = bridge;
      const dialog = document.createElement('div');
      dialog.id = 'panel';
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-labelledby', 'panel-title');
      dialog.hidden = true;
      const heading = document.createElement('h2');
      heading.id = 'panel-title';
      heading.tabIndex = -1;
      heading.textContent = 'Служба поддержки';
      dialog.append(heading);
      if (this.nested) {
        const element = document.createElement('div');
        element.attachShadow({ mode: 'open' }).append(dialog);
        bridge.root.append(element);
      } else bridge.root.append(dialog);
      this.dialog = dialog;
      const show = (open: boolean) => {
        if (this.throws) throw new Error('broken panel');
        dialog.hidden = !open;
        bridge.setOpen(open);
        if (open) heading.focus();
      };
      const handle: PanelHandle = {
        open: (view, prefill) => {
          this.calls.push(['open', view, prefill]);
          show(true);
        },
        close: () => {
          this.calls.push(['close']);
          show(false);
        },
        toggle: (view, prefill) => {
          this.calls.push(['toggle', view, prefill]);
          show(dialog.hidden);
        },
        configure: (partial) => {
          this.calls.push(['configure', partial]);
        },
      };
      for (const call of bridge.takeQueue()) (handle[call.method] as (...args: unknown[]) => void)(...call.args);
      return handle;
    },
  };

  get open(): boolean {
    return !!this.dialog && !this.dialog.hidden;
  }
}

/** A `loadPanel` whose attempts the test settles: `resolve()` with the fake panel, or `reject()`. */
export class ControlledLoader {
  readonly attempts: { resolve: (module: PanelModule) => void; reject: (error: Error) => void; attempt: number }[] = [];
  constructor(readonly panel = new FakePanel()) {}

  readonly loadPanel = (attempt: number): Promise<PanelModule> =>
    new Promise((resolve, reject) => {
      this.attempts.push({ resolve, reject, attempt });
    });

  get count(): number {
    return this.attempts.length;
  }

  /** Settles the latest attempt with the panel, then lets the launcher attach it. */
  async resolve(): Promise<void> {
    this.attempts.at(-1)!.resolve(this.panel.module);
    await settle();
  }

  async reject(): Promise<void> {
    this.attempts.at(-1)!.reject(new Error('Failed to fetch dynamically imported module'));
    await settle();
  }
}

/** Promise callbacks and one animation frame. */
export const settle = () => new Promise<void>((resolve) => setTimeout(() => requestAnimationFrame(() => resolve()), 0));

export const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

/** A page as before the script tag: no launcher, no flag, no GovSupport, no hash. */
export function resetPage(): void {
  for (const element of document.querySelectorAll('gs-support-widget')) element.remove();
  const win = window as unknown as Record<PropertyKey, unknown>;
  delete win[STARTED];
  delete win.GovSupport;
  history.replaceState(null, '', location.pathname + location.search);
}

export interface Started {
  api: LauncherApi;
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  loader: ControlledLoader;
  panel: FakePanel;
}

/** Starts the launcher as the script tag does, with `dataset` as the tag's data-*. */
export async function start(dataset: Record<string, string> = {}, loader = new ControlledLoader(), loadPanel = loader.loadPanel): Promise<Started> {
  const api = startLauncher({ loadPanel, dataset, scriptOrigin: 'https://widget.example' })!;
  const host = document.querySelector<HTMLElement>('gs-support-widget')!;
  const root = host?.shadowRoot as ShadowRoot;
  return { api, host, root, button: root?.querySelector('button.launcher') as HTMLButtonElement, loader, panel: loader.panel };
}

export const live = (root: ShadowRoot) => root.querySelector('[role="status"]')!.textContent;
export const fallback = (root: ShadowRoot) => root.querySelector<HTMLElement>('.fallback');
