import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fieldErrorKey, issueLimits, type FieldErrorKey } from '../protocol/field-errors.js';

/** One field's problem: the key of the catalogue text and its limits. */
export interface FieldProblem {
  key: FieldErrorKey;
  min?: number;
  max?: number;
}

interface IssueLike {
  path: readonly PropertyKey[];
  code: string;
  message: string;
}

/** The form field an issue path belongs to (`links.2` → `links`). */
const fieldOf = (path: readonly PropertyKey[]) => String(path[0] ?? '');

/**
 * Validation state of a form (Lion's interaction states, GOV.UK's timing): rules always run,
 * but a field's error shows only once it was changed and left, or after a submit. Server field
 * errors land on the same fields and stay until that field changes.
 */
export class FormValidationController<F extends string = string> implements ReactiveController {
  private changed = new Set<string>();
  private left = new Set<string>();
  private client = new Map<string, FieldProblem>();
  private server = new Map<string, FieldProblem>();
  /** A pointer is down in the form: showing an error now would move what it is about to click. */
  private pointerDown = false;
  private deferred = new Set<F>();
  submitted = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      issues: () => readonly IssueLike[];
      body: () => unknown;
      /** An error became visible because the citizen left its field (to announce it). */
      onShown?: (field: F, problem: FieldProblem) => void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.onPointerDown, true);
    document.addEventListener('pointerup', this.onPointerUp, true);
    document.addEventListener('pointercancel', this.onPointerUp, true);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.onPointerDown, true);
    document.removeEventListener('pointerup', this.onPointerUp, true);
    document.removeEventListener('pointercancel', this.onPointerUp, true);
  }

  private readonly onPointerDown = (): void => {
    this.pointerDown = true;
  };

  private readonly onPointerUp = (): void => {
    if (!this.pointerDown) return;
    this.pointerDown = false;
    // After the click that this pointer makes, show what leaving the field earned.
    setTimeout(() => {
      const fields = [...this.deferred];
      this.deferred.clear();
      for (const field of fields) this.leave(field);
      this.host.requestUpdate();
    }, 0);
  };

  /** Re-runs the rules (call after every change of the value). */
  revalidate(): void {
    this.client = new Map();
    const body = this.options.body();
    for (const issue of this.options.issues()) {
      const field = fieldOf(issue.path);
      if (!this.client.has(field)) this.client.set(field, { key: fieldErrorKey(issue, body), ...issueLimits(issue) });
    }
  }

  /** The citizen typed in `field`. */
  input(field: F): void {
    this.changed.add(field);
    this.server.delete(field);
    this.revalidate();
    this.host.requestUpdate();
  }

  /**
   * The citizen left `field`. When they left it by pressing on another control, its error
   * waits until that press is over, so that the layout does not move under the pointer.
   */
  blur(field: F): void {
    if (!this.changed.has(field)) return;
    if (this.pointerDown) this.deferred.add(field);
    else this.leave(field);
    this.host.requestUpdate();
  }

  private leave(field: F): void {
    const before = this.visible(field);
    this.left.add(field);
    const after = this.visible(field);
    if (after && after !== before) this.options.onShown?.(field, after);
  }

  /** The problem to show on `field` now, if any. */
  visible(field: F): FieldProblem | undefined {
    const server = this.server.get(field);
    if (server) return server;
    if (this.submitted || (this.changed.has(field) && this.left.has(field))) return this.client.get(field);
    return undefined;
  }

  /** On submit: every problem becomes visible. Returns the fields with problems, in `order`. */
  submit(order: readonly F[]): F[] {
    this.submitted = true;
    this.revalidate();
    this.host.requestUpdate();
    return order.filter((f) => this.client.has(f) || this.server.has(f));
  }

  /** Field issues from the server's 400 answer. Returns the fields they are on. */
  serverIssues(issues: readonly IssueLike[]): string[] {
    this.submitted = true;
    for (const issue of issues) {
      const field = fieldOf(issue.path);
      if (!this.server.has(field)) this.server.set(field, { key: fieldErrorKey(issue) });
    }
    this.host.requestUpdate();
    return [...this.server.keys()];
  }

  /** Forget interaction (after a successful submit, or a new form). */
  reset(): void {
    this.deferred.clear();
    this.changed.clear();
    this.left.clear();
    this.server.clear();
    this.submitted = false;
    this.revalidate();
  }
}
