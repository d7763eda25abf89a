import type { OpenRequest } from './store.js';

/** An open, close or toggle that the page asked for (`GovSupport.open()` and the others). */
export type PageCommand = { action: 'open'; request: OpenRequest } | { action: 'close' } | { action: 'toggle'; request: OpenRequest };

type Listener = () => void;

/**
 * The page API's commands on their way to the widget, so they work before it mounts: the last
 * one waits until a widget takes it; a mounted widget is told at once. (The settings travel in
 * the ConfigStore, a separate thing.)
 */
export class CommandQueue {
  private waiting: PageCommand | undefined;
  private listeners = new Set<Listener>();

  /** Page API → widget: remember the command, tell the mounted widget if there is one. */
  send(command: PageCommand): void {
    this.waiting = command;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The command waiting, if any; it is handed over once. */
  take(): PageCommand | undefined {
    const command = this.waiting;
    this.waiting = undefined;
    return command;
  }
}

/** The page's one queue, shared by `window.GovSupport` and the widget. */
export const pageCommands = new CommandQueue();
