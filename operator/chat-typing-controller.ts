import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** «Typing» is sent again at most this often while the operator keeps typing. */
export const TYPING_REPEAT_MS = 3_000;
/** After this long without a keystroke, «stopped typing» is sent. */
export const TYPING_IDLE_MS = 4_000;

/**
 * The operator's typing indicator, throttled: the first keystroke sends `typing: true`, more
 * keystrokes repeat it at most every TYPING_REPEAT_MS, and TYPING_IDLE_MS of quiet (or sending,
 * or leaving the view) sends `typing: false` once.
 */
export class ChatTypingController implements ReactiveController {
  private typing = false;
  private lastSent = 0;
  private idle?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly send: (typing: boolean) => void,
  ) {
    host.addController(this);
  }

  /** A keystroke in the reply box. */
  input(): void {
    const now = Date.now();
    if (!this.typing || now - this.lastSent >= TYPING_REPEAT_MS) {
      this.typing = true;
      this.lastSent = now;
      this.send(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Sent, cleared, or gone: «stopped typing», if «typing» was said. */
  stop(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.typing) return;
    this.typing = false;
    this.send(false);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }
}
