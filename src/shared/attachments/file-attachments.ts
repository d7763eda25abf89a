import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { uploadFile } from './upload.js';
import { ConfigController } from '../../controllers/config-controller.js';
import { GsAttachmentsChangeEvent } from '../../events/attachment-events.js';
import { LocalizeController } from '../../i18n/localize.js';
import type { AttachmentType } from '../../protocol/attachments.js';
import type { Locale } from '../../protocol/config.js';
import { base, buttons, formControls, tokens, visuallyHidden } from '../../styles/index.js';
import {
  acceptAttribute,
  checkFile,
  hintText,
  pastedFiles,
  tooMany,
  uploadError,
  type AttachmentDraft,
  type AttachmentFile,
  type AttachmentRules,
} from './attachment-rules.js';
import { styles } from './file-attachments.styles.js';
import { fileRow } from './file-row.js';

export type { AttachmentDraft, AttachmentError, AttachmentFile, AttachmentStatus } from './attachment-rules.js';

/**
 * The attachments field of the request form and the chat. Files come from the picker,
 * by drag and drop, or as pasted screenshots; each is checked before upload (empty, size,
 * count, and its type by its leading bytes) and, when accepted, uploaded at once with its own
 * progress. Refused files stay listed with the reason. Works inside `gs-support-widget` or
 * standalone (then `backend` / `locale` attributes, or the page config).
 *
 * @tagname gs-file-attachments
 * @summary File picker, drop zone and paste target with checks, per-file upload progress and retry.
 *
 * @fires gs-attachments-change - The files changed (added, checked, uploaded, refused, removed, restored). `event.files`, `event.uploadIds`, `event.pending`, `event.drafts`.
 *
 * @csspart form-control - The group (fieldset) around the field.
 * @csspart label - The field's label (legend).
 * @csspart hint - Accepted types, size and count.
 * @csspart drop-zone - The area files may be dropped on; holds the choose button.
 * @csspart choose - The «Выбрать файлы» button.
 * @csspart file - One file's row.
 * @csspart error - Why a file was refused or its upload failed; the form's message about the field.
 */
export class GsFileAttachments extends LitElement {
  static override styles = [tokens, base, buttons, formControls, visuallyHidden, styles];
  /** `focus()` on the element (e.g. from an error summary) lands on «Выбрать файлы». */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Backend URL uploads go to (`{backend}/uploads`); from config when not set. */
  @property() backend?: string;

  /** Accepted types (decided by the files' leading bytes); from config when not set. */
  @property({ attribute: false }) types?: readonly AttachmentType[];

  /** Largest accepted file in bytes; from config when not set. */
  @property({ type: Number, attribute: 'max-size-bytes' }) maxSizeBytes?: number;

  /** How many files may be attached; from config when not set. */
  @property({ type: Number, attribute: 'max-count' }) maxCount?: number;

  /** A message about the field as a whole, set by the form (e.g. to wait for uploads). */
  @property() error = '';

  /** Language when used standalone. */
  @property() locale?: Locale;

  /** Colour scheme when used standalone. */
  @property({ reflect: true }) scheme?: 'auto' | 'light' | 'dark';

  @state() private entries: AttachmentFile[] = [];
  @state() private dragging = false;
  @state() private announcements: { id: number; text: string }[] = [];

  @query('input[type=file]') private input!: HTMLInputElement;

  private readonly config = new ConfigController(this);
  private readonly l10n = new LocalizeController(this, () => this.config.value.locale);
  private readonly uploads = new Map<string, AbortController>();
  private readonly pastes = new WeakSet<Event>();
  /** Checks run one at a time, so the count limit sees every earlier file's outcome. */
  private checks: Promise<void> = Promise.resolve();
  private counter = 0;
  private announced = 0;

  constructor() {
    super();
    this.addEventListener('paste', (event) => this.handlePaste(event));
  }

  /** Every file, in order, with its status (a copy). */
  get files(): AttachmentFile[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Ids of the uploaded files, in order. */
  get uploadIds(): string[] {
    return this.entries.flatMap((entry) => (entry.status === 'uploaded' && entry.uploadId ? [entry.uploadId] : []));
  }

  /** True while a file is being checked or uploaded (a form waits before sending). */
  get pending(): boolean {
    return this.entries.some((entry) => entry.status === 'checking' || entry.status === 'uploading');
  }

  /**
   * Takes the files of a paste (screenshots are named «снимок-экрана-N.png»). The element
   * listens on itself and its drop zone; a form calls this for pastes elsewhere in it. Pastes
   * without files are left alone; one event is handled once, however many listeners see it.
   */
  handlePaste(event: ClipboardEvent): void {
    if (this.pastes.has(event)) return;
    this.pastes.add(event);
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length || this.rules.maxCount === 0) return;
    event.preventDefault();
    this.add(pastedFiles(files, this.l10n.msg.attachments.pastedName, this.entries.map((entry) => entry.file.name)));
  }

  /**
   * Replaces the files with saved ones (a draft): those with an `id` are kept as uploaded,
   * the others are checked and uploaded again. Uploads in progress are aborted.
   */
  restore(entries: readonly AttachmentDraft[]): void {
    for (const controller of this.uploads.values()) controller.abort();
    this.uploads.clear();
    const restored = entries.map((draft): AttachmentFile => {
      const file = new File([draft.blob], draft.name, { type: draft.type });
      return draft.id
        ? { key: `file-${++this.counter}`, file, status: 'uploaded', progress: 100, uploadId: draft.id }
        : { key: `file-${++this.counter}`, file, status: 'checking', progress: 0 };
    });
    this.entries = restored;
    this.changed();
    for (const entry of restored) if (entry.status === 'checking') this.queueCheck(entry);
  }

  private get rules(): AttachmentRules {
    const { types, maxSizeBytes, maxCount } = this.config.value.attachments;
    return { types: this.types ?? types, maxSizeBytes: this.maxSizeBytes ?? maxSizeBytes, maxCount: this.maxCount ?? maxCount };
  }

  private get uploadUrl(): string {
    return this.backend !== undefined ? this.backend.replace(/\/+$/, '') : this.config.value.backend;
  }

  private add(files: readonly File[]): void {
    if (!files.length) return;
    const added = files.map((file): AttachmentFile => ({ key: `file-${++this.counter}`, file, status: 'checking', progress: 0 }));
    this.entries = [...this.entries, ...added];
    this.changed();
    for (const entry of added) this.queueCheck(entry);
  }

  private queueCheck(entry: AttachmentFile): void {
    this.checks = this.checks.then(() => this.check(entry));
  }

  private async check(entry: AttachmentFile): Promise<void> {
    if (!this.entries.includes(entry)) return;
    const rules = this.rules;
    const msg = this.l10n.msg;
    const counted = this.entries.filter((e) => e.status === 'uploading' || e.status === 'uploaded' || e.status === 'failed').length;
    const error = (await checkFile(entry.file, rules, this.l10n.locale, msg)) ?? (counted >= rules.maxCount ? tooMany(rules, msg) : undefined);
    if (!this.entries.includes(entry)) return;
    if (!error) return void this.upload(entry);
    this.set(entry, { status: 'rejected', error });
    this.announce(`${msg.attachments.rejectedBy(entry.file.name)}: ${error.message}`);
  }

  private async upload(entry: AttachmentFile): Promise<void> {
    const msg = this.l10n.msg;
    const controller = new AbortController();
    this.uploads.set(entry.key, controller);
    this.set(entry, { status: 'uploading', progress: 0, error: undefined });
    this.announce(`${entry.file.name}: ${msg.attachments.uploading(0)}`);
    try {
      const onProgress = (percent: number) => {
        entry.progress = percent;
        this.requestUpdate();
      };
      const answer = await uploadFile(this.uploadUrl, entry.file, { signal: controller.signal, onProgress });
      if (controller.signal.aborted) return;
      this.set(entry, { status: 'uploaded', progress: 100, uploadId: answer.id });
      this.announce(`${entry.file.name}: ${msg.attachments.uploaded}`);
    } catch (error) {
      if (controller.signal.aborted) return;
      const failure = uploadError(error, msg);
      this.set(entry, { status: 'failed', error: failure });
      this.announce(`${entry.file.name}: ${failure.message}`);
    } finally {
      if (this.uploads.get(entry.key) === controller) this.uploads.delete(entry.key);
    }
  }

  /** Updates one entry (a new object, so the list re-renders) and tells the form. */
  private set(entry: AttachmentFile, patch: Partial<AttachmentFile>): void {
    Object.assign(entry, patch);
    if (patch.error === undefined && 'error' in patch) delete entry.error;
    this.entries = [...this.entries];
    this.changed();
  }

  private changed(): void {
    this.requestUpdate();
    this.dispatchEvent(new GsAttachmentsChangeEvent(this.files, this.uploadIds, this.pending));
  }

  private announce(text: string): void {
    this.announcements = [...this.announcements.slice(-4), { id: ++this.announced, text }];
  }

  private async removeFile(entry: AttachmentFile): Promise<void> {
    const index = this.entries.indexOf(entry);
    this.uploads.get(entry.key)?.abort();
    this.uploads.delete(entry.key);
    this.entries = this.entries.filter((e) => e !== entry);
    this.changed();
    await this.updateComplete;
    // Focus stays in the list: the next file's remove button, else the previous, else «Выбрать файлы».
    const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>('.remove');
    (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLButtonElement>('.choose'))?.focus();
  }

  private async retry(entry: AttachmentFile): Promise<void> {
    void this.upload(entry);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`[data-key="${entry.key}"] .remove`)?.focus();
  }

  private onPick(): void {
    this.add([...(this.input.files ?? [])]);
    // The same file may be picked again after it was removed.
    this.input.value = '';
  }

  private onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDragLeave(event: DragEvent): void {
    const zone = event.currentTarget as HTMLElement;
    if (!(event.relatedTarget instanceof Node && zone.contains(event.relatedTarget))) this.dragging = false;
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    this.add([...(event.dataTransfer?.files ?? [])]);
  }

  protected override render() {
    const rules = this.rules;
    if (rules.maxCount === 0 && !this.entries.length) return nothing;
    const msg = this.l10n.msg;
    return html`
      <fieldset class="form-control ${this.error ? 'has-error' : ''}" part="form-control">
        <legend class="label" part="label" id="label">${msg.attachments.label}</legend>
        <p class="hint" part="hint" id="hint">${hintText(rules, this.l10n.locale, msg)}</p>
        ${this.error
          ? html`<p class="error" part="error" id="error"><span class="visually-hidden">${msg.errorPrefix} </span>${this.error}</p>`
          : nothing}
        <div
          class="drop-zone ${this.dragging ? 'is-dragging' : ''}"
          part="drop-zone"
          @dragenter=${this.onDragOver}
          @dragover=${this.onDragOver}
          @dragleave=${this.onDragLeave}
          @drop=${this.onDrop}
          @paste=${this.handlePaste}
        >
          <input type="file" multiple hidden accept=${acceptAttribute(rules.types)} @change=${this.onPick} />
          <button class="button-primary choose" part="choose" type="button" aria-describedby=${this.error ? 'hint error' : 'hint'} @click=${() => this.input.click()}>
            ${msg.attachments.choose}
          </button>
          <span class="drop-text">${msg.attachments.dropHere}</span>
        </div>
        ${this.entries.length
          ? html`<ul class="files" role="list" aria-labelledby="label">
              ${repeat(this.entries, (entry) => entry.key, (entry) => fileRow(entry, msg, this.rowActions))}
            </ul>`
          : nothing}
        <div class="visually-hidden" role="status">${repeat(this.announcements, (a) => a.id, (a) => html`<p>${a.text}</p>`)}</div>
      </fieldset>
    `;
  }

  private readonly rowActions = { remove: (e: AttachmentFile) => void this.removeFile(e), retry: (e: AttachmentFile) => void this.retry(e) };
}

declare global {
  interface HTMLElementTagNameMap {
    'gs-file-attachments': GsFileAttachments;
  }
}
