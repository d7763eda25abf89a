import type { ViewName } from '../config/store.js';
import type { ChannelId } from '../protocol/config.js';

/** The panel opened (by the citizen or by `GovSupport.open`). */
export class GsOpenEvent extends Event {
  static readonly eventName = 'gs-open';
  constructor(readonly view: ViewName) {
    super(GsOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The panel closed. */
export class GsCloseEvent extends Event {
  static readonly eventName = 'gs-close';
  constructor() {
    super(GsCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The panel shows another view (home, chat, request, status, callback, offices). */
export class GsViewEvent extends Event {
  static readonly eventName = 'gs-view';
  constructor(
    readonly view: ViewName,
    readonly previous: ViewName | undefined,
  ) {
    super(GsViewEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A view asks the panel to navigate (e.g. a channel entry was chosen). */
export class GsNavigateEvent extends Event {
  static readonly eventName = 'gs-navigate';
  constructor(
    readonly view: ViewName,
    readonly prefill?: Record<string, unknown>,
  ) {
    super(GsNavigateEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The citizen points at or focuses a channel entry: its file may start to arrive. */
export class GsPrefetchEvent extends Event {
  static readonly eventName = 'gs-prefetch';
  constructor(readonly view: ChannelId) {
    super(GsPrefetchEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * A message from the other side of a conversation arrived live (an operator's reply, the
 * assistant's answer): while the panel is closed, the launcher counts it.
 */
export class GsIncomingMessageEvent extends Event {
  static readonly eventName = 'gs-incoming-message';
  constructor() {
    super(GsIncomingMessageEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gs-prefetch': GsPrefetchEvent;
    'gs-open': GsOpenEvent;
    'gs-close': GsCloseEvent;
    'gs-view': GsViewEvent;
    'gs-navigate': GsNavigateEvent;
    'gs-incoming-message': GsIncomingMessageEvent;
  }
}
